/** Builders shared by the Service e2e specs: clusters, manifests and address checks. */
import assert from 'node:assert/strict';
import { bearer, type TestApp, type TestTenant } from '../support/test-app';

export const SEED_CIDRS = ['10.1.0.0/16', 'fd12:b5e0:383f::/112'];

export async function createCluster(
  t: TestApp,
  tenant: TestTenant,
  name: string,
  serviceCIDRs: string[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  const res = await t.http
    .post('/v1/clusters')
    .set(...bearer(tenant.admin))
    .send({ name, kubernetesVersion: '1.26', serviceCIDRs, ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

export interface ManifestOptions {
  name?: string;
  namespace?: string;
  policy?: string;
  families?: string[];
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: Array<Record<string, unknown>>;
}

/** The walkthrough's nginx Service as YAML, with only the fields asked for. */
export function nginxYaml(o: ManifestOptions = {}): string {
  const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${o.name ?? 'nginx'}`];
  if (o.namespace) lines.push(`  namespace: ${o.namespace}`);
  lines.push('spec:', '  selector:', '    app: nginx', '  ports:');
  for (const p of o.ports ?? [{ port: 80, targetPort: 80, protocol: 'TCP' }]) {
    const [first, ...rest] = Object.entries(p);
    lines.push(`  - ${first![0]}: ${JSON.stringify(first![1])}`);
    for (const [k, v] of rest) lines.push(`    ${k}: ${JSON.stringify(v)}`);
  }
  if (o.type) lines.push(`  type: ${o.type}`);
  if (o.policy) lines.push(`  ipFamilyPolicy: ${o.policy}`);
  if (o.families) lines.push('  ipFamilies:', ...o.families.map((f) => `  - ${f}`));
  if (o.clusterIP) lines.push(`  clusterIP: ${JSON.stringify(o.clusterIP)}`);
  if (o.clusterIPs)
    lines.push('  clusterIPs:', ...o.clusterIPs.map((ip) => `  - ${JSON.stringify(ip)}`));
  return lines.join('\n') + '\n';
}

/** The same Service as a JSON object. */
export function nginxJson(o: ManifestOptions = {}): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    selector: { app: 'nginx' },
    ports: o.ports ?? [{ port: 80, targetPort: 80, protocol: 'TCP' }],
  };
  if (o.type) spec.type = o.type;
  if (o.policy) spec.ipFamilyPolicy = o.policy;
  if (o.families) spec.ipFamilies = o.families;
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  if (o.clusterIPs) spec.clusterIPs = o.clusterIPs;
  const metadata: Record<string, unknown> = { name: o.name ?? 'nginx' };
  if (o.namespace) metadata.namespace = o.namespace;
  return { apiVersion: 'v1', kind: 'Service', metadata, spec };
}

const v4 = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** 10.1.1.1–10.1.255.254: the dynamic band of 10.1.0.0/16. */
export function inV4DynamicBand(ip: string): boolean {
  return /^10\.1\.\d+\.\d+$/.test(ip) && v4(ip) >= v4('10.1.1.1') && v4(ip) <= v4('10.1.255.254');
}

/** fd12:b5e0:383f::101–::ffff: the dynamic band of the /112. */
export function inV6DynamicBand(ip: string): boolean {
  const m = /^fd12:b5e0:383f::([0-9a-f]{1,4})$/.exec(ip);
  return m !== null && parseInt(m[1]!, 16) >= 0x101;
}

export const yamlType = ['content-type', 'application/yaml'] as const;
