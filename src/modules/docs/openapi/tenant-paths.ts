/** Tenants and their API keys: operator token only (API.md "Tenants and keys"). */
import { errors, jsonBody, OPERATOR, paramRef, reply, schemaRef } from './openapi-common';
import type { Paths } from './openapi-types';

const tags = ['Tenants'];

export const TENANT_PATHS: Paths = {
  '/v1/tenants': {
    post: {
      operationId: 'createTenant',
      summary: 'Create a tenant',
      tags,
      security: OPERATOR,
      requestBody: jsonBody(schemaRef('TenantInput'), { name: 'acme' }),
      responses: {
        '201': reply('Created.', schemaRef('Tenant')),
        ...errors(400, 401, 403, 409, 413, 415, 422),
      },
    },
    get: {
      operationId: 'listTenants',
      summary: 'List tenants',
      tags,
      security: OPERATOR,
      parameters: [paramRef('limit'), paramRef('continue')],
      responses: {
        '200': reply('One page of tenants.', schemaRef('TenantList')),
        ...errors(400, 401, 403),
      },
    },
  },
  '/v1/tenants/{tenant}': {
    parameters: [paramRef('tenant')],
    get: {
      operationId: 'getTenant',
      summary: 'Get a tenant',
      tags,
      security: OPERATOR,
      responses: { '200': reply('The tenant.', schemaRef('Tenant')), ...errors(401, 403, 404) },
    },
    delete: {
      operationId: 'deleteTenant',
      summary: 'Delete a tenant with its keys, clusters and allocations',
      tags,
      security: OPERATOR,
      responses: {
        '200': reply('The deleted tenant.', schemaRef('Tenant')),
        ...errors(401, 403, 404),
      },
    },
  },
  '/v1/tenants/{tenant}/api-keys': {
    parameters: [paramRef('tenant')],
    post: {
      operationId: 'createApiKey',
      summary: 'Issue an API key',
      description: 'The token is in this answer only; the server keeps its hash.',
      tags,
      security: OPERATOR,
      requestBody: jsonBody(schemaRef('ApiKeyInput'), {
        role: 'planner',
        description: 'CI pipeline',
      }),
      responses: {
        '201': reply('The key, with its token.', schemaRef('ApiKeyCreated')),
        ...errors(400, 401, 403, 404, 413, 415, 422),
      },
    },
    get: {
      operationId: 'listApiKeys',
      summary: "List a tenant's API keys (never their tokens)",
      description: 'Oldest first, revoked ones included; paged with `limit` and `continue`.',
      tags,
      security: OPERATOR,
      parameters: [paramRef('limit'), paramRef('continue')],
      responses: {
        '200': reply('The keys, revoked ones included.', schemaRef('ApiKeyList')),
        ...errors(401, 403, 404),
      },
    },
  },
  '/v1/tenants/{tenant}/api-keys/{id}': {
    parameters: [
      paramRef('tenant'),
      { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    ],
    delete: {
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key',
      description:
        'The key stops working at once on the replica that revoked it and within STACKPLAN_AUTH_CACHE_TTL_MS (default 5 s) on every other replica.',
      tags,
      security: OPERATOR,
      responses: {
        '200': reply('The revoked key.', schemaRef('ApiKey')),
        ...errors(401, 403, 404),
      },
    },
  },
};
