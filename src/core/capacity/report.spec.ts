import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCidr, type Cidr } from '../net';
import type { CapacityCluster, CapacityInput, CapacityUsage } from './capacity-inputs';
import { rangeMaths } from './range-maths';
import { capacityReport } from './report';
import { utilization } from './band-usage';
import { validateClusterDefinition } from '../cluster/cluster-definition';

const cidr = (text: string): Cidr => {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(`bad cidr ${text}`);
  return r.cidr;
};

/** The seed cluster of the issue (the reference's §11 blog cluster plus pod CIDRs). */
const seed: CapacityCluster = {
  name: 'tokyo-prod',
  serviceCIDRs: [cidr('10.1.0.0/16'), cidr('fd12:b5e0:383f::/112')],
  podCIDRs: [cidr('10.0.0.0/16'), cidr('fd12:b5e0:383e::/56')],
  nodeCIDRMaskSize: { IPv4: 24, IPv6: 64 },
  nodePortRange: { base: 30000, size: 2768 },
  maxPodsPerNode: 110,
};
/** default/kubernetes (10.1.0.1) and kube-system/kube-dns (10.1.0.10): both in the static band. */
const seedUsage: CapacityUsage = {
  serviceIPs: { IPv4: { static: 2n, dynamic: 0n } },
  nodePorts: { static: 0n, dynamic: 0n },
  nodes: {},
};
const report = (
  cluster: Partial<CapacityCluster>,
  usage: Partial<CapacityUsage> = {},
  minor = 26,
) =>
  capacityReport(
    { cluster: { ...seed, ...cluster }, usage: { ...seedUsage, ...usage } } satisfies CapacityInput,
    rangeMaths({ major: 1, minor }),
  );

void describe('capacityReport: service CIDRs', () => {
  const seedReport = report({});
  const cases: [string, bigint, bigint, bigint, bigint, bigint, bigint][] = [
    // cidr, size, usable, allocated, free, static size, dynamic size
    ['10.1.0.0/16', 65536n, 65534n, 2n, 65532n, 256n, 65278n],
    ['fd12:b5e0:383f::/112', 65536n, 65535n, 0n, 65535n, 256n, 65279n],
  ];
  for (const [text, size, usable, allocated, free, staticSize, dynamicSize] of cases) {
    void it(text, () => {
      const s = seedReport.serviceCIDRs.find((c) => c.cidr === text)!;
      assert.deepEqual(
        [s.size, s.usable, s.allocated, s.free, s.static.size, s.dynamic.size],
        [size, usable, allocated, free, staticSize, dynamicSize],
      );
      assert.equal(s.static.allocated + s.dynamic.allocated, s.allocated);
    });
  }
  void it('static band utilization counts kubernetes and kube-dns', () => {
    const v4 = seedReport.serviceCIDRs[0]!;
    assert.equal(v4.static.free, 254n);
    assert.equal(v4.static.utilization, 2 / 256);
    assert.equal(v4.dynamic.utilization, 0);
    assert.equal(v4.utilization, 2 / 65534);
  });

  const sized: [string, number, bigint, bigint][] = [
    // cidr, minor, size, usable
    ['2000::/108', 33, 2n ** 20n, 65535n],
    ['2000::/108', 34, 2n ** 20n, 2n ** 20n - 1n],
    ['fd00::/64', 34, 18446744073709551616n, 18446744073709551615n],
    ['fd00::/64', 33, 18446744073709551616n, 65535n],
  ];
  for (const [text, minor, size, usable] of sized) {
    void it(`${text} at 1.${minor}: size ${size}, usable ${usable} (exact bigint)`, () => {
      const r = report({ serviceCIDRs: [cidr('10.1.0.0/16'), cidr(text)] }, {}, minor);
      const v6 = r.serviceCIDRs[1]!;
      assert.equal(v6.size, size);
      assert.equal(v6.usable, usable);
      assert.equal(v6.free, usable);
      assert.equal(v6.dynamic.size, usable - 256n);
    });
  }
});

