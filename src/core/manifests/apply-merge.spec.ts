import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LAST_APPLIED_ANNOTATION,
  lastAppliedConfiguration,
  missingLastAppliedWarning,
  readLastApplied,
  stripForLastApplied,
  threeWayMerge,
  threeWayMergeChecked,
  withLastApplied,
} from './apply-merge';
import type { JsonObject } from './json-node';

type Obj = JsonObject;

const manifest = (spec: Obj, metadata: Obj = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', ...metadata },
  spec,
});

/** What kube-apiserver stored after `kubectl apply` of `m`: m plus server-set fields. */
function liveFrom(m: Obj, specExtra: Obj, metaExtra: Obj = {}): Obj {
  const applied = withLastApplied(m);
  const meta = applied.metadata as Obj;
  return {
    ...applied,
    metadata: {
      ...meta,
      uid: 'u-1',
      resourceVersion: '7',
      creationTimestamp: '2024-01-01T00:00:00Z',
      ...metaExtra,
    },
    spec: { ...(applied.spec as Obj), ...specExtra },
    status: { loadBalancer: {} },
  };
}

const SERVER_DEFAULTS: Obj = {
  clusterIP: '10.96.0.10',
  clusterIPs: ['10.96.0.10', 'fd00::10'],
  ipFamilies: ['IPv4', 'IPv6'],
  ipFamilyPolicy: 'PreferDualStack',
  sessionAffinity: 'None',
  type: 'ClusterIP',
  internalTrafficPolicy: 'Cluster',
};

const spec = (r: Obj): Obj => r.spec as Obj;
const labels = (r: Obj): Obj => (r.metadata as Obj).labels as Obj;

