/**
 * What the Service rules need to know about a cluster: kube-apiserver's
 * `--service-cluster-ip-range` (primary first), `--service-node-port-range`, and the version
 * whose behaviour to reproduce. Built from a validated cluster definition (cluster/).
 */
import type { Cidr, IPFamily } from '../net';

export interface KubernetesVersion {
  readonly major: number;
  readonly minor: number;
}

export interface PortRange {
  /** First port. */
  readonly base: number;
  /** Number of ports (inclusive range). */
  readonly size: number;
}

export interface ServiceNetwork {
  /** One or two CIDRs, one per family; the first is the primary. */
  readonly serviceCIDRs: readonly Cidr[];
  readonly nodePortRange: PortRange;
  readonly version: KubernetesVersion;
}

export const primaryFamily = (n: ServiceNetwork): IPFamily => n.serviceCIDRs[0]!.family;

export const cidrForFamily = (n: ServiceNetwork, f: IPFamily): Cidr | undefined =>
  n.serviceCIDRs.find((c) => c.family === f);

export const isDualStack = (n: ServiceNetwork): boolean => n.serviceCIDRs.length === 2;

export const formatPortRange = (r: PortRange): string => `${r.base}-${r.base + r.size - 1}`;
