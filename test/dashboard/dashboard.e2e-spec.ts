/**
 * The dashboard in a real browser (Debian's `chromium`, driven by playwright-core): the page
 * asks for a key once, draws every cluster, and every number on it equals the API's. A
 * screenshot is kept in test-results/dashboard.png. Without Chromium this test fails: the
 * page is only tested in a browser.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../../src/platform/database/database';
import { Database } from '../../src/platform/database/database.service';
import { gql, SEED_CLUSTER } from '../support/fixtures';
import { bearer, startTestApp, type TestApp, type TestTenant } from '../support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const BAND = 'size allocated free utilization';
const API_QUERY = `{ capacitySummary { clusters { cluster tightest { name utilization } capacity {
  serviceCIDRs { family cidr usable allocated utilization static { ${BAND} } dynamic { ${BAND} } }
  nodePorts { size allocated utilization static { ${BAND} } dynamic { ${BAND} } }
  podCIDRs { family maxNodes allocatedNodes utilization }
  nodes { maxNodes freeNodes maxPods } singleStackServices dualStackServices
  forecasts { range status exhaustsAt } } } } }`;

/** "65,534" → "65534": the page groups digits for reading. */
const digits = (s: string | null): string => (s ?? '').replace(/,/g, '');

describe('/dashboard in headless Chromium', () => {
  let t: TestApp;
  let a: TestTenant;
  let browser: Browser;
  let page: Page;
  let url: string;

  before(async () => {
    assert.ok(
      existsSync(CHROMIUM),
      `${CHROMIUM} is missing: the dashboard test needs Debian's "chromium" package (apt-get install -y chromium)`,
    );
    t = await startTestApp();
    a = await t.tenant();
    await t.app.listen(0, '127.0.0.1');
    url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const sql = t.app.get(Database).prisma;
    const seed = await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .send(SEED_CLUSTER);
    assert.equal(seed.status, 201, JSON.stringify(seed.body));
    const small = await t.http
      .post('/v1/clusters')
      .set(...bearer(a.admin))
      .send({
        name: 'edge-small',
        kubernetesVersion: '1.31',
        serviceCIDRs: ['10.50.0.0/26'],
        podCIDRs: ['10.60.0.0/22'],
      });
    assert.equal(small.status, 201, JSON.stringify(small.body));
    const bulk = await t.http
      .post('/v1/clusters/edge-small/ip-allocations:bulk')
      .set(...bearer(a.planner))
      .send({ count: 40, owner: 'dashboard' });
    assert.equal(bulk.status, 201, JSON.stringify(bulk.body));
    for (const name of ['n1', 'n2', 'n3']) {
      const n = await t.http
        .post('/v1/clusters/tokyo-prod/nodes')
        .set(...bearer(a.planner))
        .send({ name });
      assert.equal(n.status, 201, JSON.stringify(n.body));
    }
    // Many dynamic allocations without a million rows: the allocator's counters, as it keeps them.
    await sql.$executeRaw`INSERT INTO allocation_counters (cluster_id, kind, scope, shard, count)
      VALUES (${seed.body.id}::uuid, 'ip', 'IPv4/dynamic', 3, 41000)`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('asks for a key once, then shows every cluster with the numbers the API gives', async () => {
    await page.goto(`${url}/dashboard`);
    assert.equal(await page.isVisible('form#login'), true);
    await page.fill('#key', a.viewer);
    await page.click('form#login button[type=submit]');
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 15_000 });

    const api = await gql(t, a.viewer, API_QUERY);
    assert.equal(api.errors, undefined, JSON.stringify(api.errors));
    const clusters = (api.data!.capacitySummary as Json).clusters as Json[];
    assert.deepEqual(
      await page.$$eval('section.cluster', (els) => els.map((e) => e.getAttribute('data-cluster'))),
      clusters.map((c) => c.cluster),
    );
    assert.equal(clusters[0]!.cluster, 'edge-small', 'the tightest cluster comes first');

    for (const c of clusters) {
      const section = `section.cluster[data-cluster="${c.cluster}"]`;
      const text = (sel: string) => page.textContent(`${section} ${sel}`);
      const row = async (range: string, allocated: string, total: string, utilization: number) => {
        const at = `[data-range="${range}"]`;
        assert.equal(
          digits(await text(`${at} [data-k="allocated"]`)),
          allocated,
          `${c.cluster} ${range} allocated`,
        );
        assert.equal(
          digits(await text(`${at} [data-k="total"]`)),
          total,
          `${c.cluster} ${range} total`,
        );
        const shown = await page.getAttribute(
          `${section} ${at} [data-k="utilization"]`,
          'data-value',
        );
        assert.equal(Number(shown), utilization, `${c.cluster} ${range} utilization`);
      };
      const cap = c.capacity as Json;
      for (const s of cap.serviceCIDRs as Json[]) {
        await row(`serviceCIDR/${s.family}/total`, s.allocated, s.usable, s.utilization);
        for (const band of ['static', 'dynamic']) {
          await row(
            `serviceCIDR/${s.family}/${band}`,
            s[band].allocated,
            s[band].size,
            s[band].utilization,
          );
        }
      }
      const np = cap.nodePorts as Json;
      await row('nodePorts/total', np.allocated, np.size, np.utilization);
      for (const band of ['static', 'dynamic']) {
        await row(`nodePorts/${band}`, np[band].allocated, np[band].size, np[band].utilization);
      }
      for (const p of cap.podCIDRs as Json[]) {
        await row(`podCIDR/${p.family}`, p.allocatedNodes, p.maxNodes, p.utilization);
      }
      assert.equal(digits(await text('[data-k="singleStackServices"]')), cap.singleStackServices);
      assert.equal(
        digits(await text('[data-k="dualStackServices"]')),
        cap.dualStackServices ?? 'n/a',
      );
      assert.equal(digits(await text('[data-k="maxNodes"]')), cap.nodes.maxNodes);
      assert.equal(digits(await text('[data-k="freeNodes"]')), cap.nodes.freeNodes);
      assert.equal(digits(await text('[data-k="maxPods"]')), cap.nodes.maxPods);
      for (const f of cap.forecasts as Json[]) {
        const at = `${section} tr[data-forecast="${f.range}"]`;
        assert.equal(
          await page.textContent(`${at} [data-k="status"]`),
          f.status,
          `${c.cluster} ${f.range}`,
        );
        const eta = await page.getAttribute(at, 'data-eta');
        if (f.exhaustsAt === null) assert.equal(eta, '');
        else
          assert.ok(
            Math.abs(Date.parse(eta!) - Date.parse(f.exhaustsAt)) < 60_000,
            `${eta} vs ${f.exhaustsAt}`,
          );
      }
    }
    // 41,000 + the two control-plane Services in a /16: digits are grouped, never rounded.
    assert.equal(
      await page.textContent(
        'section[data-cluster="tokyo-prod"] [data-range="serviceCIDR/IPv4/total"] [data-k="allocated"]',
      ),
      '41,002',
    );
    const dir = join(projectRoot(), 'test-results');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'dashboard.png'), fullPage: true });
  });

  it('keeps the key for the session, forgets it on request, and asks again after a 401', async () => {
    await page.reload();
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 15_000 });
    assert.equal(await page.isVisible('form#login'), false);
    await page.click('#forget');
    assert.equal(await page.isVisible('form#login'), true);
    assert.equal(await page.$$eval('section.cluster', (els) => els.length), 0);
    await page.fill('#key', a.revoked);
    await page.click('form#login button[type=submit]');
    await page.waitForSelector('#status.error', { timeout: 15_000 });
    assert.equal(await page.textContent('#status'), 'Unauthorized');
    assert.equal(await page.isVisible('form#login'), true);
    assert.equal(await page.evaluate('sessionStorage.getItem("stackplan.tenantKey")'), null);
  });

  it('serves the page without a key, with a policy that allows only its own script', async () => {
    const res = await t.http.get('/dashboard');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^text\/html/);
    const csp = res.headers['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});
