/** The per-request batch loaders of the capacity resolvers (see batch-loader.ts). */
import { Injectable } from '@nestjs/common';
import type { ClusterCapacity } from '../../core/capacity';
import { notFound } from '../../platform/errors/app-error';
import { BatchLoader, RequestLoaders } from './batch-loader';
import { viewed, type Viewed } from './capacity-view';
import { CapacityService } from './capacity.service';
import type { RangeForecast } from './range-forecasts';

export interface Loaders {
  /** Reports by cluster id. */
  readonly capacity: BatchLoader<string, ClusterCapacity>;
  /** Forecasts of a report, for one window length. */
  forecasts(windowDays: number): BatchLoader<ClusterCapacity, Viewed<RangeForecast>[]>;
}

@Injectable()
export class CapacityLoaders extends RequestLoaders<Loaders> {
  constructor(service: CapacityService) {
    super((tenantId) => {
      const byWindow = new Map<number, BatchLoader<ClusterCapacity, Viewed<RangeForecast>[]>>();
      return {
        capacity: new BatchLoader(
          (ids: string[]) => service.byIds(tenantId, ids),
          (id) => notFound('clusters', id),
        ),
        forecasts(days) {
          let loader = byWindow.get(days);
          if (!loader) {
            loader = new BatchLoader(async (reports: ClusterCapacity[]) => {
              const all = await service.forecasts(tenantId, reports, days);
              return new Map(reports.map((r, i) => [r, viewed(all[i] ?? [])]));
            });
            byWindow.set(days, loader);
          }
          return loader;
        },
      };
    });
  }
}