// Mirrors the behaviours of kubectl's apply tests (staging/src/k8s.io/kubectl/pkg/cmd/apply
// apply_test.go) and strategicpatch's TestThreeWayMergePatch, for a Service.
describe('threeWayMerge (kubectl client-side apply, CreateThreeWayMergePatch)', () => {
  it('re-applying an unchanged manifest leaves the live object exactly as it is', () => {
    const m = manifest(
      { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      { labels: { app: 'web' } },
    );
    const live = liveFrom(m, SERVER_DEFAULTS);
    (spec(live).ports as Obj[])[0] = { port: 80, targetPort: 8080, protocol: 'TCP' };
    assert.deepEqual(threeWayMerge(readLastApplied(live), live, m), live);
  });

  it('server-allocated clusterIPs and ipFamilyPolicy survive an apply that does not name them (semantics §11e)', () => {
    const m = manifest({ ports: [{ port: 80 }] });
    const live = liveFrom(m, SERVER_DEFAULTS);
    const next = manifest({ ports: [{ port: 80 }], selector: { app: 'v2' } });
    const out = threeWayMerge(readLastApplied(live), live, next) as unknown as Obj;
    assert.deepEqual(spec(out).clusterIPs, ['10.96.0.10', 'fd00::10']);
    assert.equal(spec(out).ipFamilyPolicy, 'PreferDualStack');
    assert.deepEqual(spec(out).selector, { app: 'v2' });
  });

  const cases: { name: string; last: Obj; live: Obj; next: Obj; check: (out: Obj) => void }[] = [
    {
      name: 'a field in last-applied and not in the manifest is deleted',
      last: manifest({ externalIPs: ['1.2.3.4'], ipFamilyPolicy: 'RequireDualStack' }),
      live: manifest({
        externalIPs: ['1.2.3.4'],
        ipFamilyPolicy: 'RequireDualStack',
        clusterIP: '10.0.0.1',
      }),
      next: manifest({}),
      check: (out) => assert.deepEqual(spec(out), { clusterIP: '10.0.0.1' }),
    },
    {
      name: 'a label set by someone else (not in last-applied) survives; a dropped one goes',
      last: manifest({}, { labels: { app: 'web', tier: 'fe' } }),
      live: manifest({}, { labels: { app: 'web', tier: 'fe', owner: 'ops' } }),
      next: manifest({}, { labels: { app: 'web2' } }),
      check: (out) => assert.deepEqual(labels(out), { app: 'web2', owner: 'ops' }),
    },
    {
      name: 'without last-applied nothing is deleted',
      last: undefined as unknown as Obj,
      live: manifest({ externalIPs: ['1.2.3.4'] }, { labels: { a: '1' } }),
      next: manifest({ type: 'NodePort' }),
      check: (out) => {
        assert.deepEqual(spec(out), { externalIPs: ['1.2.3.4'], type: 'NodePort' });
        assert.deepEqual(labels(out), { a: '1' });
      },
    },
    {
      name: 'ports merge by port: nodePort kept, changes applied, dropped port deleted, foreign port kept, new port added',
      last: manifest({ ports: [{ port: 80 }, { port: 443 }, { port: 9000 }] }),
      live: manifest({
        ports: [
          { port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 },
          { port: 443, protocol: 'TCP', targetPort: 443, nodePort: 30443 },
          { port: 9000, protocol: 'TCP', targetPort: 9000, nodePort: 30900 },
          { port: 9100, protocol: 'TCP', targetPort: 9100, nodePort: 30910 },
        ],
      }),
      next: manifest({ ports: [{ port: 80 }, { port: 443, targetPort: 8443 }, { port: 8080 }] }),
      check: (out) =>
        assert.deepEqual(spec(out).ports, [
          { port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 },
          { port: 443, protocol: 'TCP', targetPort: 8443, nodePort: 30443 },
          { port: 8080 },
          { port: 9100, protocol: 'TCP', targetPort: 9100, nodePort: 30910 },
        ]),
    },
    {
      name: 'a field dropped from a port element (name) is deleted inside that element',
      last: manifest({ ports: [{ port: 80, name: 'http' }] }),
      live: manifest({ ports: [{ port: 80, name: 'http', protocol: 'TCP' }] }),
      next: manifest({ ports: [{ port: 80 }] }),
      check: (out) => assert.deepEqual(spec(out).ports, [{ port: 80, protocol: 'TCP' }]),
    },
    {
      name: 'reordered ports follow the manifest ($setElementOrder)',
      last: manifest({ ports: [{ port: 80 }, { port: 443 }] }),
      live: manifest({
        ports: [
          { port: 80, nodePort: 1 },
          { port: 443, nodePort: 2 },
        ],
      }),
      next: manifest({ ports: [{ port: 443 }, { port: 80, name: 'h' }] }),
      check: (out) =>
        assert.deepEqual(spec(out).ports, [
          { port: 443, nodePort: 2 },
          { port: 80, nodePort: 1, name: 'h' },
        ]),
    },
    {
      name: 'same port, two protocols: created whole, but an update merges into the first match (key is port alone, kubernetes#39188)',
      last: manifest({
        ports: [
          { port: 53, protocol: 'TCP', name: 'dns-tcp' },
          { port: 53, protocol: 'UDP', name: 'dns-udp' },
        ],
      }),
      live: manifest({
        ports: [
          { port: 53, protocol: 'TCP', name: 'dns-tcp' },
          { port: 53, protocol: 'UDP', name: 'dns-udp' },
        ],
      }),
      next: manifest({
        ports: [
          { port: 53, protocol: 'TCP', name: 'dns-tcp' },
          { port: 53, protocol: 'UDP', name: 'dns' },
        ],
      }),
      check: (out) =>
        assert.deepEqual(spec(out).ports, [
          { port: 53, protocol: 'UDP', name: 'dns' },
          { port: 53, protocol: 'UDP', name: 'dns-udp' },
        ]),
    },
    {
      name: 'a list absent from the live object is taken from the manifest as it is',
      last: manifest({}),
      live: manifest({}),
      next: manifest({
        ports: [
          { port: 53, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
      }),
      check: (out) =>
        assert.deepEqual(spec(out).ports, [
          { port: 53, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ]),
    },
    {
      name: 'clusterIPs, ipFamilies, externalIPs are atomic: replaced whole',
      last: manifest({ clusterIPs: ['10.0.0.1', 'fd00::1'], ipFamilies: ['IPv4', 'IPv6'] }),
      live: manifest({
        clusterIPs: ['10.0.0.1', 'fd00::1'],
        ipFamilies: ['IPv4', 'IPv6'],
        externalIPs: ['1.1.1.1'],
      }),
      next: manifest({ clusterIPs: ['10.0.0.1'], ipFamilies: ['IPv4'], externalIPs: ['2.2.2.2'] }),
      check: (out) =>
        assert.deepEqual(spec(out), {
          clusterIPs: ['10.0.0.1'],
          ipFamilies: ['IPv4'],
          externalIPs: ['2.2.2.2'],
        }),
    },
    {
      name: 'null in the manifest deletes the live field',
      last: manifest({}),
      live: manifest({ ipFamilyPolicy: 'PreferDualStack', selector: { a: 'b' } }),
      next: manifest({ ipFamilyPolicy: null, selector: { a: null, c: 'd' } }),
      check: (out) => assert.deepEqual(spec(out), { selector: { c: 'd' } }),
    },
    {
      name: 'finalizers merge as a set',
      last: manifest({}, { finalizers: ['a', 'b'] }),
      live: manifest({}, { finalizers: ['a', 'b', 'x'] }),
      next: manifest({}, { finalizers: ['a', 'c'] }),
      check: (out) => assert.deepEqual((out.metadata as Obj).finalizers, ['a', 'c', 'x']),
    },
    {
      name: 'a map replacing a scalar is set without its nulls',
      last: manifest({}),
      live: manifest({ sessionAffinityConfig: 'weird' }),
      next: manifest({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 5, x: null } } }),
      check: (out) =>
        assert.deepEqual(spec(out).sessionAffinityConfig, { clientIP: { timeoutSeconds: 5 } }),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = threeWayMerge(
        c.last && stripForLastApplied(c.last),
        c.live,
        c.next,
      ) as unknown as Obj;
      c.check(out);
      const annotations = (out.metadata as Obj).annotations as Obj;
      assert.equal(annotations[LAST_APPLIED_ANNOTATION], lastAppliedConfiguration(c.next));
    });
  }

  it('a port without `port` stops the patch as strategicpatch does', () => {
    const live = manifest({ ports: [{ port: 80 }] });
    const r = threeWayMergeChecked(
      undefined,
      live,
      manifest({ ports: [{ name: 'http', targetPort: 80 }] }),
    );
    assert.deepEqual(r, {
      ok: false,
      message: 'map: map[name:http targetPort:80] does not contain declared merge key: port',
    });
    const fallback = threeWayMerge(
      undefined,
      live,
      manifest({ ports: [{ name: 'http' }] }),
    ) as unknown as Obj;
    assert.deepEqual(spec(fallback).ports, [{ name: 'http' }]);
  });

  it('inputs are not mutated', () => {
    const live = manifest({ ports: [{ port: 80, nodePort: 1 }] }, { labels: { a: '1' } });
    const next = manifest({ ports: [{ port: 80, name: 'x' }] }, { labels: { b: '2' } });
    const before = JSON.stringify([live, next]);
    threeWayMerge(undefined, live, next);
    assert.equal(JSON.stringify([live, next]), before);
  });
});

describe('last-applied configuration (kubectl util.GetModifiedConfiguration)', () => {
  it('is the manifest as Go JSON: sorted keys, annotations {} when empty, own annotation dropped, trailing newline', () => {
    const m: Obj = {
      spec: { ports: [{ port: 80, name: 'a<b' }] },
      metadata: { name: 'web', annotations: { [LAST_APPLIED_ANNOTATION]: 'old' } },
      kind: 'Service',
      apiVersion: 'v1',
    };
    assert.equal(
      lastAppliedConfiguration(m),
      '{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"name":"web"},"spec":{"ports":[{"name":"a\\u003cb","port":80}]}}\n',
    );
  });

  it('round-trips through readLastApplied; garbage reads as absent', () => {
    const m = manifest({ type: 'NodePort' }, { annotations: { x: 'y' } });
    assert.deepEqual(readLastApplied(withLastApplied(m)), stripForLastApplied(m));
    assert.equal(readLastApplied(manifest({})), undefined);
    assert.equal(
      readLastApplied(manifest({}, { annotations: { [LAST_APPLIED_ANNOTATION]: '{oops' } })),
      undefined,
    );
    assert.equal(
      readLastApplied(manifest({}, { annotations: { [LAST_APPLIED_ANNOTATION]: '[1]' } })),
      undefined,
    );
  });

  it('the missing-annotation warning is kubectl’s', () => {
    assert.match(
      missingLastAppliedWarning('web'),
      /^resource services\/web is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation which is required by kubectl apply\./,
    );
  });
});
