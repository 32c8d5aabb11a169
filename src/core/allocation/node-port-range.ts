/**
 * The NodePort range and its static/dynamic bands (KEP-3668; portallocator/allocator.go
 * `NewPortAllocatorCustom`, `calculateRangeOffset`; reference §9.4).
 */
import { hasNodePortStaticBand } from '../cluster/kubernetes-version';
import type { KubernetesVersion, PortRange } from '../cluster/service-network';

export interface NodePortBands {
  readonly base: number;
  readonly size: number;
  /** Size of the static band (0 before 1.28, when `ServiceNodePortStaticSubrange` was off). */
  readonly offset: number;
  readonly staticLast: number;
  readonly dynamicFirst: number;
  readonly last: number;
}

/** portallocator `calculateRangeOffset`: `min(max(16, size/32), 128)`, 0 when size <= 16. */
export function calculatePortRangeOffset(size: number): number {
  if (size <= 16) return 0;
  const offset = Math.floor(size / 32);
  return Math.min(Math.max(16, offset), 128);
}

export function nodePortBands(range: PortRange, version: KubernetesVersion): NodePortBands {
  const offset = hasNodePortStaticBand(version) ? calculatePortRangeOffset(range.size) : 0;
  return {
    base: range.base,
    size: range.size,
    offset,
    staticLast: range.base + offset - 1,
    dynamicFirst: range.base + offset,
    last: range.base + range.size - 1,
  };
}

export function nodePortBandOf(b: NodePortBands, port: number): 'static' | 'dynamic' | null {
  if (!Number.isInteger(port) || port < b.base || port > b.last) return null;
  return port <= b.staticLast ? 'static' : 'dynamic';
}

/** portallocator `ErrNotInRange.Error()`. */
export const portNotInRangeMessage = (b: NodePortBands): string =>
  `provided port is not in the valid range. The range of valid ports is ${b.base}-${b.last}`;

/** portallocator `ErrAllocated`. */
export const PORT_ALLOCATED_MESSAGE = 'provided port is already allocated';
