/**
 * 2,000 hostile manifests from a seeded generator — wrong types, missing and huge fields,
 * bad IPs, random YAML, alias bombs, deep nesting — posted to /plan: every answer is a 2xx
 * or a 4xx Status, never a 5xx, and the process keeps serving.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearer, startTestApp, type TestApp, type TestTenant } from '../support/test-app';
import { createCluster, nginxJson, SEED_CIDRS } from './support';

const SEED = 20261202;
const COUNT = 2000;
const CONCURRENCY = 8;

/** mulberry32: small, seeded, reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

class Generator {
  constructor(private readonly r: () => number) {}
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  private readonly badIPs = [
    '999.1.1.1',
    '10.1.0.0/16',
    ' 10.1.0.1',
    '010.001.000.001',
    '::::',
    'fd12::g',
    '',
    'None',
    '1.2.3',
    '10.1.0.1 ',
    '::ffff:10.1.0.1',
    '0.0.0.0',
    'fd12:b5e0:383f::ffff:ffff',
    '10.1.255.255',
    '\u0000',
    'x'.repeat(300),
  ];
  private readonly weird: Json[] = [
    null,
    true,
    false,
    0,
    -1,
    1.5,
    2 ** 63,
    -(2 ** 31),
    'x',
    '',
    [],
    {},
    [1, 'a'],
    { a: { b: [] } },
    '65536',
    'TCP',
    '\u202e',
    '💥',
  ];

  value(depth = 0): Json {
    switch (this.int(depth > 3 ? 4 : 7)) {
      case 0:
        return this.pick(this.weird);
      case 1:
        return this.pick(this.badIPs);
      case 2:
        return this.int(2 ** 31) - 2 ** 30;
      case 3:
        return 'y'.repeat(this.pick([1, 64, 254, 70_000]));
      case 4:
        return Array.from({ length: this.int(4) }, () => this.value(depth + 1));
      case 5:
        return Object.fromEntries(
          Array.from({ length: this.int(4) }, (_, i) => [`k${i}`, this.value(depth + 1)]),
        );
      default:
        return this.pick([
          'ClusterIP',
          'NodePort',
          'LoadBalancer',
          'ExternalName',
          'None',
          'SingleStack',
          'RequireDualStack',
          'IPv4',
          'IPv6',
        ]);
    }
  }

  /** A plausible Service with one path broken, removed or blown up. */
  mutatedService(): Json {
    const svc = nginxJson({
      name: `h${this.int(1000)}`,
      policy: this.pick(['SingleStack', 'PreferDualStack', 'RequireDualStack']),
      families: this.pick([['IPv4'], ['IPv6'], ['IPv4', 'IPv6']]),
    }) as { [k: string]: Json };
    const spec = svc.spec as { [k: string]: Json };
    const paths: Array<[{ [k: string]: Json }, string]> = [
      [svc, 'metadata'],
      [svc, 'spec'],
      [svc, 'kind'],
      [svc, 'apiVersion'],
      [svc.metadata as { [k: string]: Json }, 'name'],
      [svc.metadata as { [k: string]: Json }, 'labels'],
      [spec, 'ports'],
      [spec, 'selector'],
      [spec, 'type'],
      [spec, 'clusterIP'],
      [spec, 'clusterIPs'],
      [spec, 'ipFamilies'],
      [spec, 'ipFamilyPolicy'],
      [spec, 'externalIPs'],
      [spec, 'sessionAffinity'],
      [spec, 'sessionAffinityConfig'],
      [spec, 'healthCheckNodePort'],
      [spec, 'externalTrafficPolicy'],
      [spec, 'loadBalancerSourceRanges'],
      [(spec.ports as { [k: string]: Json }[])[0]!, 'port'],
      [(spec.ports as { [k: string]: Json }[])[0]!, 'nodePort'],
      [(spec.ports as { [k: string]: Json }[])[0]!, 'targetPort'],
      [(spec.ports as { [k: string]: Json }[])[0]!, 'protocol'],
    ];
    for (let n = 1 + this.int(3); n > 0; n--) {
      const [obj, key] = this.pick(paths);
      const mode = this.int(5);
      if (mode === 0) delete obj[key];
      else if (mode === 1 && key === 'ports')
        obj[key] = Array.from({ length: 2000 }, (_, i) => ({
          port: (i % 70000) + 1,
          name: `p${i}`,
        }));
      else if (mode === 2 && key === 'labels')
        obj[key] = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`l${i}`, 'v']));
      else if (mode === 3 && (key === 'clusterIP' || key === 'clusterIPs'))
        obj[key] =
          key === 'clusterIP'
            ? this.pick(this.badIPs)
            : [this.pick(this.badIPs), this.pick(this.badIPs)];
      else obj[key] = this.value();
    }
    return svc;
  }

  randomYaml(): string {
    const alphabet = [
      'a',
      ':',
      ' ',
      '\n',
      '-',
      '[',
      ']',
      '{',
      '}',
      '&',
      '*',
      '!',
      '|',
      '>',
      '"',
      "'",
      '#',
      '%',
      '@',
      '`',
      '?',
      ',',
      '\t',
      '---',
      'kind: Service',
      'apiVersion: v1',
      '!!binary',
      '!!python/object',
      '<<: *a',
    ];
    return Array.from({ length: 1 + this.int(200) }, () => this.pick(alphabet)).join('');
  }

  bomb(): string {
    switch (this.int(4)) {
      case 0: {
        const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
        for (let i = 1; i < 10; i++)
          lines.push(
            `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
              .fill(`*${String.fromCharCode(96 + i)}`)
              .join(',')}]`,
          );
        return `apiVersion: v1\nkind: Service\nmetadata:\n  name: bomb\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
      }
      case 1:
        return '['.repeat(50_000) + ']'.repeat(50_000);
      case 2:
        return `apiVersion: v1\nkind: Service\nmetadata:\n  name: deep\nspec:\n  selector: ${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}\n`;
      default:
        return Array.from(
          { length: 3000 },
          (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\n`,
        ).join('---\n');
    }
  }

  /** One request body and its content type. */
  next(): { body: string; type: string } {
    const yaml = 'application/yaml';
    const json = 'application/json';
    switch (this.int(6)) {
      case 0:
        return { body: JSON.stringify(this.mutatedService()), type: json };
      case 1:
        return {
          body: JSON.stringify({
            apiVersion: 'v1',
            kind: this.pick(['List', 'ServiceList', 'PodList']),
            items: Array.from({ length: this.int(5) }, () =>
              this.int(3) ? this.mutatedService() : this.value(),
            ),
          }),
          type: this.pick([json, yaml]),
        };
      case 2:
        return { body: this.randomYaml(), type: yaml };
      case 3:
        return {
          body: this.int(6) === 0 ? this.bomb() : JSON.stringify(this.value()),
          type: this.pick([json, yaml]),
        };
      case 4:
        return {
          body: JSON.stringify(this.mutatedService()).slice(0, this.int(400)),
          type: this.pick([json, yaml]),
        };
      default:
        return {
          body: [this.mutatedService(), this.mutatedService()]
            .map((s) => JSON.stringify(s))
            .join('\n---\n'),
          type: yaml,
        };
    }
  }
}

