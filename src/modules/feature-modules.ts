/** Every feature module, in one list for the app module. */
import { AuditModule } from './audit/audit.repository';
import { CapacityModule } from './capacity/capacity.module';
import { ClustersModule } from './clusters/clusters.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DocsModule } from './docs/docs.module';
import { HealthModule } from './health/health.module';
import { IpamModule } from './ipam/ipam.module';
import { MetricsModule } from './metrics/metrics.module';
import { ServicesModule } from './services/services.module';
import { TenantsModule } from './tenants/tenants.module';

export const FEATURE_MODULES = [
  AuditModule,
  HealthModule,
  TenantsModule,
  ClustersModule,
  ServicesModule,
  IpamModule,
  CapacityModule,
  MetricsModule,
  DashboardModule,
  DocsModule,
];
