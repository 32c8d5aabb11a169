/**
 * CLUSTER_SEEDER: creates the control plane's own Services inside the cluster-creation
 * transaction, through the same pipeline and allocator as any other Service, so they list,
 * plan and release like the rest.
 */
import { Injectable } from '@nestjs/common';
import { kubernetesServiceIP } from '../../core/cluster/dns-service-ip';
import { formatIP } from '../../core/net';
import type { Tx } from '../../platform/database/transactions';
import { AppError } from '../../platform/errors/app-error';
import type { ClusterContext, ClusterSeeder } from '../clusters/cluster-context';
import { kubeDnsService, kubernetesService } from './control-plane-services';
import { ServiceWriter } from './service-writer';

@Injectable()
export class ControlPlaneSeeder implements ClusterSeeder {
  constructor(private readonly writer: ServiceWriter) {}

  async seed(tx: Tx, cluster: ClusterContext, actor: string): Promise<void> {
    const mode = { dryRun: false, tx, actor } as const;
    const primary = cluster.definition.serviceCIDRs[0]!;
    const manifests = [kubernetesService(formatIP(kubernetesServiceIP(primary)))];
    const dns = cluster.definition.dnsServiceIP;
    if (dns) manifests.push(kubeDnsService(formatIP(dns)));
    for (const svc of manifests) {
      const out = await this.writer.create(mode, cluster, svc.metadata.namespace ?? 'default', svc);
      if (!out.ok) throw new AppError(out.status);
    }
  }
}
