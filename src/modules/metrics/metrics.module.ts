import { Module } from '@nestjs/common';
import { CapacityModule } from '../capacity/capacity.module';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

@Module({
  imports: [CapacityModule],
  controllers: [MetricsController],
  providers: [MetricsRegistry, MetricsRepository, MetricsService],
})
export class MetricsModule {}
