/**
 * The Kubernetes minor versions whose behaviour Stackplan reproduces, and the version-gated
 * facts the rules depend on (reference §12). Only minors matter: every gate below changed
 * default at a minor release.
 */
import type { KubernetesVersion } from './service-network';

export const OLDEST_MINOR = 26;
export const NEWEST_MINOR = 35;

export const SUPPORTED_VERSIONS: readonly string[] = Array.from(
  { length: NEWEST_MINOR - OLDEST_MINOR + 1 },
  (_, i) => `1.${OLDEST_MINOR + i}`,
);

export const DEFAULT_VERSION = `1.${NEWEST_MINOR}`;

/** Accepts "1.30", "v1.30" and "1.30.2"; the patch level is ignored. */
export function parseKubernetesVersion(text: string): KubernetesVersion | null {
  const m = /^v?1\.(0|[1-9][0-9]?)(\.(0|[1-9][0-9]{0,3}))?$/.exec(text);
  if (!m) return null;
  const minor = Number(m[1]);
  return minor >= OLDEST_MINOR && minor <= NEWEST_MINOR ? { major: 1, minor } : null;
}

export const formatKubernetesVersion = (v: KubernetesVersion): string => `${v.major}.${v.minor}`;

export const atLeast = (v: KubernetesVersion, minor: number): boolean =>
  v.major > 1 || (v.major === 1 && v.minor >= minor);

/**
 * Whether the legacy bitmap cluster-IP allocator is still written. `DisableAllocatorDualWrite`
 * became GA and on by default in 1.34 (with `MultiCIDRServiceAllocator` locked on); until then
 * the bitmap's limits apply: 20 host bits per service CIDR, the IPv6 65536-address cap and the
 * excluded IPv6 all-ones address (ipallocator/bitmap.go `New`, options/validation.go
 * `validateClusterIPFlags`).
 */
export const usesBitmapAllocator = (v: KubernetesVersion): boolean => !atLeast(v, 34);

/** `ServiceNodePortStaticSubrange` (KEP-3668): beta and on by default from 1.28. */
export const hasNodePortStaticBand = (v: KubernetesVersion): boolean => atLeast(v, 28);
