/** How concurrent reservations are grouped into statements (ip-take-batcher.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disjointBatches } from '../../src/modules/ipam/ip-take-batcher';

const req = (...ordinals: number[]) => ({
  candidates: ordinals.map((o) => ({ ordinal: BigInt(o), address: `10.0.0.${o}` })),
});

describe('disjointBatches', () => {
  it('keeps requests with disjoint candidates together, in order', () => {
    const a = req(1, 2);
    const b = req(3);
    const c = req(4, 5, 6);
    assert.deepEqual(disjointBatches([a, b, c]), [[a, b, c]]);
  });

  it('moves a request that shares a candidate to the first batch it fits', () => {
    const a = req(1, 2);
    const b = req(2, 3);
    const c = req(4);
    const d = req(1, 3);
    assert.deepEqual(disjointBatches([a, b, c, d]), [[a, c], [b], [d]]);
  });

  it('gives every request of a fully shared candidate set its own statement', () => {
    const same = Array.from({ length: 5 }, () => req(7, 8, 9));
    assert.deepEqual(
      disjointBatches(same).map((b) => b.length),
      [1, 1, 1, 1, 1],
    );
  });

  it('caps a batch at 64 requests', () => {
    const many = Array.from({ length: 130 }, (_, i) => req(i));
    assert.deepEqual(
      disjointBatches(many).map((b) => b.length),
      [64, 64, 2],
    );
  });
});
