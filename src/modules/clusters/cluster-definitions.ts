/**
 * Validated cluster definitions by row id and generation: the one per-process parse cache
 * every module uses. Rows are always read from the database; only the parse is reused, and a
 * new generation (a PATCH on any replica) parses again.
 */
import { Injectable } from '@nestjs/common';
import {
  type ClusterDefinition,
  type ClusterDefinitionInput,
  validateClusterDefinition,
} from '../../core/cluster';

const MAX_ENTRIES = 10_000;

/** A cluster row's definition columns, however the caller read them. */
export interface StoredClusterColumns {
  name: string;
  kubernetesVersion: string;
  serviceCidrs: string[];
  podCidrs: string[];
  nodeMaskIpv4: number | null;
  nodeMaskIpv6: number | null;
  nodePortRange: string;
  maxPodsPerNode: number;
  dnsServiceIp: string;
}

/** The stored columns as the input validateClusterDefinition reads. */
export function storedClusterInput(row: StoredClusterColumns): ClusterDefinitionInput {
  const masks: Record<string, number> = {};
  if (row.nodeMaskIpv4 !== null) masks.IPv4 = row.nodeMaskIpv4;
  if (row.nodeMaskIpv6 !== null) masks.IPv6 = row.nodeMaskIpv6;
  return {
    name: row.name,
    kubernetesVersion: row.kubernetesVersion,
    serviceCIDRs: row.serviceCidrs,
    podCIDRs: row.podCidrs,
    nodeCIDRMaskSize: masks,
    serviceNodePortRange: row.nodePortRange,
    maxPodsPerNode: row.maxPodsPerNode,
    dnsServiceIP: row.dnsServiceIp,
  };
}

@Injectable()
export class ClusterDefinitions {
  private readonly parsed = new Map<
    string,
    { generation: number; definition: ClusterDefinition }
  >();

  of(id: string, generation: number, stored: ClusterDefinitionInput): ClusterDefinition {
    const hit = this.parsed.get(id);
    if (hit && hit.generation === generation) return hit.definition;
    const result = validateClusterDefinition(stored);
    if (!result.ok) throw new Error(`stored cluster ${id} no longer validates`);
    if (this.parsed.size >= MAX_ENTRIES) this.parsed.clear();
    this.parsed.set(id, { generation, definition: result.value });
    return result.value;
  }

  forget(id: string): void {
    this.parsed.delete(id);
  }
}
