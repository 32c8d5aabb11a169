import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gql } from '../support/fixtures';
import { bearer, startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { CLUSTERS_WITH_CAPACITY_QUERY, SUMMARY_QUERY } from './capacity-queries';
import { installStatementCounter } from './sql-statements';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const statements = installStatementCounter();

describe('capacity reads do not grow with the number of clusters (no N+1)', () => {
  let t: TestApp;
  let a: TestTenant;

  before(async () => {
    t = await startTestApp();
    a = await t.tenant();
  });
  after(async () => t.close());

  const addClusters = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const res = await t.http
        .post('/v1/clusters')
        .set(...bearer(a.admin))
        .send({
          name: `c${String(i).padStart(3, '0')}`,
          serviceCIDRs: [`10.${i}.0.0/16`, `fd00:${i.toString(16)}::/112`],
          podCIDRs: [`10.${100 + i}.0.0/16`],
          dnsServiceIP: 'none',
        });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  };

  /** SQL statements one request sends, and the number of clusters it answered for. */
  const measure = async (query: string, pick: (d: Json) => unknown[]) => {
    const before = statements.count();
    const g = await gql(t, a.viewer, query);
    const used = statements.count() - before;
    assert.equal(g.errors, undefined, JSON.stringify(g.errors));
    return { used, clusters: pick(g.data!).length };
  };
  const summary = () => measure(SUMMARY_QUERY, (d) => d.capacitySummary.clusters);
  const listed = () => measure(CLUSTERS_WITH_CAPACITY_QUERY, (d) => d.clusters.items);

  it('answers the summary and the cluster list with the same statements for 10 and 50 clusters', async () => {
    await addClusters(0, 10);
    const s10 = await summary();
    const l10 = await listed();
    await addClusters(10, 50);
    const s50 = await summary();
    const l50 = await listed();
    assert.equal(s10.clusters, 10);
    assert.equal(s50.clusters, 50);
    assert.equal(l10.clusters, 10);
    assert.equal(l50.clusters, 50);
    assert.equal(s50.used, s10.used, 'summary statements');
    assert.equal(l50.used, l10.used, 'cluster list statements');
    // The key lookup (key, tenant), one counters read, one history read; the list adds its page.
    assert.ok(s50.used <= 4, `summary used ${s50.used} statements`);
    assert.ok(l50.used <= 5, `cluster list used ${l50.used} statements`);
    console.log(
      `statements per request: summary ${s10.used}/${s50.used}, list ${l10.used}/${l50.used} (10/50 clusters)`,
    );
  });
});
