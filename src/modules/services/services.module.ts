/**
 * Services: the Kubernetes-shaped endpoints, plan/apply, import, and the cluster seeder.
 * Global so that the clusters module, which cannot import this one (it is imported by it),
 * finds CLUSTER_SEEDER when it creates a cluster.
 */
import { Global, Module } from '@nestjs/common';
import { CLUSTER_SEEDER } from '../clusters/cluster-context';
import { ClustersModule } from '../clusters/clusters.module';
import { IpamModule } from '../ipam/ipam.module';
import { ControlPlaneSeeder } from './cluster-seeder';
import { ImportService } from './import.service';
import { PlanController } from './plan.controller';
import { PlanReadsRepository } from './plan-reads.repository';
import { PlanService } from './plan.service';
import { ServiceWriter } from './service-writer';
import { ServicesController } from './services.controller';
import { ServicesRepository } from './services.repository';
import { ServicesResolver } from './services.resolver';
import { ServicesService } from './services.service';

@Global()
@Module({
  imports: [ClustersModule, IpamModule],
  controllers: [ServicesController, PlanController],
  providers: [
    ServicesRepository,
    ServiceWriter,
    ServicesService,
    PlanService,
    PlanReadsRepository,
    ImportService,
    ServicesResolver,
    ControlPlaneSeeder,
    { provide: CLUSTER_SEEDER, useExisting: ControlPlaneSeeder },
  ],
  exports: [CLUSTER_SEEDER, ServicesService],
})
export class ServicesModule {}
