/**
 * The wire form of a cluster definition, the same shape `validateClusterDefinition` accepts,
 * with every default written out, so a stored definition reads back unchanged.
 */
import { formatIP } from '../net';
import type { ClusterDefinition } from './cluster-definition';
import { NO_DNS_SERVICE } from './dns-service-ip';
import { formatPortRange } from './service-network';

export interface ClusterDefinitionJSON {
  name: string;
  kubernetesVersion: string;
  serviceCIDRs: string[];
  podCIDRs: string[];
  nodeCIDRMaskSize: { IPv4?: number; IPv6?: number };
  serviceNodePortRange: string;
  maxPodsPerNode: number;
  /** "none" when the cluster has no DNS Service. */
  dnsServiceIP: string;
}

export function clusterDefinitionToJSON(def: ClusterDefinition): ClusterDefinitionJSON {
  const nodeCIDRMaskSize: ClusterDefinitionJSON['nodeCIDRMaskSize'] = {};
  if (def.nodeCIDRMaskSize.IPv4 !== undefined) nodeCIDRMaskSize.IPv4 = def.nodeCIDRMaskSize.IPv4;
  if (def.nodeCIDRMaskSize.IPv6 !== undefined) nodeCIDRMaskSize.IPv6 = def.nodeCIDRMaskSize.IPv6;
  return {
    name: def.name,
    kubernetesVersion: def.kubernetesVersion,
    serviceCIDRs: def.serviceCIDRs.map((c) => c.text),
    podCIDRs: def.podCIDRs.map((c) => c.text),
    nodeCIDRMaskSize,
    serviceNodePortRange: formatPortRange(def.nodePortRange),
    maxPodsPerNode: def.maxPodsPerNode,
    dnsServiceIP: def.dnsServiceIP ? formatIP(def.dnsServiceIP) : NO_DNS_SERVICE,
  };
}
