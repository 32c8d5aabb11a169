/**
 * Clusters, the Kubernetes-shaped Service endpoints, plan/apply and import (API.md
 * "Clusters", "Services", "Plan and apply", "Import live state"). Tenant API key.
 */
import {
  AUTHED_BODY_ERRORS,
  errors,
  jsonBody,
  manifestBody,
  paramRef,
  reply,
  schemaRef,
  TENANT,
} from './openapi-common';
import type { Operation, Paths } from './openapi-types';

const clusterTags = ['Clusters'];
const serviceTags = ['Services'];
const planTags = ['Plan and apply'];

const role = (r: string, more = ''): string => `Role: ${r}.${more ? ' ' + more : ''}`;
const WRITE_ROLE = role(
  'planner',
  'With `?dryRun=All`, viewer: a dry run stores and reserves nothing.',
);

const serviceWrite = (
  operationId: string,
  summary: string,
  description: string,
  created: boolean,
): Operation => ({
  operationId,
  summary,
  description: `${description}\n\n${WRITE_ROLE}`,
  tags: serviceTags,
  security: TENANT,
  parameters: [paramRef('dryRun')],
  requestBody: manifestBody('A v1 Service, JSON or YAML.', schemaRef('Service')),
  responses: {
    [created ? '201' : '200']: reply(
      created ? 'Created (or would be, on a dry run).' : 'Replaced (or would be, on a dry run).',
      schemaRef('Service'),
      {
        warnings: true,
      },
    ),
    ...errors(...AUTHED_BODY_ERRORS, 404, 409),
  },
});

