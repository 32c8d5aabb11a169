import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceSpec } from '../service-types';
import { makeService, render, SHAPES, type Shape, tweak } from './validation.spec-kit';
import { validateServiceClusterIPsRelatedFields } from './validate-cluster-ips';

const BAD_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

type Case = [name: string, spec: Partial<ServiceSpec>, want: string[]];

/** Spec fields over a valid v4 ClusterIP Service; `undefined` removes a field. */
const cases: Case[] = [
  ['valid v4', {}, []],
  [
    'no IPs, no families, no policy',
    {
      clusterIP: undefined,
      clusterIPs: undefined,
      ipFamilies: undefined,
      ipFamilyPolicy: undefined,
    },
    [],
  ],
  ['clusterIP without clusterIPs', { clusterIPs: undefined }, ['spec.clusterIPs: Required value']],
  [
    'clusterIPs[0] differs from clusterIP',
    { clusterIPs: ['10.0.0.2'] },
    ['spec.clusterIPs: Invalid value: []string{"10.0.0.2"}: first value must match `clusterIP`'],
  ],
  [
    'clusterIPs without clusterIP',
    { clusterIP: undefined },
    [
      'spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: must be empty when `clusterIP` is not specified',
    ],
  ],
  [
    'unsupported and duplicate families',
    { ipFamilies: ['IPv4', 'IPv5', 'IPv4'] },
    [
      'spec.ipFamilies[1]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"',
      'spec.ipFamilies[2]: Duplicate value: "IPv4"',
    ],
  ],
  [
    'unsupported policy',
    { ipFamilyPolicy: 'dual' },
    [
      'spec.ipFamilyPolicy: Unsupported value: "dual": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"',
    ],
  ],
  ['SingleStack with two families passes here', { ipFamilies: ['IPv4', 'IPv6'] }, []],
  [
    'None not alone',
    { clusterIP: 'None', clusterIPs: ['None', '2000::1'] },
    [
      'spec.clusterIPs: Invalid value: []string{"None", "2000::1"}: \'None\' must be the first and only value',
    ],
  ],
  [
    'None in second place, empty entry, bad IP; later checks skipped',
    { clusterIPs: ['10.0.0.1', 'None', '', 'x'] },
    [
      `spec.clusterIPs[1]: Invalid value: "None": ${BAD_IP}`,
      `spec.clusterIPs[2]: Invalid value: "": ${BAD_IP}`,
      `spec.clusterIPs[3]: Invalid value: "x": ${BAD_IP}`,
      'spec.clusterIPs: Invalid value: []string{"10.0.0.1", "None", "", "x"}: may only hold up to 2 values',
    ],
  ],
  [
    'three valid IPs',
    { clusterIPs: ['10.0.0.1', '2000::1', '10.0.0.2'], ipFamilies: undefined },
    [
      'spec.clusterIPs: Invalid value: []string{"10.0.0.1", "2000::1", "10.0.0.2"}: may only hold up to 2 values',
    ],
  ],
  [
    'two IPs of one family',
    { clusterIPs: ['10.0.0.1', '10.0.0.2'], ipFamilies: undefined },
    [
      'spec.clusterIPs: Invalid value: []string{"10.0.0.1", "10.0.0.2"}: may specify no more than one IP for each IP family',
    ],
  ],
  ['sloppy leading zeros are valid', { clusterIP: '010.0.0.1', clusterIPs: ['010.0.0.1'] }, []],
  [
    'families in the wrong order',
    { clusterIPs: ['10.0.0.1', '2000::1'], ipFamilies: ['IPv6', 'IPv4'] },
    [
      'spec.clusterIPs[0]: Invalid value: "10.0.0.1": expected an IPv6 value as indicated by `ipFamilies[0]`',
      'spec.clusterIPs[1]: Invalid value: "2000::1": expected an IPv4 value as indicated by `ipFamilies[1]`',
    ],
  ],
  [
    'fewer families than IPs checks only the listed ones',
    { clusterIPs: ['10.0.0.1', '2000::1'], ipFamilies: ['IPv4'] },
    [],
  ],
  [
    'IPv4-mapped IPv6 counts as IPv4',
    { clusterIP: '::ffff:10.0.0.1', clusterIPs: ['::ffff:10.0.0.1'] },
    [],
  ],
  [
    'headless skips the family match',
    { clusterIP: 'None', clusterIPs: ['None'], ipFamilies: ['IPv6'] },
    [],
  ],
];

void describe('ValidateServiceClusterIPsRelatedFields (TestValidateServiceClusterIPsRelatedFields)', () => {
  for (const [name, patch, want] of cases) {
    void it(name, () => {
      const svc = tweak(makeService('v4'), (s) => {
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined) delete (s.spec as Record<string, unknown>)[k];
          else (s.spec as Record<string, unknown>)[k] = v;
        }
      });
      assert.deepEqual(render(validateServiceClusterIPsRelatedFields(svc)), want);
    });
  }

  void it('is skipped for ExternalName', () => {
    const svc = tweak(makeService('v4'), (s) => {
      s.spec.type = 'ExternalName';
      s.spec.clusterIPs = ['x', 'y', 'z'];
    });
    assert.deepEqual(validateServiceClusterIPsRelatedFields(svc), []);
  });

  for (const shape of Object.keys(SHAPES) as Shape[]) {
    void it(`shape ${shape}: the defaulted Service passes, and swapping families fails`, () => {
      assert.deepEqual(render(validateServiceClusterIPsRelatedFields(makeService(shape))), []);
      const swapped = tweak(
        makeService(shape),
        (s) =>
          (s.spec.ipFamilies = s.spec.ipFamilies!.map((f) => (f === 'IPv4' ? 'IPv6' : 'IPv4'))),
      );
      const errs = render(validateServiceClusterIPsRelatedFields(swapped));
      assert.equal(errs.length, SHAPES[shape].ips.length);
      assert.match(
        errs[0]!,
        /^spec\.clusterIPs\[0\]: Invalid value: ".*": expected an IPv[46] value as indicated by `ipFamilies\[0\]`$/,
      );
    });
  }
});
