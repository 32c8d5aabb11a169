/** The seed's clusters (issue #2/#3 walkthrough) and a GraphQL helper. */
import type { TestApp } from './test-app';

export const SEED_CLUSTER = {
  name: 'tokyo-prod',
  kubernetesVersion: '1.26',
  serviceCIDRs: ['10.1.0.0/16', 'fd12:b5e0:383f::/112'],
  podCIDRs: ['10.0.0.0/16', 'fd12:b5e0:383e::/56'],
  nodeCIDRMaskSize: { IPv4: 24, IPv6: 64 },
  serviceNodePortRange: '30000-32767',
  maxPodsPerNode: 110,
};

export const IPV4_CLUSTER = {
  name: 'v4-only',
  kubernetesVersion: '1.26',
  serviceCIDRs: ['10.1.0.0/16'],
  podCIDRs: ['10.0.0.0/16'],
};

export interface GqlResult {
  status: number;
  data: Record<string, unknown> | null;
  errors?: {
    message: string;
    extensions?: { code?: string; status?: { code: number; reason: string; message: string } };
  }[];
}

export async function gql(
  t: TestApp,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResult> {
  const req = t.http.post('/graphql').send({ query, variables });
  if (token !== null) void req.set('authorization', `Bearer ${token}`);
  const res = await req;
  return { status: res.status, data: res.body.data ?? null, errors: res.body.errors };
}

/** The Status code a GraphQL answer carries: 200 when there is no error. */
export const gqlCode = (r: GqlResult): number =>
  r.errors?.[0]?.extensions?.status?.code ?? (r.errors?.length ? 400 : 200);
