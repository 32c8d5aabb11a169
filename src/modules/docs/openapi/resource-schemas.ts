/** Schemas of the tenant, cluster, Service, plan and IPAM resources (API.md). */
import { listOf, schemaRef } from './openapi-common';
import type { Schema } from './openapi-types';

const FAMILY: Schema = { type: 'string', enum: ['IPv4', 'IPv6'] };
const TIME: Schema = { type: 'string', format: 'date-time' };
const UUID: Schema = { type: 'string', format: 'uuid' };
const ROLE: Schema = {
  type: 'string',
  enum: ['admin', 'planner', 'viewer'],
  description:
    '`admin`: everything in its tenant; `planner`: plan, apply, reserve, release; `viewer`: read only, incl. dry-run plans.',
};

const clusterFields: Record<string, Schema> = {
  name: {
    type: 'string',
    description: 'DNS-1123 label, unique in the tenant.',
    example: 'tokyo-prod',
  },
  kubernetesVersion: {
    type: 'string',
    description: 'Minor version whose rules apply (default: the newest supported).',
    example: '1.26',
  },
  serviceCIDRs: {
    type: 'array',
    minItems: 1,
    maxItems: 2,
    items: { type: 'string' },
    description:
      "kube-apiserver's `--service-cluster-ip-range`: at most one CIDR per family; the first one's family is the primary family.",
    example: ['10.1.0.0/16', 'fd12:b5e0:383f::/112'],
  },
  podCIDRs: {
    type: 'array',
    maxItems: 2,
    items: { type: 'string' },
    description: "kube-controller-manager's `--cluster-cidr`, same rules.",
    example: ['10.0.0.0/16', 'fd12:b5e0:383e::/56'],
  },
  nodeCIDRMaskSize: {
    type: 'object',
    properties: { IPv4: { type: 'integer', example: 24 }, IPv6: { type: 'integer', example: 64 } },
    additionalProperties: false,
  },
  serviceNodePortRange: { type: 'string', example: '30000-32767' },
  maxPodsPerNode: { type: 'integer', minimum: 1, example: 110 },
  dnsServiceIP: {
    type: 'string',
    description:
      'Address of `kube-system/kube-dns` (default: the tenth address of the primary service CIDR); `none` creates no DNS Service.',
  },
};

/** A Kubernetes object: validated by the server exactly as kube-apiserver validates it. */
const kubernetesObject = (kind: string, description: string): Schema => ({
  type: 'object',
  description,
  required: ['metadata'],
  properties: {
    apiVersion: { const: 'v1' },
    kind: { const: kind },
    metadata: { type: 'object', additionalProperties: true },
    spec: { type: 'object', additionalProperties: true },
    status: { type: 'object', additionalProperties: true },
  },
  additionalProperties: true,
});

const ipAllocation: Schema = {
  type: 'object',
  required: ['address', 'family', 'cidr', 'owner', 'createdAt'],
  properties: {
    address: { type: 'string', example: '10.1.0.12' },
    family: FAMILY,
    cidr: {
      type: 'string',
      description: 'The service CIDR the address belongs to.',
      example: '10.1.0.0/16',
    },
    owner: { type: 'string', example: 'ipam-sync' },
    description: { type: 'string' },
    band: {
      type: 'string',
      enum: ['static', 'dynamic'],
      description: "The allocator's band the address lies in.",
    },
    createdAt: TIME,
  },
};

const node: Schema = {
  type: 'object',
  required: ['name', 'podCIDRs', 'createdAt'],
  properties: {
    name: { type: 'string' },
    podCIDR: {
      type: ['string', 'null'],
      description: 'The first of `podCIDRs` (Node `spec.podCIDR`).',
    },
    podCIDRs: {
      type: 'array',
      items: { type: 'string' },
      description: 'One per pod-CIDR family, as node IPAM gives them.',
      example: ['10.0.3.0/24', 'fd12:b5e0:383e:3::/64'],
    },
    createdAt: TIME,
  },
};

