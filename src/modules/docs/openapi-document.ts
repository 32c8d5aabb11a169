/**
 * The hand-written OpenAPI 3.1 description of the REST API (API.md), assembled from one file
 * per area under ./openapi. Hand-written rather than generated from decorators because the
 * controllers take raw bodies (Kubernetes manifests are decoded strictly by the core), so
 * the contract, not the handler signatures, is the source of truth.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../platform/database/database';
import { CAPACITY_SCHEMAS } from './openapi/capacity-schemas';
import { CLUSTER_PATHS } from './openapi/cluster-paths';
import { IPAM_PATHS } from './openapi/ipam-paths';
import {
  COMMON_HEADERS,
  COMMON_PARAMETERS,
  COMMON_RESPONSES,
  COMMON_SCHEMAS,
} from './openapi/openapi-common';
import type { OpenApiDocument } from './openapi/openapi-types';
import { OPERATIONS_PATHS } from './openapi/operations-paths';
import { RESOURCE_SCHEMAS } from './openapi/resource-schemas';
import { TENANT_PATHS } from './openapi/tenant-paths';

const DESCRIPTION = `Plans Kubernetes Services exactly as kube-apiserver would, runs a persistent IPAM allocator, and answers capacity questions. Multi-tenant.

**Authentication.** \`Authorization: Bearer <token>\`. The operator token (STACKPLAN_ADMIN_TOKEN) manages tenants and keys only; a tenant API key carries a role: \`admin\` (everything in its tenant), \`planner\` (plan, apply, reserve, release), \`viewer\` (read only, incl. dry-run plans). Missing, unknown or revoked token: 401; role too weak: 403; another tenant's resource: 404.

**Errors** are Kubernetes \`Status\` objects with the HTTP status in \`code\`; Service validation messages are kube-apiserver's, word for word.

**Warnings** (non-fatal findings) come as \`Warning: 299 - "..."\` headers, and in the body where it has a \`warnings\` field.

**Lists** page like Kubernetes: \`?limit=N&continue=TOKEN\` → \`{items, metadata: {continue}}\`.

**Idempotency.** Mutating IPAM calls accept \`Idempotency-Key\`: a retry with the same key and body returns the first answer; the same key with another body is 422.

**Request ids.** Every response carries \`X-Request-Id\` (yours, when valid, else a generated one).

**Bodies** are JSON (\`application/json\`, \`application/*+json\`); Service manifests may be YAML (\`application/yaml\`). Other media types: 415. Larger than STACKPLAN_BODY_LIMIT: 413.`;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

export function buildOpenApiDocument(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Stackplan API',
      version: packageVersion(),
      description: DESCRIPTION,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/', description: 'This server' }],
    security: [{ tenantKey: [] }],
    tags: [
      { name: 'Tenants', description: 'Tenants and API keys (operator token).' },
      {
        name: 'Clusters',
        description: 'Cluster definitions: service and pod CIDRs, node masks, node-port range.',
      },
      {
        name: 'Services',
        description: 'Kubernetes-shaped v1 Services, as kube-apiserver stores them.',
      },
      {
        name: 'Plan and apply',
        description: 'kubectl apply semantics over manifests; import of live state.',
      },
      { name: 'IPAM', description: 'Service-address reservations and node pod CIDRs.' },
      { name: 'Capacity', description: 'How full each range is, forecasts and what-if.' },
      { name: 'GraphQL', description: 'The same data and mutations through GraphQL.' },
      { name: 'Operations', description: 'Health, readiness, metrics and documentation.' },
    ],
    paths: { ...TENANT_PATHS, ...CLUSTER_PATHS, ...IPAM_PATHS, ...OPERATIONS_PATHS },
    components: {
      securitySchemes: {
        operatorToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The operator token (STACKPLAN_ADMIN_TOKEN, or `<dataDir>/operator-token`).',
        },
        tenantKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A tenant API key (`sp_...`), issued by POST /v1/tenants/{tenant}/api-keys.',
        },
      },
      schemas: { ...COMMON_SCHEMAS, ...RESOURCE_SCHEMAS, ...CAPACITY_SCHEMAS },
      parameters: COMMON_PARAMETERS,
      headers: COMMON_HEADERS,
      responses: COMMON_RESPONSES,
    },
  };
}