void describe('capacityReport: node ports', () => {
  const cases: [number, bigint, bigint][] = [
    // minor, static size, dynamic size (KEP-3668 bands from 1.28)
    [26, 0n, 2768n],
    [29, 86n, 2682n],
  ];
  for (const [minor, staticSize, dynamicSize] of cases) {
    void it(`30000-32767 at 1.${minor}`, () => {
      const r = report({}, { nodePorts: { static: 6n, dynamic: 10n } }, minor);
      assert.equal(r.nodePorts.range, '30000-32767');
      assert.equal(r.nodePorts.size, 2768n);
      assert.equal(r.nodePorts.allocated, 16n);
      assert.equal(r.nodePorts.free, 2752n);
      assert.deepEqual(
        [r.nodePorts.static.size, r.nodePorts.dynamic.size],
        [staticSize, dynamicSize],
      );
    });
  }
});

void describe('capacityReport: pod CIDRs and nodes (cidr_set.go)', () => {
  const cases: [
    string,
    Partial<CapacityCluster>,
    Partial<CapacityUsage>,
    bigint[],
    bigint[] | null,
  ][] = [
    // name, cluster, usage, per-family maxNodes, [cluster maxNodes, allocated, free, podsPerNode, maxPods]
    [
      'seed: /16 with /24 and /56 with /64 give 256 nodes each',
      {},
      {},
      [256n, 256n],
      [256n, 0n, 256n, 110n, 28160n],
    ],
    [
      '200 nodes allocated',
      {},
      { nodes: { IPv4: 200n, IPv6: 200n } },
      [256n, 256n],
      [256n, 200n, 56n, 110n, 28160n],
    ],
    [
      'dual-stack takes the MIN over families',
      { podCIDRs: [cidr('10.0.0.0/17'), cidr('fd12:b5e0:383e::/56')] },
      {},
      [128n, 256n],
      [128n, 0n, 128n, 110n, 14080n],
    ],
    [
      'a /26 block caps pods at 62',
      { podCIDRs: [cidr('10.0.0.0/16')], nodeCIDRMaskSize: { IPv4: 26 } },
      {},
      [1024n],
      [1024n, 0n, 1024n, 62n, 63488n],
    ],
    [
      'a service CIDR inside the pod CIDR reserves its blocks',
      { podCIDRs: [cidr('10.1.0.0/16')], serviceCIDRs: [cidr('10.1.0.0/20')] },
      {},
      [240n],
      [240n, 0n, 240n, 110n, 26400n],
    ],
    [
      'missing mask takes the upstream default (/24, /64)',
      { nodeCIDRMaskSize: {} },
      {},
      [256n, 256n],
      [256n, 0n, 256n, 110n, 28160n],
    ],
    ['no pod CIDRs: node IPAM off', { podCIDRs: [] }, {}, [], null],
  ];
  for (const [name, cluster, usage, perFamily, nodes] of cases) {
    void it(name, () => {
      const r = report(cluster, usage);
      assert.deepEqual(
        r.podCIDRs.map((p) => p.maxNodes),
        perFamily,
      );
      assert.deepEqual(
        r.nodes && [
          r.nodes.maxNodes,
          r.nodes.allocatedNodes,
          r.nodes.freeNodes,
          r.nodes.podsPerNode,
          r.nodes.maxPods,
        ],
        nodes,
      );
    });
  }
  void it('block sizes are exact: a /64 node block holds 2^64 addresses', () => {
    const v6 = report({}).podCIDRs[1]!;
    assert.equal(v6.blockSize, 18446744073709551616n);
    assert.equal(v6.podsPerBlock, 18446744073709551615n);
    assert.equal(v6.blocks, 256n);
    assert.equal(v6.maxPods, 256n * 110n);
  });
  void it('110 pods fit on a /24 node block (254 addresses)', () => {
    const v4 = report({}).podCIDRs[0]!;
    assert.deepEqual([v4.blockSize, v4.podsPerBlock, v4.maxPods / v4.maxNodes], [256n, 254n, 110n]);
  });
});

