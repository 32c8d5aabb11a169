/**
 * GET /openapi.json and the Swagger UI at /docs: the document is OpenAPI 3.1, describes every
 * endpoint of API.md, agrees with the routes the server really has (and their auth), and
 * the page loads its assets and renders the document in a real browser under its CSP.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';

type Json = Record<string, unknown>;
interface Doc {
  openapi: string;
  info: Json;
  paths: Record<string, Record<string, Json>>;
  components: Record<string, Record<string, Json>>;
}

/** Every endpoint API.md names, in the document's templated form. */
const API_MD_ENDPOINTS: readonly [string, string][] = [
  ['post', '/v1/tenants'],
  ['get', '/v1/tenants'],
  ['get', '/v1/tenants/{tenant}'],
  ['delete', '/v1/tenants/{tenant}'],
  ['post', '/v1/tenants/{tenant}/api-keys'],
  ['get', '/v1/tenants/{tenant}/api-keys'],
  ['delete', '/v1/tenants/{tenant}/api-keys/{id}'],
  ['post', '/v1/clusters'],
  ['get', '/v1/clusters'],
  ['get', '/v1/clusters/{cluster}'],
  ['patch', '/v1/clusters/{cluster}'],
  ['delete', '/v1/clusters/{cluster}'],
  ['post', '/v1/clusters/{cluster}/namespaces/{ns}/services'],
  ['get', '/v1/clusters/{cluster}/namespaces/{ns}/services'],
  ['put', '/v1/clusters/{cluster}/namespaces/{ns}/services/{name}'],
  ['get', '/v1/clusters/{cluster}/namespaces/{ns}/services/{name}'],
  ['delete', '/v1/clusters/{cluster}/namespaces/{ns}/services/{name}'],
  ['get', '/v1/clusters/{cluster}/services'],
  ['post', '/v1/clusters/{cluster}/plan'],
  ['post', '/v1/clusters/{cluster}/apply'],
  ['post', '/v1/clusters/{cluster}/import'],
  ['post', '/v1/clusters/{cluster}/ip-allocations'],
  ['post', '/v1/clusters/{cluster}/ip-allocations:bulk'],
  ['get', '/v1/clusters/{cluster}/ip-allocations'],
  ['delete', '/v1/clusters/{cluster}/ip-allocations/{address}'],
  ['post', '/v1/clusters/{cluster}/nodes'],
  ['get', '/v1/clusters/{cluster}/nodes'],
  ['delete', '/v1/clusters/{cluster}/nodes/{name}'],
  ['get', '/v1/clusters/{cluster}/capacity'],
  ['post', '/graphql'],
  ['get', '/healthz'],
  ['get', '/readyz'],
  ['get', '/metrics'],
  ['get', '/openapi.json'],
  ['get', '/docs'],
];

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const SAMPLE: Record<string, string> = {
  tenant: 'acme',
  id: '00000000-0000-4000-8000-000000000000',
  cluster: 'c1',
  ns: 'default',
  name: 'n1',
  address: '10.0.0.1',
};

function operations(doc: Doc): { method: string; path: string; op: Json; pathItem: Json }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({
      method,
      path,
      op: item[method] as Json,
      pathItem: item as Json,
    })),
  );
}

function resolve(doc: Doc, ref: string): unknown {
  assert.match(ref, /^#\/components\//, `only local component refs are used: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined),
      doc,
    );
}

const deref = (doc: Doc, v: unknown): Json => {
  const o = v as Json;
  return typeof o.$ref === 'string' ? (resolve(doc, o.$ref) as Json) : o;
};

function collectRefs(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => collectRefs(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.push(x);
      else collectRefs(x, out);
    }
  }
  return out;
}

/** `fastify.printRoutes({commonPrefix: false})` as (method, OpenAPI path) pairs. */
function registeredRoutes(tree: string): [string, string][] {
  const stack: string[] = [];
  const out: [string, string][] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack.push(path);
    for (const method of m[3]!.split(', '))
      out.push([
        method.toLowerCase(),
        path.replace(/:(\w+)/g, (s, n: string, i: number) => (path[i - 1] === '/' ? `{${n}}` : s)),
      ]);
  }
  return out;
}

