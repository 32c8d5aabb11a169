/** Group commit of statements (platform/database/coalescer.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Coalescer } from '../../src/platform/database/coalescer';

/** A runner whose batches finish only when the test releases them. */
function gatedRunner() {
  const batches: Array<{ key: string; reqs: number[]; release: (e?: Error) => void }> = [];
  const run = (key: string, reqs: number[]) =>
    new Promise<number[]>((resolve, reject) =>
      batches.push({
        key,
        reqs,
        release: (e) => (e ? reject(e) : resolve(reqs.map((r) => r * 10))),
      }),
    );
  return { batches, run };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('Coalescer', () => {
  it('runs a call at once when idle, and gathers calls that arrive while it is busy', async () => {
    const g = gatedRunner();
    const c = new Coalescer<number, number>(g.run, undefined, 1);
    const first = c.submit('k', 1);
    assert.deepEqual(
      g.batches.map((b) => b.reqs),
      [[1]],
    );
    const rest = [c.submit('k', 2), c.submit('k', 3), c.submit('k', 4)];
    await tick();
    assert.equal(g.batches.length, 1);
    g.batches[0]!.release();
    assert.equal(await first, 10);
    await tick();
    assert.deepEqual(g.batches[1]!.reqs, [2, 3, 4]);
    g.batches[1]!.release();
    assert.deepEqual(await Promise.all(rest), [20, 30, 40]);
    assert.deepEqual(c.stats, { batches: 2, calls: 4 });
  });

  it('never mixes keys, and fails every call of a failed batch only', async () => {
    const g = gatedRunner();
    const c = new Coalescer<number, number>(g.run, undefined, 1);
    const a = c.submit('a', 1);
    const b = c.submit('b', 2);
    assert.deepEqual(
      g.batches.map((x) => [x.key, x.reqs]),
      [
        ['a', [1]],
        ['b', [2]],
      ],
    );
    const a2 = [c.submit('a', 3), c.submit('a', 4)];
    g.batches[0]!.release(new Error('boom'));
    await assert.rejects(a, /boom/);
    await tick();
    g.batches[1]!.release();
    assert.equal(await b, 20);
    g.batches[2]!.release(new Error('again'));
    for (const p of a2) await assert.rejects(p, /again/);
  });

  it('splits the gathered calls as told', async () => {
    const g = gatedRunner();
    const c = new Coalescer<number, number>(g.run, (reqs) => reqs.map((r) => [r]), 1);
    const first = c.submit('k', 1);
    const rest = [c.submit('k', 2), c.submit('k', 3)];
    g.batches[0]!.release();
    await first;
    await tick();
    assert.deepEqual(
      g.batches.slice(1).map((b) => b.reqs),
      [[2], [3]],
    );
    for (const b of g.batches.slice(1)) b.release();
    assert.deepEqual(await Promise.all(rest), [20, 30]);
  });
});