export const CLUSTER_PATHS: Paths = {
  '/v1/clusters': {
    post: {
      operationId: 'createCluster',
      summary: 'Define a cluster',
      description: `Also creates what the control plane creates: \`default/kubernetes\` and, unless \`dnsServiceIP: none\`, \`kube-system/kube-dns\`. Overlaps are reported as Warning headers.\n\n${role('admin')}`,
      tags: clusterTags,
      security: TENANT,
      requestBody: jsonBody(schemaRef('ClusterInput'), {
        name: 'tokyo-prod',
        kubernetesVersion: '1.26',
        serviceCIDRs: ['10.1.0.0/16', 'fd12:b5e0:383f::/112'],
        podCIDRs: ['10.0.0.0/16', 'fd12:b5e0:383e::/56'],
        nodeCIDRMaskSize: { IPv4: 24, IPv6: 64 },
        serviceNodePortRange: '30000-32767',
        maxPodsPerNode: 110,
      }),
      responses: {
        '201': reply('Created.', schemaRef('Cluster'), { warnings: true }),
        ...errors(...AUTHED_BODY_ERRORS, 409),
      },
    },
    get: {
      operationId: 'listClusters',
      summary: "List the tenant's clusters",
      description: role('viewer'),
      tags: clusterTags,
      security: TENANT,
      parameters: [paramRef('limit'), paramRef('continue')],
      responses: {
        '200': reply('One page of clusters.', schemaRef('ClusterList')),
        ...errors(400, 401, 403),
      },
    },
  },
  '/v1/clusters/{cluster}': {
    parameters: [paramRef('cluster')],
    get: {
      operationId: 'getCluster',
      summary: 'Get a cluster definition',
      description: role('viewer'),
      tags: clusterTags,
      security: TENANT,
      responses: { '200': reply('The cluster.', schemaRef('Cluster')), ...errors(401, 403, 404) },
    },
    patch: {
      operationId: 'patchCluster',
      summary: 'Change a cluster definition (add or remove the secondary family)',
      description: role('admin'),
      tags: clusterTags,
      security: TENANT,
      requestBody: jsonBody(schemaRef('ClusterPatch'), {
        serviceCIDRs: ['10.1.0.0/16', 'fd12:b5e0:383f::/112'],
      }),
      responses: {
        '200': reply('The changed cluster.', schemaRef('Cluster'), { warnings: true }),
        ...errors(...AUTHED_BODY_ERRORS, 404, 409),
      },
    },
    delete: {
      operationId: 'deleteCluster',
      summary: 'Delete a cluster with its Services and allocations',
      description: role('admin'),
      tags: clusterTags,
      security: TENANT,
      responses: {
        '200': reply('The deleted cluster.', schemaRef('Cluster')),
        ...errors(401, 403, 404),
      },
    },
  },
  '/v1/clusters/{cluster}/services': {
    parameters: [paramRef('cluster')],
    get: {
      operationId: 'listAllServices',
      summary: 'List Services in all namespaces',
      description: role('viewer'),
      tags: serviceTags,
      security: TENANT,
      parameters: [paramRef('limit'), paramRef('continue')],
      responses: {
        '200': reply('One page of Services.', schemaRef('ServiceList')),
        ...errors(400, 401, 403, 404),
      },
    },
  },
  '/v1/clusters/{cluster}/namespaces/{ns}/services': {
    parameters: [paramRef('cluster'), paramRef('namespace')],
    post: serviceWrite(
      'createService',
      'Create a Service (kubectl create)',
      'Defaulted, allocated and validated exactly as kube-apiserver does.',
      true,
    ),
    get: {
      operationId: 'listServices',
      summary: 'List the Services of a namespace',
      description: role('viewer'),
      tags: serviceTags,
      security: TENANT,
      parameters: [paramRef('limit'), paramRef('continue')],
      responses: {
        '200': reply('One page of Services.', schemaRef('ServiceList')),
        ...errors(400, 401, 403, 404),
      },
    },
  },
  '/v1/clusters/{cluster}/namespaces/{ns}/services/{name}': {
    parameters: [paramRef('cluster'), paramRef('namespace'), paramRef('serviceName')],
    put: serviceWrite(
      'replaceService',
      'Replace a Service (kubectl replace)',
      'Follows the update rules against the stored (or imported) object.',
      false,
    ),
    get: {
      operationId: 'getService',
      summary: 'Get a Service',
      description: role('viewer'),
      tags: serviceTags,
      security: TENANT,
      responses: { '200': reply('The Service.', schemaRef('Service')), ...errors(401, 403, 404) },
    },
    delete: {
      operationId: 'deleteService',
      summary: 'Delete a Service, releasing its IPs and node ports',
      description: WRITE_ROLE,
      tags: serviceTags,
      security: TENANT,
      parameters: [paramRef('dryRun')],
      responses: {
        '200': reply('The deleted Service.', schemaRef('Service')),
        ...errors(401, 403, 404, 422),
      },
    },
  },
  '/v1/clusters/{cluster}/plan': {
    parameters: [paramRef('cluster')],
    post: {
      operationId: 'planServices',
      summary: 'What would these manifests get (nothing stored)',
      description: `Each Service is judged with \`kubectl apply\` semantics against the current state. Per-item failures are in \`items[].error\`.\n\n${role('viewer')}`,
      tags: planTags,
      security: TENANT,
      requestBody: manifestBody(
        'One manifest, a multi-document YAML, or a List.',
        schemaRef('ManifestList'),
      ),
      responses: {
        '200': reply('One item per object, in order.', schemaRef('PlanResult'), { warnings: true }),
        ...errors(...AUTHED_BODY_ERRORS, 404),
      },
    },
  },
  '/v1/clusters/{cluster}/apply': {
    parameters: [paramRef('cluster')],
    post: {
      operationId: 'applyServices',
      summary: 'Plan and store: all documents succeed or none do',
      description: role('planner'),
      tags: planTags,
      security: TENANT,
      requestBody: manifestBody(
        'One manifest, a multi-document YAML, or a List.',
        schemaRef('ManifestList'),
      ),
      responses: {
        '200': reply('Every item stored.', schemaRef('PlanResult'), { warnings: true }),
        '422': reply(
          'Some item failed (see `items[].error`); nothing was stored.',
          schemaRef('PlanResult'),
          { warnings: true },
        ),
        ...errors(400, 401, 403, 404, 413, 415),
      },
    },
  },
  '/v1/clusters/{cluster}/import': {
    parameters: [paramRef('cluster')],
    post: {
      operationId: 'importServices',
      summary: 'Import live Services (kubectl get svc -A -o json)',
      description: `Stored exactly as given; their clusterIPs and nodePorts are reserved; misfits are warnings, not errors.\n\n${role('planner')}`,
      tags: planTags,
      security: TENANT,
      requestBody: manifestBody(
        'A List of Services, or YAML of Services.',
        schemaRef('ManifestList'),
      ),
      responses: {
        '200': reply('How many were imported, and what did not fit.', schemaRef('ImportResult'), {
          warnings: true,
        }),
        ...errors(...AUTHED_BODY_ERRORS, 404),
      },
    },
  },
};