void describe('capacityReport: Services that still fit and the tightest range', () => {
  const cases: [
    string,
    Partial<CapacityCluster>,
    Partial<CapacityUsage>,
    bigint,
    bigint | null,
    string,
  ][] = [
    // name, cluster, usage, singleStack, dualStack, tightest
    ['seed', {}, {}, 65532n, 65532n, 'serviceCIDR 10.1.0.0/16'],
    [
      'IPv6 fuller than IPv4',
      {},
      { serviceIPs: { IPv4: { static: 2n, dynamic: 0n }, IPv6: { static: 10n, dynamic: 65000n } } },
      65532n,
      525n,
      'serviceCIDR fd12:b5e0:383f::/112',
    ],
    [
      'single-stack: no dual-stack Services',
      { serviceCIDRs: [cidr('10.1.0.0/16')] },
      {},
      65532n,
      null,
      'serviceCIDR 10.1.0.0/16',
    ],
    [
      'node ports fullest',
      {},
      { nodePorts: { static: 0n, dynamic: 2000n } },
      65532n,
      65532n,
      'nodePorts 30000-32767',
    ],
    [
      'pod CIDRs tie: same utilization and free, so by name',
      {},
      { nodes: { IPv4: 200n, IPv6: 200n } },
      65532n,
      65532n,
      'podCIDR 10.0.0.0/16',
    ],
  ];
  for (const [name, cluster, usage, single, dual, tightest] of cases) {
    void it(name, () => {
      const r = report(cluster, usage);
      assert.equal(r.singleStackServices, single);
      assert.equal(r.dualStackServices, dual);
      assert.equal(r.tightest.name, tightest);
      assert.equal(r.cluster, 'tokyo-prod');
    });
  }
});

void describe('utilization', () => {
  const ratios: [bigint, bigint, number][] = [
    [0n, 10n, 0],
    [5n, 10n, 0.5],
    [10n, 10n, 1],
    [11n, 10n, 1],
    [0n, 0n, 1],
    [1n, 2n ** 64n, 1 / 2 ** 64],
  ];
  for (const [allocated, size, expected] of ratios) {
    void it(`utilization(${allocated}, ${size}) = ${expected}`, () => {
      assert.ok(Math.abs(utilization(allocated, size) - expected) <= expected * 1e-9);
    });
  }
});

void describe('capacityReport over a validated cluster definition', () => {
  void it('the API example cluster (1.26) as cluster/ defines it', () => {
    const def = validateClusterDefinition({
      name: 'tokyo-prod',
      kubernetesVersion: '1.26',
      serviceCIDRs: ['10.1.0.0/16', 'fd12:b5e0:383f::/112'],
      podCIDRs: ['10.0.0.0/16', 'fd12:b5e0:383e::/56'],
      nodeCIDRMaskSize: { IPv4: 24, IPv6: 64 },
      serviceNodePortRange: '30000-32767',
      maxPodsPerNode: 110,
    });
    assert.ok(def.ok);
    const r = capacityReport(
      { cluster: def.value, usage: seedUsage },
      rangeMaths(def.value.version),
    );
    assert.deepEqual(
      r.serviceCIDRs.map((s) => [s.cidr, s.size, s.usable, s.free]),
      [
        ['10.1.0.0/16', 65536n, 65534n, 65532n],
        ['fd12:b5e0:383f::/112', 65536n, 65535n, 65535n],
      ],
    );
    assert.deepEqual([r.nodePorts.size, r.nodePorts.static.size], [2768n, 0n]);
    assert.deepEqual(
      r.podCIDRs.map((p) => p.maxNodes),
      [256n, 256n],
    );
    assert.equal(r.nodes?.maxPods, 28160n);
  });
});
