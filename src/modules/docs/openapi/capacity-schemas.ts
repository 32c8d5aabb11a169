/**
 * Schemas of the capacity report, what-if and the operational endpoints. Counts are decimal
 * strings: an IPv6 range holds more addresses than a JSON number can count exactly.
 */
import { schemaRef } from './openapi-common';
import type { Schema } from './openapi-types';

const COUNT: Schema = {
  type: 'string',
  pattern: '^[0-9]+$',
  description: 'A count as a decimal string (exact beyond 2^53).',
};
const RATIO: Schema = { type: 'number', minimum: 0, maximum: 1 };
const FAMILY: Schema = { type: 'string', enum: ['IPv4', 'IPv6'] };
const obj = (required: string[], properties: Record<string, Schema>): Schema => ({
  type: 'object',
  required,
  properties,
});

const usage = { size: COUNT, allocated: COUNT, free: COUNT, utilization: RATIO };

export const CAPACITY_SCHEMAS: Record<string, Schema> = {
  BandCapacity: obj(['size', 'allocated', 'free', 'utilization'], usage),
  ServiceCIDRCapacity: obj(
    ['family', 'cidr', 'size', 'usable', 'allocated', 'free', 'utilization', 'static', 'dynamic'],
    {
      family: FAMILY,
      cidr: { type: 'string' },
      ...usage,
      usable: { ...COUNT, description: 'Addresses the allocator can hand out.' },
      static: schemaRef('BandCapacity'),
      dynamic: schemaRef('BandCapacity'),
    },
  ),
  NodePortCapacity: obj(
    ['range', 'size', 'allocated', 'free', 'utilization', 'static', 'dynamic'],
    {
      range: { type: 'string', example: '30000-32767' },
      ...usage,
      static: schemaRef('BandCapacity'),
      dynamic: schemaRef('BandCapacity'),
    },
  ),
  PodCIDRCapacity: obj(
    [
      'family',
      'cidr',
      'nodeMask',
      'maxNodes',
      'allocatedNodes',
      'freeNodes',
      'utilization',
      'maxPods',
    ],
    {
      family: FAMILY,
      cidr: { type: 'string' },
      nodeMask: { type: 'integer' },
      blockSize: COUNT,
      podsPerBlock: COUNT,
      blocks: COUNT,
      reservedBlocks: {
        ...COUNT,
        description: 'Blocks overlapping a service CIDR (never given to a node).',
      },
      maxNodes: COUNT,
      allocatedNodes: COUNT,
      freeNodes: COUNT,
      utilization: RATIO,
      maxPods: COUNT,
    },
  ),
  NodeCapacity: obj(
    ['maxNodes', 'allocatedNodes', 'freeNodes', 'utilization', 'podsPerNode', 'maxPods'],
    {
      maxNodes: COUNT,
      allocatedNodes: COUNT,
      freeNodes: COUNT,
      utilization: RATIO,
      podsPerNode: COUNT,
      maxPods: COUNT,
    },
  ),
  RangeRef: obj(['name', 'kind', 'family', 'utilization', 'free'], {
    name: { type: 'string', example: 'serviceCIDR 10.1.0.0/16' },
    kind: { type: 'string', enum: ['serviceCIDR', 'nodePorts', 'podCIDR'] },
    family: { type: ['string', 'null'], enum: ['IPv4', 'IPv6', null] },
    utilization: RATIO,
    free: COUNT,
  }),
  Forecast: {
    type: 'object',
    description: 'Linear exhaustion forecast of one range over the trailing window.',
    properties: {
      range: { type: 'string' },
      status: {
        type: 'string',
        enum: ['exhausts', 'insufficient-history', 'not-growing', 'beyond-horizon'],
      },
      windowStart: { type: 'string', format: 'date-time' },
      windowEnd: { type: 'string', format: 'date-time' },
      observations: { type: 'integer' },
      netChange: { type: 'string' },
      ratePerDay: { type: ['number', 'null'] },
      exhaustsAt: { type: ['string', 'null'], format: 'date-time' },
    },
    additionalProperties: true,
  },
  ClusterCapacity: obj(
    [
      'cluster',
      'serviceCIDRs',
      'nodePorts',
      'podCIDRs',
      'nodes',
      'singleStackServices',
      'dualStackServices',
      'tightest',
      'ranges',
    ],
    {
      cluster: { type: 'string' },
      serviceCIDRs: { type: 'array', items: schemaRef('ServiceCIDRCapacity') },
      nodePorts: schemaRef('NodePortCapacity'),
      podCIDRs: { type: 'array', items: schemaRef('PodCIDRCapacity') },
      nodes: {
        oneOf: [schemaRef('NodeCapacity'), { type: 'null' }],
        description: 'Null when the cluster has no pod CIDRs.',
      },
      singleStackServices: { ...COUNT, description: 'Services the primary family can still take.' },
      dualStackServices: {
        type: ['string', 'null'],
        description: 'RequireDualStack Services that still fit; null on a single-stack cluster.',
      },
      tightest: schemaRef('RangeRef'),
      ranges: { type: 'array', items: schemaRef('RangeRef') },
      forecasts: { type: 'array', items: schemaRef('Forecast') },
    },
  ),
  CapacityChange: {
    type: 'object',
    additionalProperties: false,
    properties: {
      addNodes: { type: ['integer', 'string'], description: 'Nodes to add.' },
      addServices: obj(['count', 'policy'], {
        count: { type: ['integer', 'string'] },
        policy: { type: 'string', enum: ['SingleStack', 'PreferDualStack', 'RequireDualStack'] },
        family: FAMILY,
        nodePortsPerService: { type: 'integer', minimum: 0 },
      }),
      nodeCIDRMaskSize: {
        type: 'object',
        properties: { IPv4: { type: 'integer' }, IPv6: { type: 'integer' } },
      },
      maxPodsPerNode: { type: 'integer' },
      serviceCIDRs: { type: 'array', items: { type: 'string' } },
      podCIDRs: { type: 'array', items: { type: 'string' } },
    },
  },
  WhatIfResult: obj(['fits', 'before', 'after', 'exhausted', 'reasons'], {
    fits: { type: 'boolean' },
    before: schemaRef('ClusterCapacity'),
    after: schemaRef('ClusterCapacity'),
    exhausted: {
      type: 'array',
      items: { type: 'string' },
      description: 'Ranges that run out, the first to run out first.',
    },
    reasons: { type: 'array', items: { type: 'string' } },
  }),
  Health: obj(['status'], { status: { const: 'ok' } }),
  Readiness: obj(['status', 'database'], {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    database: { type: 'string', enum: ['postgresql', 'pglite'] },
    migrations: { type: 'string', enum: ['applied'] },
  }),
  GraphQLRequest: obj(['query'], {
    query: { type: 'string', example: '{ clusters { name } }' },
    variables: { type: ['object', 'null'] },
    operationName: { type: ['string', 'null'] },
  }),
  GraphQLResponse: {
    type: 'object',
    properties: {
      data: { type: ['object', 'null'] },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            message: { type: 'string' },
            path: { type: 'array' },
            extensions: {
              type: 'object',
              properties: { code: { type: 'string' }, status: schemaRef('Status') },
            },
          },
        },
      },
    },
  },
};
