/**
 * A tenant's cluster as the other modules see it: its row identity plus the validated
 * definition and the Service network derived from it.
 */
import type { ClusterDefinition } from '../../core/cluster';
import type { ServiceNetwork } from '../../core/cluster/service-network';
import type { Tx } from '../../platform/database/transactions';

export interface ClusterContext {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly generation: number;
  readonly definition: ClusterDefinition;
  readonly network: ServiceNetwork;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * Creates what the control plane creates with a cluster (`default/kubernetes`,
 * `kube-system/kube-dns`) inside the cluster's creation transaction. Provided by the
 * services module, which owns the Service pipeline.
 */
export interface ClusterSeeder {
  seed(tx: Tx, cluster: ClusterContext, actor: string): Promise<void>;
}
export const CLUSTER_SEEDER = Symbol('CLUSTER_SEEDER');
