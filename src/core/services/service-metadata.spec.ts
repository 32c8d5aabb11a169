import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from './create-service';
import { makeContext, makeNetwork, makeService, stored, updateIn } from './services.spec-kit';

const BLOG_V4 = ['10.1.0.0/16'];
const BLOG_DUAL = ['10.1.0.0/16', 'fd12:b5e0:383f::/112'];

describe('metadata on create', () => {
  it('namespace from the URL, system fields from the server', async () => {
    const ctx = makeContext(makeNetwork(BLOG_V4));
    const input = makeService();
    input.metadata.uid = 'client-uid';
    const r = await createService(input, ctx);
    assert.ok(r.ok);
    assert.equal(r.service.metadata.namespace, 'default');
    assert.equal(r.service.metadata.uid, ctx.uid);
    assert.equal(r.service.metadata.resourceVersion, ctx.resourceVersion);
    assert.equal(r.service.metadata.creationTimestamp, '2024-05-01T12:00:00Z');
    assert.deepEqual(r.service.status, {});
  });
  it('a different body namespace is a 400', async () => {
    const input = makeService();
    input.metadata.namespace = 'kube-system';
    const r = await createService(input, makeContext(makeNetwork(BLOG_V4)));
    assert.ok(!r.ok);
    assert.equal(r.status.code, 400);
    assert.equal(
      r.status.message,
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  });
  it('a body resourceVersion is refused and nothing stays reserved', async () => {
    const ctx = makeContext(makeNetwork(BLOG_V4));
    const input = makeService();
    input.metadata.resourceVersion = '7';
    const r = await createService(input, ctx);
    assert.ok(!r.ok);
    assert.equal(r.status.message, 'resourceVersion should not be set on objects to be created');
    assert.equal(r.status.code, 500);
    assert.equal(r.status.reason, 'Unknown');
    assert.deepEqual(ctx.allocator.allocatedIPs('IPv4'), []);
  });
  it('a body resourceVersion of "0" is accepted, as etcd3 accepts it', async () => {
    const ctx = makeContext(makeNetwork(BLOG_V4));
    const input = makeService();
    input.metadata.resourceVersion = '0';
    const r = await createService(input, ctx);
    assert.ok(r.ok);
    assert.notEqual(r.service.metadata.resourceVersion, '0');
  });
  it('generateName gets a five-character suffix', async () => {
    const input = makeService();
    delete input.metadata.name;
    input.metadata.generateName = 'web-';
    const r = await createService(input, makeContext(makeNetwork(BLOG_V4)));
    assert.ok(r.ok, r.ok ? '' : r.status.message);
    assert.match(r.service.metadata.name ?? '', /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
  it('the input object is never mutated', async () => {
    const input = makeService({ type: 'LoadBalancer', etp: 'Local' });
    const frozen = structuredClone(input);
    const r = await createService(input, makeContext(makeNetwork(BLOG_DUAL)));
    assert.ok(r.ok);
    assert.deepEqual(input, frozen);
  });
});

describe('metadata on update', () => {
  const net = makeNetwork('v4');
  it('a stale resourceVersion is a 409 Conflict', async () => {
    const { ctx, svc } = await stored(net, {});
    const input = makeService();
    input.metadata.resourceVersion = '1';
    const r = await updateIn(ctx, input, svc);
    assert.ok(!r.ok);
    assert.equal(r.status.code, 409);
    assert.equal(
      r.status.message,
      'Operation cannot be fulfilled on services "nginx": the object has been modified; please apply your changes to the latest version and try again',
    );
  });
  it('a different name is a 400; uid and creationTimestamp are kept', async () => {
    const { ctx, svc } = await stored(net, {});
    const bad = await updateIn(ctx, makeService({ name: 'other' }), svc);
    assert.ok(!bad.ok && bad.status.code === 400);
    const input = makeService({ type: 'NodePort' });
    input.metadata.resourceVersion = svc.metadata.resourceVersion;
    const r = await updateIn(ctx, input, svc);
    assert.ok(r.ok);
    assert.equal(r.service.metadata.uid, svc.metadata.uid);
    assert.equal(r.service.metadata.creationTimestamp, svc.metadata.creationTimestamp);
    assert.notEqual(r.service.metadata.resourceVersion, svc.metadata.resourceVersion);
  });
});