describe('hostile manifests posted to /plan', () => {
  let t: TestApp;
  let tenant: TestTenant;
  before(async () => {
    t = await startTestApp();
    tenant = await t.tenant();
    await createCluster(t, tenant, 'hostile', SEED_CIDRS);
  });
  after(async () => t.close());

  it(`${COUNT} generated bodies (seed ${SEED}) get only 2xx or 4xx answers, and the process stays up`, async () => {
    const gen = new Generator(rng(SEED));
    const bodies = Array.from({ length: COUNT }, () => gen.next());
    const statuses = new Map<number, number>();
    const bad: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < bodies.length) {
        const i = next++;
        const { body, type } = bodies[i]!;
        const res = await t.http
          .post('/v1/clusters/hostile/plan')
          .set(...bearer(tenant.viewer))
          .set('content-type', type)
          .send(body);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500 || res.status < 200)
          bad.push(
            `#${i} ${res.status} ${JSON.stringify(res.body).slice(0, 300)} <- ${body.slice(0, 200)}`,
          );
        else if (res.status >= 400)
          assert.equal(res.body.kind, 'Status', `#${i} ${res.status} is not a Status`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    assert.deepEqual(bad, []);
    assert.ok((statuses.get(200) ?? 0) > 100, JSON.stringify([...statuses]));
    assert.ok(
      [...statuses.keys()].some((s) => s >= 400),
      JSON.stringify([...statuses]),
    );
    assert.equal((await t.http.get('/healthz')).status, 200);
    const after = await t.http
      .post('/v1/clusters/hostile/plan')
      .set(...bearer(tenant.viewer))
      .send(nginxJson({ name: 'still-fine' }));
    assert.equal(after.status, 200);
    assert.equal(after.body.items[0].error, null);
  });
});
