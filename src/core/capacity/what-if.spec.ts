import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCidr, type Cidr } from '../net';
import type { CapacityCluster, CapacityInput, CapacityUsage } from './capacity-inputs';
import { rangeMaths } from './range-maths';
import { whatIf, type CapacityChange } from './what-if';

const cidr = (text: string): Cidr => {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(`bad cidr ${text}`);
  return r.cidr;
};

const seed: CapacityCluster = {
  name: 'tokyo-prod',
  serviceCIDRs: [cidr('10.1.0.0/16'), cidr('fd12:b5e0:383f::/112')],
  podCIDRs: [cidr('10.0.0.0/16'), cidr('fd12:b5e0:383e::/56')],
  nodeCIDRMaskSize: { IPv4: 24, IPv6: 64 },
  nodePortRange: { base: 30000, size: 2768 },
  maxPodsPerNode: 110,
};
/** kubernetes + kube-dns, 200 nodes, 100 node ports. IPv4 free 65532, IPv6 65535, nodes 56. */
const seedUsage: CapacityUsage = {
  serviceIPs: { IPv4: { static: 2n, dynamic: 0n } },
  nodePorts: { static: 0n, dynamic: 100n },
  nodes: { IPv4: 200n, IPv6: 200n },
};
const singleStack: Partial<CapacityCluster> = {
  serviceCIDRs: [cidr('10.1.0.0/16')],
  podCIDRs: [cidr('10.0.0.0/16')],
};
const maths = rangeMaths({ major: 1, minor: 26 });
const run = (change: CapacityChange, cluster: Partial<CapacityCluster> = {}) =>
  whatIf(
    { cluster: { ...seed, ...cluster }, usage: seedUsage } satisfies CapacityInput,
    change,
    maths,
  );

const V4 = 'serviceCIDR 10.1.0.0/16';
const V6 = 'serviceCIDR fd12:b5e0:383f::/112';
const POD4 = 'podCIDR 10.0.0.0/16';
const POD6 = 'podCIDR fd12:b5e0:383e::/56';

