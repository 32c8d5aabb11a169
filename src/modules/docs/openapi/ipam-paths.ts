/** IPAM: service-address allocations and node pod CIDRs (API.md "IPAM"). Tenant API key. */
import {
  AUTHED_BODY_ERRORS,
  errors,
  jsonBody,
  paramRef,
  reply,
  schemaRef,
  TENANT,
} from './openapi-common';
import type { Paths } from './openapi-types';

const tags = ['IPAM'];
const PLANNER = 'Role: planner. Accepts `Idempotency-Key`.';

export const IPAM_PATHS: Paths = {
  '/v1/clusters/{cluster}/ip-allocations': {
    parameters: [paramRef('cluster')],
    post: {
      operationId: 'reserveIp',
      summary: 'Reserve a service address (a given one, or the next the allocator picks)',
      description: `With \`address\`: that address or 409. Without: the next address kube-apiserver's allocator would pick for \`family\` (default: the primary family); a full range is 409 \`Conflict\`.\n\n${PLANNER}`,
      tags,
      security: TENANT,
      parameters: [paramRef('idempotencyKey')],
      requestBody: jsonBody(schemaRef('IpAllocationInput'), {
        family: 'IPv4',
        owner: 'ipam-sync',
        description: 'external load balancer',
      }),
      responses: {
        '201': reply('Reserved.', schemaRef('IpAllocation')),
        ...errors(...AUTHED_BODY_ERRORS, 404, 409),
      },
    },
    get: {
      operationId: 'listIpAllocations',
      summary: 'List service-address allocations',
      description: 'Role: viewer.',
      tags,
      security: TENANT,
      parameters: [
        { name: 'family', in: 'query', schema: { type: 'string', enum: ['IPv4', 'IPv6'] } },
        { name: 'owner', in: 'query', schema: { type: 'string' } },
        paramRef('limit'),
        paramRef('continue'),
      ],
      responses: {
        '200': reply('One page of allocations.', schemaRef('IpAllocationList')),
        ...errors(400, 401, 403, 404, 422),
      },
    },
  },
  '/v1/clusters/{cluster}/ip-allocations:bulk': {
    parameters: [paramRef('cluster')],
    post: {
      operationId: 'reserveIpsBulk',
      summary: 'Reserve `count` addresses: all or none',
      description: PLANNER,
      tags,
      security: TENANT,
      parameters: [paramRef('idempotencyKey')],
      requestBody: jsonBody(schemaRef('IpAllocationBulkInput'), {
        family: 'IPv4',
        count: 10,
        owner: 'ipam-sync',
      }),
      responses: {
        '201': reply('All reserved.', schemaRef('IpAllocationBulk')),
        ...errors(...AUTHED_BODY_ERRORS, 404, 409),
      },
    },
  },
  '/v1/clusters/{cluster}/ip-allocations/{address}': {
    parameters: [
      paramRef('cluster'),
      {
        name: 'address',
        in: 'path',
        required: true,
        schema: { type: 'string' },
        example: '10.1.0.12',
      },
    ],
    delete: {
      operationId: 'releaseIp',
      summary: 'Release an address',
      description: `An address held by a Service is released by deleting or updating that Service (409 here).\n\n${PLANNER}`,
      tags,
      security: TENANT,
      parameters: [paramRef('idempotencyKey')],
      responses: {
        '200': reply('The released allocation.', schemaRef('IpAllocation')),
        ...errors(401, 403, 404, 409, 422),
      },
    },
  },
  '/v1/clusters/{cluster}/nodes': {
    parameters: [paramRef('cluster')],
    post: {
      operationId: 'createNode',
      summary:
        "Register a node and give it pod CIDRs, as kube-controller-manager's node IPAM would",
      description: PLANNER,
      tags,
      security: TENANT,
      parameters: [paramRef('idempotencyKey')],
      requestBody: jsonBody(schemaRef('NodeInput'), { name: 'worker-1' }),
      responses: {
        '201': reply('The node with one pod CIDR per pod-CIDR family.', schemaRef('Node')),
        ...errors(...AUTHED_BODY_ERRORS, 404, 409),
      },
    },
    get: {
      operationId: 'listNodes',
      summary: 'List nodes and their pod CIDRs',
      description: 'Role: viewer.',
      tags,
      security: TENANT,
      parameters: [paramRef('limit'), paramRef('continue')],
      responses: {
        '200': reply('One page of nodes.', schemaRef('NodeList')),
        ...errors(400, 401, 403, 404),
      },
    },
  },
  '/v1/clusters/{cluster}/nodes/{name}': {
    parameters: [
      paramRef('cluster'),
      { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
    ],
    delete: {
      operationId: 'deleteNode',
      summary: 'Remove a node, releasing its pod CIDRs',
      description: PLANNER,
      tags,
      security: TENANT,
      parameters: [paramRef('idempotencyKey')],
      responses: {
        '200': reply('The removed node.', schemaRef('Node')),
        ...errors(401, 403, 404, 422),
      },
    },
  },
};
