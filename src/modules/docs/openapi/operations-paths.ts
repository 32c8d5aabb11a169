/** Capacity, GraphQL and the operational endpoints (API.md "Capacity", "Operations"). */
import {
  errors,
  json,
  jsonBody,
  paramRef,
  PUBLIC,
  reply,
  schemaRef,
  TENANT,
} from './openapi-common';
import type { Paths } from './openapi-types';

const html = { 'text/html': { schema: { type: 'string' } } };

export const OPERATIONS_PATHS: Paths = {
  '/v1/clusters/{cluster}/capacity': {
    parameters: [paramRef('cluster')],
    get: {
      operationId: 'getCapacity',
      summary: 'Capacity of every range, with exhaustion forecasts',
      description: 'The same numbers as GraphQL `cluster(name) { capacity }`. Role: viewer.',
      tags: ['Capacity'],
      security: TENANT,
      parameters: [
        {
          name: 'windowDays',
          in: 'query',
          description: 'Trailing window of the forecasts, days (default 30).',
          schema: { type: 'integer', minimum: 1, default: 30 },
        },
      ],
      responses: {
        '200': reply('The capacity report.', schemaRef('ClusterCapacity')),
        ...errors(400, 401, 403, 404, 422),
      },
    },
  },
  '/v1/clusters/{cluster}/capacity/what-if': {
    parameters: [paramRef('cluster')],
    post: {
      operationId: 'capacityWhatIf',
      summary: 'Would this change fit? (nothing stored)',
      description: 'Role: viewer.',
      tags: ['Capacity'],
      security: TENANT,
      requestBody: jsonBody(schemaRef('CapacityChange'), {
        addNodes: 50,
        addServices: { count: 200, policy: 'PreferDualStack' },
      }),
      responses: {
        '200': reply('The report before and after, and what runs out.', schemaRef('WhatIfResult')),
        ...errors(400, 401, 403, 404, 413, 415, 422),
      },
    },
  },
  '/graphql': {
    post: {
      operationId: 'graphql',
      summary: 'GraphQL (code-first schema; clusters, capacity, services, planService, mutations)',
      description:
        'Errors, authentication ones included (`UNAUTHENTICATED`, `FORBIDDEN`), are returned with HTTP 200 in `errors[]`; each carries `extensions.code` and `extensions.status` (the Kubernetes Status REST would give). Depth and cost are limited.',
      tags: ['GraphQL'],
      security: TENANT,
      requestBody: jsonBody(schemaRef('GraphQLRequest')),
      responses: {
        '200': reply('The GraphQL response.', schemaRef('GraphQLResponse')),
        ...errors(400, 413, 415),
      },
    },
    get: {
      operationId: 'graphqlGet',
      summary: 'GraphQL query (not mutation) in the URL',
      tags: ['GraphQL'],
      security: TENANT,
      parameters: [
        {
          name: 'query',
          in: 'query',
          required: true,
          schema: { type: 'string' },
          example: '{ clusters { name } }',
        },
        { name: 'variables', in: 'query', description: 'JSON object.', schema: { type: 'string' } },
        { name: 'operationName', in: 'query', schema: { type: 'string' } },
      ],
      responses: {
        '200': reply('The GraphQL response.', schemaRef('GraphQLResponse')),
        ...errors(400),
      },
    },
  },
  '/healthz': {
    get: {
      operationId: 'healthz',
      summary: 'Liveness: the process serves requests',
      tags: ['Operations'],
      security: PUBLIC,
      responses: { '200': reply('Alive.', schemaRef('Health')) },
    },
  },
  '/readyz': {
    get: {
      operationId: 'readyz',
      summary: 'Readiness: database reachable, migrations applied',
      tags: ['Operations'],
      security: PUBLIC,
      responses: {
        '200': reply('Ready.', schemaRef('Readiness')),
        '503': {
          description: 'The database does not answer (or the server is shutting down).',
          content: json(schemaRef('Readiness')),
        },
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics',
      summary: 'Prometheus metrics (text exposition format)',
      description:
        'Public unless STACKPLAN_METRICS_TOKEN is set; then `Authorization: Bearer <that token>` is required.',
      tags: ['Operations'],
      security: PUBLIC,
      responses: {
        '200': {
          description: 'Metrics.',
          content: { 'text/plain; version=0.0.4': { schema: { type: 'string' } } },
        },
        '401': { $ref: '#/components/responses/Unauthorized' },
      },
    },
  },
  '/openapi.json': {
    get: {
      operationId: 'openapi',
      summary: 'This document',
      tags: ['Operations'],
      security: PUBLIC,
      responses: {
        '200': { description: 'OpenAPI 3.1 document.', content: json({ type: 'object' }) },
      },
    },
  },
  '/docs': {
    get: {
      operationId: 'docs',
      summary: 'Interactive API documentation (Swagger UI)',
      tags: ['Operations'],
      security: PUBLIC,
      responses: { '200': { description: 'HTML page.', content: html } },
    },
  },
  '/dashboard': {
    get: {
      operationId: 'dashboard',
      summary: 'Capacity dashboard (the page is public; it asks for a tenant key)',
      tags: ['Operations'],
      security: PUBLIC,
      responses: { '200': { description: 'HTML page.', content: html } },
    },
  },
};