export const RESOURCE_SCHEMAS: Record<string, Schema> = {
  Tenant: {
    type: 'object',
    required: ['id', 'name', 'createdAt'],
    properties: { id: UUID, name: { type: 'string' }, createdAt: TIME },
  },
  TenantInput: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: {
        type: 'string',
        maxLength: 63,
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        example: 'acme',
      },
    },
  },
  TenantList: listOf(schemaRef('Tenant')),
  ApiKey: {
    type: 'object',
    required: ['id', 'role', 'createdAt'],
    properties: {
      id: UUID,
      role: ROLE,
      description: { type: 'string' },
      createdAt: TIME,
      revokedAt: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  ApiKeyInput: {
    type: 'object',
    required: ['role'],
    additionalProperties: false,
    properties: { role: ROLE, description: { type: 'string', maxLength: 1024 } },
  },
  ApiKeyCreated: {
    allOf: [schemaRef('ApiKey')],
    type: 'object',
    required: ['token'],
    properties: {
      token: { type: 'string', description: 'Shown only in this answer; stored only as a hash.' },
    },
  },
  ApiKeyList: listOf(schemaRef('ApiKey')),
  ClusterInput: {
    type: 'object',
    required: ['name', 'serviceCIDRs'],
    additionalProperties: false,
    properties: clusterFields,
  },
  ClusterPatch: {
    type: 'object',
    additionalProperties: false,
    description:
      'Fields to change. May add a secondary family (single to dual stack) or remove it while nothing is allocated from it; may not change the primary family.',
    properties: clusterFields,
  },
  Cluster: {
    type: 'object',
    required: [
      'id',
      'name',
      'kubernetesVersion',
      'serviceCIDRs',
      'podCIDRs',
      'nodeCIDRMaskSize',
      'serviceNodePortRange',
      'maxPodsPerNode',
      'dnsServiceIP',
    ],
    properties: { id: UUID, ...clusterFields, createdAt: TIME, updatedAt: TIME },
  },
  ClusterList: listOf(schemaRef('Cluster')),
  Service: kubernetesObject(
    'Service',
    'A v1 Service. Answers are the object as kube-apiserver would store and return it (metadata.uid, resourceVersion, creationTimestamp; spec.clusterIP(s), ipFamilies, ipFamilyPolicy, nodePorts; status).',
  ),
  ServiceList: listOf(schemaRef('Service'), {
    apiVersion: { const: 'v1' },
    kind: { const: 'ServiceList' },
  }),
  ManifestList: {
    type: 'object',
    description: 'One Service, or a `List` of them (e.g. `kubectl get svc -A -o json`).',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string', example: 'List' },
      items: { type: 'array', items: schemaRef('Service') },
    },
    additionalProperties: true,
  },
  PlanDecision: {
    type: 'object',
    required: ['step', 'message'],
    properties: {
      step: {
        type: 'string',
        description:
          'Pipeline step, e.g. `defaults`, `ip-families`, `cluster-ips`, `node-ports`, `validation`.',
      },
      message: { type: 'string' },
    },
  },
  PlanItem: {
    type: 'object',
    required: ['service', 'action', 'warnings', 'explanation', 'error'],
    properties: {
      index: { type: 'integer', description: 'Position of the object in the body.' },
      service: { oneOf: [schemaRef('Service'), { type: 'null' }] },
      action: { type: ['string', 'null'], enum: ['create', 'update', 'unchanged', null] },
      warnings: { type: 'array', items: { type: 'string' } },
      explanation: {
        type: 'array',
        items: schemaRef('PlanDecision'),
        description: 'Each decision made, in order.',
      },
      error: { oneOf: [schemaRef('Status'), { type: 'null' }] },
    },
  },
  PlanResult: {
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: schemaRef('PlanItem') } },
  },
  ImportResult: {
    type: 'object',
    required: ['imported', 'warnings'],
    properties: {
      imported: { type: 'integer' },
      warnings: { type: 'array', items: { type: 'string' } },
    },
  },
  IpAllocation: ipAllocation,
  IpAllocationInput: {
    type: 'object',
    required: ['owner'],
    additionalProperties: false,
    properties: {
      family: { ...FAMILY, description: "Default: the cluster's primary family." },
      address: {
        type: 'string',
        description: 'This address or 409; without it, the next address the allocator picks.',
      },
      owner: { type: 'string', maxLength: 253 },
      description: { type: 'string', maxLength: 1024 },
    },
  },
  IpAllocationBulkInput: {
    type: 'object',
    required: ['count', 'owner'],
    additionalProperties: false,
    properties: {
      family: FAMILY,
      count: { type: 'integer', minimum: 1, maximum: 1000 },
      owner: { type: 'string', maxLength: 253 },
      description: { type: 'string', maxLength: 1024 },
    },
  },
  IpAllocationBulk: {
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: schemaRef('IpAllocation') } },
  },
  IpAllocationList: listOf(schemaRef('IpAllocation')),
  Node: node,
  NodeInput: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: { name: { type: 'string', example: 'worker-1' } },
  },
  NodeList: listOf(schemaRef('Node')),
};
