import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { CapacityController } from './capacity.controller';
import { CapacityLoaders } from './capacity-loaders';
import { CapacityRepository } from './capacity.repository';
import { CapacityResolver, ClusterCapacityResolver } from './capacity.resolver';
import { CapacityService } from './capacity.service';

@Module({
  imports: [ClustersModule],
  controllers: [CapacityController],
  providers: [
    CapacityRepository,
    CapacityService,
    CapacityLoaders,
    CapacityResolver,
    ClusterCapacityResolver,
  ],
  exports: [CapacityService],
})
export class CapacityModule {}
