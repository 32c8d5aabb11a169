/** Helpers shared by the IPAM specs. */
import assert from 'node:assert/strict';
import { AllocationCountersRepository } from '../../src/modules/ipam/allocation-counters.repository';
import { bearer, type TestApp } from '../support/test-app';

export interface Allocation {
  address: string;
  family: string;
  cidr: string;
  owner: string;
  description: string;
  band: string;
  createdAt: string;
}

let seq = 0;

/** Creates a cluster (admin key) and returns its name and id. */
export async function makeCluster(
  t: TestApp,
  admin: string,
  body: Record<string, unknown>,
): Promise<{ name: string; id: string }> {
  const name = (body.name as string | undefined) ?? `c${++seq}-${process.pid}`;
  const res = await t.http
    .post('/v1/clusters')
    .set(...bearer(admin))
    .send({ dnsServiceIP: 'none', ...body, name });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { name, id: res.body.id as string };
}

/** Every allocation of a cluster, following `continue`. */
export async function listAll(
  t: TestApp,
  token: string,
  cluster: string,
  query: Record<string, string> = {},
): Promise<Allocation[]> {
  const out: Allocation[] = [];
  let cont: string | undefined;
  do {
    const res = await t.http
      .get(`/v1/clusters/${cluster}/ip-allocations`)
      .query({ ...query, limit: '1000', ...(cont ? { continue: cont } : {}) })
      .set(...bearer(token));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    out.push(...(res.body.items as Allocation[]));
    cont = res.body.metadata.continue;
  } while (cont);
  return out;
}

/** Sharded counter totals must equal the rows they count, per family and band. */
export async function assertCountersMatch(
  t: TestApp,
  token: string,
  cluster: { name: string; id: string },
): Promise<void> {
  const rows = await listAll(t, token, cluster.name);
  const expected = new Map<string, bigint>();
  for (const r of rows)
    expected.set(`${r.family}/${r.band}`, (expected.get(`${r.family}/${r.band}`) ?? 0n) + 1n);
  const counts = await t.app.get(AllocationCountersRepository).counts([cluster.id]);
  const actual = new Map<string, bigint>();
  for (const c of counts) if (c.kind === 'ip' && c.count !== 0n) actual.set(c.scope, c.count);
  assert.deepEqual(actual, expected);
}

/** IPv4 dotted quad or IPv6 text to a bigint, for range checks in tests. */
export function ipValue(text: string): bigint {
  if (!text.includes(':'))
    return text.split('.').reduce((v, o) => (v << 8n) | BigInt(Number(o)), 0n);
  const [head, tail] = text.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const tl = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? h : [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl];
  return groups.reduce((v, g) => (v << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}