describe('OpenAPI document and Swagger UI', () => {
  let t: TestApp;
  let doc: Doc;

  before(async () => {
    t = await startTestApp();
    const res = await t.http.get('/openapi.json');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    doc = JSON.parse(res.text) as Doc;
  });
  after(async () => {
    await t?.close();
  });

  it('is public OpenAPI 3.1 with bearer schemes and the Status, paging and header components', () => {
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    assert.equal(doc.info.title, 'Stackplan API');
    for (const scheme of ['operatorToken', 'tenantKey']) {
      assert.deepEqual(
        { ...doc.components.securitySchemes![scheme], description: undefined },
        { type: 'http', scheme: 'bearer', description: undefined },
      );
    }
    const status = doc.components.schemas!.Status as { required: string[]; properties: Json };
    for (const f of ['kind', 'apiVersion', 'status', 'message', 'reason', 'code'])
      assert.ok(status.required.includes(f), f);
    assert.ok((status.properties.details as Json).$ref, 'details.causes documented');
    assert.ok(doc.components.schemas!.ListMeta!.properties, 'ListMeta');
    assert.ok(doc.components.headers!.Warning && doc.components.headers!.XRequestId);
    assert.equal(doc.components.parameters!.idempotencyKey!.name, 'Idempotency-Key');
  });

  it('describes every endpoint of API.md', () => {
    const missing = API_MD_ENDPOINTS.filter(([m, p]) => !doc.paths[p]?.[m]).map(
      ([m, p]) => `${m.toUpperCase()} ${p}`,
    );
    assert.deepEqual(missing, []);
  });

  it('is internally consistent: refs resolve, path parameters declared, ids unique, errors are Status', () => {
    for (const ref of new Set(collectRefs(doc))) assert.ok(resolve(doc, ref), `unresolved ${ref}`);
    const ids = new Set<string>();
    for (const { method, path, op, pathItem } of operations(doc)) {
      const where = `${method.toUpperCase()} ${path}`;
      assert.ok(
        !ids.has(op.operationId as string),
        `duplicate operationId ${String(op.operationId)}`,
      );
      ids.add(op.operationId as string);
      const params = [
        ...((pathItem.parameters as unknown[]) ?? []),
        ...((op.parameters as unknown[]) ?? []),
      ].map((p) => deref(doc, p));
      const declared = params
        .filter((p) => p.in === 'path')
        .map((p) => p.name as string)
        .sort();
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
      assert.deepEqual(declared, templated, `${where}: path parameters`);
      const responses = op.responses as Record<string, unknown>;
      assert.ok(
        Object.keys(responses).some((c) => c.startsWith('2')),
        `${where}: a success response`,
      );
      assert.ok(Array.isArray(op.security), `${where}: security stated`);
      if ((op.security as unknown[]).length > 0 && path !== '/graphql')
        assert.ok(responses['401'], `${where}: 401 documented`);
      for (const [code, r] of Object.entries(responses)) {
        if (code.startsWith('4') || code === '500') {
          const media = (deref(doc, r).content as Record<string, Json> | undefined)?.[
            'application/json'
          ];
          // Exceptions by contract: readiness answers its own shape; a failed apply lists every item's error.
          const expected =
            path === '/readyz'
              ? 'Readiness'
              : op.operationId === 'applyServices' && code === '422'
                ? 'PlanResult'
                : 'Status';
          assert.equal(
            (media?.schema as Json | undefined)?.$ref,
            `#/components/schemas/${expected}`,
            `${where} ${code}`,
          );
        }
      }
      const ok = deref(doc, responses['200'] ?? responses['201'] ?? {});
      const okRef = (
        (ok.content as Record<string, Json> | undefined)?.['application/json']?.schema as
          Json | undefined
      )?.$ref;
      if (method === 'get' && typeof okRef === 'string' && okRef.endsWith('List')) {
        const names = params.map((p) => p.name);
        assert.ok(
          names.includes('limit') && names.includes('continue'),
          `${where}: limit and continue`,
        );
        const list = resolve(doc, okRef) as { properties: Json };
        assert.deepEqual(
          list.properties.metadata,
          { $ref: '#/components/schemas/ListMeta' },
          `${okRef}.metadata`,
        );
      }
    }
  });

  it('documents dryRun on Service writes, Idempotency-Key on IPAM writes, Warning headers on plans', () => {
    const paramNames = (path: string, method: string) =>
      [
        ...((doc.paths[path]!.parameters as unknown as unknown[]) ?? []),
        ...((doc.paths[path]![method]!.parameters as unknown[]) ?? []),
      ].map((p) => deref(doc, p).name);
    const svc = '/v1/clusters/{cluster}/namespaces/{ns}/services';
    for (const [p, m] of [
      [svc, 'post'],
      [`${svc}/{name}`, 'put'],
      [`${svc}/{name}`, 'delete'],
    ] as const) {
      assert.ok(paramNames(p, m).includes('dryRun'), `${m} ${p}: dryRun`);
    }
    const ipam = '/v1/clusters/{cluster}';
    for (const [p, m] of [
      [`${ipam}/ip-allocations`, 'post'],
      [`${ipam}/ip-allocations:bulk`, 'post'],
      [`${ipam}/ip-allocations/{address}`, 'delete'],
      [`${ipam}/nodes`, 'post'],
      [`${ipam}/nodes/{name}`, 'delete'],
    ] as const) {
      assert.ok(paramNames(p, m).includes('Idempotency-Key'), `${m} ${p}: Idempotency-Key`);
    }
    const plan = doc.paths[`${ipam}/plan`]!.post!.responses as Record<string, Json>;
    assert.deepEqual((plan['200']!.headers as Json).Warning, {
      $ref: '#/components/headers/Warning',
    });
    const manifest = doc.paths[svc]!.post!.requestBody as { content: Json };
    assert.deepEqual(Object.keys(manifest.content).sort(), [
      'application/json',
      'application/yaml',
    ]);
  });

  it('matches the routes the server registers, and their authentication', async () => {
    const tree = t.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
    const routes = registeredRoutes(tree).filter(([m, p]) => m !== 'head' && p !== '/docs/{asset}');
    assert.ok(routes.length > 30, `parsed the route tree:\n${tree}`);
    const undocumented = routes
      .filter(([m, p]) => !doc.paths[p]?.[m])
      .map(([m, p]) => `${m.toUpperCase()} ${p}`);
    assert.deepEqual(undocumented, [], 'every route is documented');
    for (const { method, path, op } of operations(doc)) {
      const url =
        path.replace(/\{(\w+)\}/g, (_, n: string) => SAMPLE[n] ?? 'x') +
        (path === '/graphql' && method === 'get' ? '?query=%7B__typename%7D' : '');
      let req = t.http[method as 'get'](url);
      if (['post', 'put', 'patch'].includes(method))
        req = req.set('content-type', 'application/json').send('{}');
      const res = await req;
      const where = `${method.toUpperCase()} ${path} → ${res.status} ${res.text.slice(0, 200)}`;
      assert.notEqual(res.status, 404, `${where}: route exists`);
      if (path === '/graphql') continue;
      if ((op.security as unknown[]).length === 0) assert.ok(res.status < 400, `${where}: public`);
      else {
        assert.equal(res.status, 401, `${where}: needs a token`);
        assert.equal((res.body as Json).kind, 'Status');
      }
    }
  });

  it('serves /docs as HTML whose assets load with the right content types', async () => {
    const page = await t.http.get('/docs');
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    const refs = [...page.text.matchAll(/<(?:script|link)[^>]*?(?:src|href)="([^"]+)"/g)].map(
      (m) => new URL(m[1]!, 'http://x/docs').pathname,
    );
    for (const need of [
      '/docs/swagger-ui.css',
      '/docs/swagger-ui-bundle.js',
      '/docs/swagger-initializer.js',
    ])
      assert.ok(refs.includes(need), `${need} in ${refs.join(', ')}`);
    const types: Record<string, RegExp> = {
      css: /^text\/css/,
      js: /^(text|application)\/javascript/,
      png: /^image\/png$/,
    };
    for (const ref of refs) {
      const res = await t.http.get(ref).buffer(true);
      assert.equal(res.status, 200, ref);
      assert.match(String(res.headers['content-type']), types[ref.split('.').pop()!]!, ref);
      assert.ok(
        Number(res.headers['content-length']) > 0 || (res.body as Buffer).length > 0,
        `${ref} not empty`,
      );
    }
    const init = await t.http.get('/docs/swagger-initializer.js');
    assert.match(init.text, /openapi\.json/);
    const bundle = await t.http.get('/docs/swagger-ui-bundle.js');
    assert.ok(Number(bundle.headers['content-length']) > 100_000, 'the real swagger-ui bundle');
    const unknown = await t.http.get('/docs/../../package.json');
    assert.equal(unknown.status, 404);
    const missing = await t.http.get('/docs/index.html');
    assert.equal(missing.status, 404);
    assert.equal((missing.body as Json).kind, 'Status');
  });

  it('renders the document in a browser under the page CSP', async () => {
    const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    assert.ok(
      existsSync(executablePath),
      `a Chromium binary is needed at ${executablePath} (set CHROMIUM_PATH)`,
    );
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.getHttpServer().address() as { port: number };
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`http://127.0.0.1:${addr.port}/docs`);
      await page.waitForSelector('.swagger-ui .info .title', { timeout: 20_000 });
      assert.match((await page.textContent('.swagger-ui .info .title')) ?? '', /Stackplan API/);
      await page.waitForSelector('.opblock', { timeout: 10_000 });
      assert.equal(await page.locator('.opblock').count(), operations(doc).length);
      assert.equal(
        await page.locator('.errors-wrapper').count(),
        0,
        'Swagger UI reports no document errors',
      );
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});