void describe('whatIf: Services (initIPFamilyFields family choice)', () => {
  const cases: [
    string,
    CapacityChange,
    Partial<CapacityCluster>,
    boolean,
    string[],
    [bigint, bigint | null],
  ][] = [
    // name, change, cluster, fits, exhausted, [after IPv4 allocated, after IPv6 allocated]
    [
      '10 SingleStack take the primary',
      { addServices: { count: 10, policy: 'SingleStack' } },
      {},
      true,
      [],
      [12n, null],
    ],
    [
      'SingleStack IPv6 takes IPv6 only',
      { addServices: { count: 10, policy: 'SingleStack', family: 'IPv6' } },
      {},
      true,
      [],
      [2n, 10n],
    ],
    [
      'PreferDualStack on dual-stack takes both',
      { addServices: { count: 5, policy: 'PreferDualStack' } },
      {},
      true,
      [],
      [7n, 5n],
    ],
    [
      'PreferDualStack on single-stack takes the primary only',
      { addServices: { count: 5, policy: 'PreferDualStack' } },
      singleStack,
      true,
      [],
      [7n, null],
    ],
    [
      'RequireDualStack takes both',
      { addServices: { count: 5, policy: 'RequireDualStack' } },
      {},
      true,
      [],
      [7n, 5n],
    ],
    [
      'exactly the free room fits',
      { addServices: { count: 65532, policy: 'RequireDualStack' } },
      {},
      true,
      [],
      [65534n, 65532n],
    ],
    [
      'one more runs IPv4 out',
      { addServices: { count: 65533, policy: 'RequireDualStack' } },
      {},
      false,
      [V4],
      [65534n, 65533n],
    ],
    [
      'both run out, the one with less free room first',
      { addServices: { count: 70000, policy: 'RequireDualStack' } },
      {},
      false,
      [V4, V6],
      [65534n, 65535n],
    ],
    [
      'RequireDualStack on single-stack is the kube-apiserver error',
      { addServices: { count: 1, policy: 'RequireDualStack' } },
      singleStack,
      false,
      [],
      [2n, null],
    ],
    [
      'SingleStack IPv6 on an IPv4 cluster is not configured',
      { addServices: { count: 1, policy: 'SingleStack', family: 'IPv6' } },
      singleStack,
      false,
      [],
      [2n, null],
    ],
    [
      'NodePort Services also take node ports',
      { addServices: { count: 1000, policy: 'SingleStack', nodePortsPerService: 3 } },
      {},
      false,
      ['nodePorts 30000-32767'],
      [1002n, null],
    ],
  ];
  for (const [name, change, cluster, fits, exhausted, [v4, v6]] of cases) {
    void it(name, () => {
      const r = run(change, cluster);
      assert.equal(r.fits, fits, r.reasons.join('; '));
      assert.deepEqual(r.exhausted, exhausted);
      assert.equal(r.fits, r.reasons.length === 0);
      assert.equal(r.after.serviceCIDRs[0]!.allocated, v4);
      if (v6 !== null) assert.equal(r.after.serviceCIDRs[1]!.allocated, v6);
      assert.equal(r.before.serviceCIDRs[0]!.allocated, 2n);
    });
  }
  void it('reasons carry the upstream messages and the shortfall', () => {
    assert.deepEqual(
      run({ addServices: { count: 1, policy: 'RequireDualStack' } }, singleStack).reasons,
      [
        'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
      ],
    );
    assert.deepEqual(
      run({ addServices: { count: 1, policy: 'SingleStack', family: 'IPv6' } }, singleStack)
        .reasons,
      ['spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster'],
    );
    assert.deepEqual(run({ addServices: { count: 65533, policy: 'SingleStack' } }).reasons, [
      `${V4}: 65533 needed, 65532 free`,
    ]);
  });
  void it('new IPs fill the dynamic band first, then the static band', () => {
    const after = run({ addServices: { count: 65400, policy: 'SingleStack' } }).after
      .serviceCIDRs[0]!;
    assert.deepEqual([after.dynamic.allocated, after.static.allocated], [65278n, 124n]);
  });
});

