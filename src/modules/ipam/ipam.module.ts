/**
 * IPAM: the persistent allocators (service addresses, node ports, node pod CIDRs), the
 * `AllocatorFactory` the Service pipeline allocates through, and the IPAM REST/GraphQL API.
 */
import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { AllocationCountersRepository } from './allocation-counters.repository';
import { AllocatorFactory } from './allocator-factory';
import { ClusterCache } from './cluster-cache';
import { DirectSql } from './direct-sql';
import { Idempotency } from './idempotency';
import { IdempotencyRepository } from './idempotency.repository';
import { IpAllocationsRepository } from './ip-allocations.repository';
import { IpAllocationsService } from './ip-allocations.service';
import { IpAllocator } from './ip-allocator';
import { IpTakeBatcher } from './ip-take-batcher';
import { IpamController } from './ipam.controller';
import { IpamResolver } from './ipam.resolver';
import { NodePortsRepository } from './node-ports.repository';
import { NodesRepository } from './nodes.repository';
import { NodesService } from './nodes.service';
import { PortAllocator } from './port-allocator';

@Module({
  imports: [ClustersModule],
  controllers: [IpamController],
  providers: [
    AllocationCountersRepository,
    ClusterCache,
    DirectSql,
    IpAllocationsRepository,
    IpTakeBatcher,
    NodePortsRepository,
    NodesRepository,
    IdempotencyRepository,
    Idempotency,
    IpAllocator,
    PortAllocator,
    AllocatorFactory,
    IpAllocationsService,
    NodesService,
    IpamResolver,
  ],
  exports: [AllocatorFactory, AllocationCountersRepository, ClusterCache, DirectSql, IpAllocator],
})
export class IpamModule {}
