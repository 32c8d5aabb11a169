import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCidr } from '../net';
import type { ClusterCapacity } from './capacity-outputs';
import { rangeMaths } from './range-maths';
import { capacityReport } from './report';
import { tenantSummary } from './tenant-summary';

const serviceCIDR = parseCidr('10.96.0.0/12');
const maths = rangeMaths({ major: 1, minor: 30 });
/** A cluster whose tightest range is its node-port range with `ports` of 2768 taken. */
const report = (name: string, ports: bigint): ClusterCapacity => {
  assert.ok(serviceCIDR.ok);
  return capacityReport(
    {
      cluster: {
        name,
        serviceCIDRs: [serviceCIDR.cidr],
        podCIDRs: [],
        nodeCIDRMaskSize: {},
        nodePortRange: { base: 30000, size: 2768 },
        maxPodsPerNode: 110,
      },
      usage: { serviceIPs: {}, nodePorts: { static: 0n, dynamic: ports }, nodes: {} },
    },
    maths,
  );
};

void describe('tenantSummary', () => {
  const cases: [string, ClusterCapacity[], string[]][] = [
    ['no clusters', [], []],
    [
      'highest utilization first',
      [report('a', 100n), report('b', 2000n), report('c', 1000n)],
      ['b', 'c', 'a'],
    ],
    [
      'ties by name',
      [report('zeta', 500n), report('alpha', 500n), report('mid', 700n)],
      ['mid', 'alpha', 'zeta'],
    ],
    ['a full range leads', [report('x', 2767n), report('y', 2768n)], ['y', 'x']],
    ['empty clusters tie at 0, by name', [report('b', 0n), report('a', 0n)], ['a', 'b']],
  ];
  for (const [name, reports, order] of cases) {
    void it(name, () => {
      const s = tenantSummary(reports);
      assert.deepEqual(
        s.clusters.map((c) => c.cluster),
        order,
      );
      assert.equal(s.tightest?.cluster ?? null, order[0] ?? null);
    });
  }
  void it("carries each cluster's tightest range", () => {
    assert.deepEqual(tenantSummary([report('a', 1384n)]).clusters[0]?.tightest, {
      name: 'nodePorts 30000-32767',
      kind: 'nodePorts',
      family: null,
      utilization: 0.5,
      free: 1384n,
    });
  });
});
