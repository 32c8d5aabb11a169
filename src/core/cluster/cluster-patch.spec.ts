import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderFieldError } from '../errors/field-error';
import {
  type ClusterDefinition,
  type ClusterDefinitionInput,
  validateClusterDefinition,
} from './cluster-definition';
import { validateClusterPatch } from './cluster-patch';

const def = (input: ClusterDefinitionInput): ClusterDefinition => {
  const r = validateClusterDefinition({ name: 'c', ...input });
  if (!r.ok) assert.fail(r.errors.map(renderFieldError).join('; '));
  return r.value;
};

const V4 = { serviceCIDRs: ['10.96.0.0/12'], podCIDRs: ['10.244.0.0/16'] };
const DUAL = {
  serviceCIDRs: ['10.96.0.0/12', 'fd00::/112'],
  podCIDRs: ['10.244.0.0/16', 'fd01::/56'],
};

describe('validateClusterPatch', () => {
  const table: Array<[string, ClusterDefinitionInput, ClusterDefinitionInput, string[]]> = [
    ['unchanged', V4, V4, []],
    ['single to dual stack', V4, DUAL, []],
    ['dual to single stack (secondary removed)', DUAL, V4, []],
    [
      'version and node-port range may change',
      V4,
      { ...V4, kubernetesVersion: '1.30', serviceNodePortRange: '30000-31000' },
      [],
    ],
    [
      'primary family swapped',
      DUAL,
      { ...DUAL, serviceCIDRs: ['fd00::/112', '10.96.0.0/12'], dnsServiceIP: '10.96.0.10' },
      [
        'serviceCIDRs[0]: Invalid value: "fd00::/112": the primary IP family may not change (it is IPv4, from 10.96.0.0/12)',
      ],
    ],
    [
      'primary family replaced',
      V4,
      { serviceCIDRs: ['fd00::/112'], podCIDRs: ['10.244.0.0/16'], dnsServiceIP: 'none' },
      [
        'serviceCIDRs[0]: Invalid value: "fd00::/112": the primary IP family may not change (it is IPv4, from 10.96.0.0/12)',
        'dnsServiceIP: Invalid value: "none": may not change once set (it is 10.96.0.10); the kube-dns Service holds it',
      ],
    ],
    [
      'primary CIDR changed',
      V4,
      { ...V4, serviceCIDRs: ['10.96.0.0/16'] },
      [
        'serviceCIDRs[0]: Invalid value: "10.96.0.0/16": the IPv4 service CIDR may not change once set (it is 10.96.0.0/12)',
      ],
    ],
    [
      'secondary CIDR changed',
      DUAL,
      { ...DUAL, serviceCIDRs: ['10.96.0.0/12', 'fd00::1:0/112'] },
      [
        'serviceCIDRs[1]: Invalid value: "fd00::1:0/112": the IPv6 service CIDR may not change once set (it is fd00::/112)',
      ],
    ],
    [
      'pod CIDR changed',
      V4,
      { ...V4, podCIDRs: ['10.244.0.0/15'] },
      [
        'podCIDRs[0]: Invalid value: "10.244.0.0/15": the IPv4 pod CIDR may not change once set (it is 10.244.0.0/16)',
      ],
    ],
    [
      'node mask changed',
      V4,
      { ...V4, nodeCIDRMaskSize: { IPv4: 25 } },
      [
        'nodeCIDRMaskSize.IPv4: Invalid value: 25: the IPv4 node CIDR mask size may not change once set (it is 24)',
      ],
    ],
    ['node mask of a newly added pod family', V4, { ...DUAL, nodeCIDRMaskSize: { IPv6: 60 } }, []],
    [
      'DNS address changed',
      V4,
      { ...V4, dnsServiceIP: '10.96.0.53' },
      [
        'dnsServiceIP: Invalid value: "10.96.0.53": may not change once set (it is 10.96.0.10); the kube-dns Service holds it',
      ],
    ],
  ];
  for (const [name, before, after, want] of table) {
    it(name, () =>
      assert.deepEqual(validateClusterPatch(def(before), def(after)).map(renderFieldError), want),
    );
  }
  it('the name may not change', () => {
    const a = def(V4);
    const b = { ...a, name: 'other' };
    assert.deepEqual(validateClusterPatch(a, b).map(renderFieldError), [
      'name: Invalid value: "other": field is immutable',
    ]);
  });
});
