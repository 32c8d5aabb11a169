/** Every feature module, in one list for the app module. */
import { AuditModule } from './audit/audit.repository';
import { ClustersModule } from './clusters/clusters.module';
import { HealthModule } from './health/health.module';
import { TenantsModule } from './tenants/tenants.module';

export const FEATURE_MODULES = [AuditModule, HealthModule, TenantsModule, ClustersModule];