void describe('whatIf: nodes and pod CIDRs (cidr_set.go)', () => {
  const cases: [string, CapacityChange, boolean, string[], string[], bigint | null][] = [
    // name, change, fits, exhausted, reasons, after maxPods
    ['56 more nodes fit', { addNodes: 56 }, true, [], [], 28160n],
    [
      '57 more run both pod CIDRs out',
      { addNodes: 57 },
      false,
      [POD4, POD6],
      [`${POD4}: 57 needed, 56 free`, `${POD6}: 57 needed, 56 free`],
      28160n,
    ],
    [
      'a /25 per node doubles IPv4 blocks; IPv6 still binds',
      { nodeCIDRMaskSize: { IPv4: 25 }, addNodes: 56 },
      true,
      [],
      [],
      28160n,
    ],
    [
      "a /23 per node cannot hold today's 200 nodes",
      { nodeCIDRMaskSize: { IPv4: 23 } },
      false,
      [POD4],
      [`${POD4}: 200 allocated, only 128 fit`],
      14080n,
    ],
    [
      'an IPv6 node mask 17 bits longer is too big for cidrset',
      { nodeCIDRMaskSize: { IPv6: 73 } },
      false,
      [POD6],
      [
        'New CIDR set failed; the node CIDR size is too big (fd12:b5e0:383e::/56, /73)',
        `${POD6}: 200 allocated, only 0 fit`,
      ],
      0n,
    ],
    ['maxPodsPerNode 250 on /24 blocks', { maxPodsPerNode: 250 }, true, [], [], 64000n],
    [
      'maxPodsPerNode 300 is capped by the /24 block',
      { maxPodsPerNode: 300 },
      true,
      [],
      [],
      65024n,
    ],
    [
      'a wider pod CIDR keeps its nodes',
      { podCIDRs: [cidr('10.0.0.0/15'), cidr('fd12:b5e0:383e::/56')], addNodes: 56 },
      true,
      [],
      [],
      28160n,
    ],
    [
      'moving the pod CIDR away strands the nodes',
      { podCIDRs: [cidr('10.2.0.0/16'), cidr('fd12:b5e0:383e::/56')] },
      false,
      [],
      ['200 nodes hold IPv4 pod CIDRs from 10.0.0.0/16, which 10.2.0.0/16 does not cover'],
      28160n,
    ],
    [
      'services run out later in the change than nodes',
      { addNodes: 100, addServices: { count: 70000, policy: 'SingleStack' } },
      false,
      [POD4, POD6, V4],
      [
        `${POD4}: 100 needed, 56 free`,
        `${POD6}: 100 needed, 56 free`,
        `${V4}: 70000 needed, 65532 free`,
      ],
      28160n,
    ],
    [
      'negative counts are refused',
      { addNodes: -1 },
      false,
      [],
      ['addNodes must be a non-negative integer, got -1'],
      28160n,
    ],
  ];
  for (const [name, change, fits, exhausted, reasons, maxPods] of cases) {
    void it(name, () => {
      const r = run(change);
      assert.equal(r.fits, fits);
      assert.deepEqual(r.exhausted, exhausted);
      assert.deepEqual(r.reasons, reasons);
      assert.equal(r.after.nodes?.maxPods ?? null, maxPods);
    });
  }
  void it('after never allocates past capacity', () => {
    const r = run({ addNodes: 1000 });
    assert.deepEqual(
      r.after.podCIDRs.map((p) => [p.allocatedNodes, p.freeNodes, p.utilization]),
      [
        [256n, 0n, 1],
        [256n, 0n, 1],
      ],
    );
    assert.equal(r.before.nodes?.allocatedNodes, 200n);
  });
  void it('adding an IPv6 pod CIDR must also serve the existing nodes', () => {
    const r = run(
      { podCIDRs: [cidr('10.0.0.0/16'), cidr('fd00:1::/60')] },
      { podCIDRs: [cidr('10.0.0.0/16')] },
    );
    assert.equal(r.fits, false);
    assert.deepEqual(r.exhausted, ['podCIDR fd00:1::/60']);
  });
});

void describe('whatIf: service CIDR changes', () => {
  const cases: [string, Cidr[], boolean, string[], bigint][] = [
    // name, new serviceCIDRs, fits, reasons, after IPv4 usable
    [
      'a wider primary that swallows the pod CIDR reserves every node block',
      [cidr('10.0.0.0/15'), cidr('fd12:b5e0:383f::/112')],
      false,
      [`${POD4}: 200 allocated, only 0 fit`],
      131070n,
    ],
    [
      'a primary that does not cover the old one strands its IPs',
      [cidr('10.2.0.0/16'), cidr('fd12:b5e0:383f::/112')],
      false,
      ['2 IPv4 Service IPs are allocated from 10.1.0.0/16, which 10.2.0.0/16 does not cover'],
      65534n,
    ],
    [
      'the primary family cannot change',
      [cidr('fd12:b5e0:383f::/112'), cidr('10.1.0.0/16')],
      false,
      ['the primary service family cannot change from IPv4 to IPv6'],
      65534n,
    ],
    ['dropping an empty secondary is fine', [cidr('10.1.0.0/16')], true, [], 65534n],
  ];
  for (const [name, serviceCIDRs, fits, reasons, usable] of cases) {
    void it(name, () => {
      const r = run({ serviceCIDRs });
      assert.equal(r.fits, fits);
      assert.deepEqual(r.reasons, reasons);
      assert.equal(r.after.serviceCIDRs.find((s) => s.family === 'IPv4')!.usable, usable);
    });
  }
  void it('a wider primary keeps its IPs and band split', () => {
    const r = run(
      { serviceCIDRs: [cidr('10.0.0.0/15'), cidr('fd12:b5e0:383f::/112')] },
      { podCIDRs: [cidr('10.244.0.0/16')] },
    );
    assert.deepEqual(r.reasons, []);
    const v4 = r.after.serviceCIDRs[0]!;
    assert.deepEqual([v4.usable, v4.static.allocated, v4.dynamic.allocated], [131070n, 2n, 0n]);
  });
});
