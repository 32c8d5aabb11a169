import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service } from '../service-types';
import {
  makeExternal,
  makeService,
  render,
  SHAPES,
  type Shape,
  tweak,
} from './validation.spec-kit';
import { validateServiceUpdate } from './validate-service-update';

type Case = [name: string, old: Service, svc: Service, want: string[]];
const cs = makeService;
const t = tweak;
const headless = (s: Service): void => {
  s.spec.clusterIP = 'None';
  s.spec.clusterIPs = ['None'];
};

const cases: Case[] = [
  ['no change', cs(), cs(), []],
  [
    'change name',
    cs(),
    t(cs(), (s) => (s.metadata.name = 'other')),
    ['metadata.name: Invalid value: "other": field is immutable'],
  ],
  [
    'change namespace',
    cs(),
    t(cs(), (s) => (s.metadata.namespace = 'other')),
    ['metadata.namespace: Invalid value: "other": field is immutable'],
  ],
  [
    'change uid',
    cs(),
    t(cs(), (s) => (s.metadata.uid = 'u-2')),
    ['metadata.uid: Invalid value: "u-2": field is immutable'],
  ],
  ['omitted uid means unchanged', cs(), t(cs(), (s) => delete s.metadata.uid), []],
  [
    'new finalizer while deleting',
    t(cs(), (s) => (s.metadata.deletionTimestamp = '2024-01-01T00:00:00Z')),
    t(cs(), (s) => (s.metadata.finalizers = ['example.com/b', 'example.com/a'])),
    [
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/a", "example.com/b"}',
    ],
  ],
  [
    'change ClusterIP to None',
    cs(),
    t(cs(), headless),
    ['spec.clusterIPs[0]: Invalid value: []string{"None"}: may not change once set'],
  ],
  [
    'change None to ClusterIP',
    t(cs(), headless),
    cs(),
    ['spec.clusterIPs[0]: Invalid value: []string{"10.0.0.1"}: may not change once set'],
  ],
  ['headless to headless with other families', t(cs(), headless), t(cs('v6'), headless), []],
  [
    'unset the primary clusterIP',
    cs(),
    t(cs(), (s) => {
      delete s.spec.clusterIP;
      s.spec.clusterIPs = [];
      s.spec.ipFamilies = [];
    }),
    [
      'spec.clusterIPs[0]: Invalid value: []string{}: primary clusterIP can not be unset',
      'spec.ipFamilies[0]: Invalid value: []core.IPFamily{}: primary ipFamily can not be unset',
    ],
  ],
  [
    'nil lists render as nil',
    cs(),
    t(cs(), (s) => {
      delete s.spec.clusterIP;
      delete s.spec.clusterIPs;
      delete s.spec.ipFamilies;
    }),
    [
      'spec.clusterIPs[0]: Invalid value: []string(nil): primary clusterIP can not be unset',
      'spec.ipFamilies[0]: Invalid value: []core.IPFamily(nil): primary ipFamily can not be unset',
    ],
  ],
  [
    'change type ClusterIP to ExternalName',
    cs(),
    {
      metadata: cs().metadata,
      spec: { type: 'ExternalName', externalName: 'a.example.com', sessionAffinity: 'None' },
    },
    [],
  ],
  [
    'change type ExternalName to ClusterIP with new IPs',
    {
      metadata: cs().metadata,
      spec: { type: 'ExternalName', externalName: 'a.example.com', sessionAffinity: 'None' },
    },
    cs('v6'),
    [],
  ],
  [
    'change loadBalancerClass',
    t(makeExternal('LoadBalancer'), (s) => (s.spec.loadBalancerClass = 'test.com/a')),
    t(makeExternal('LoadBalancer'), (s) => (s.spec.loadBalancerClass = 'test.com/b')),
    ['spec.loadBalancerClass: Invalid value: "test.com/b": may not change once set'],
  ],
  [
    'unset loadBalancerClass',
    t(makeExternal('LoadBalancer'), (s) => (s.spec.loadBalancerClass = 'test.com/a')),
    makeExternal('LoadBalancer'),
    ['spec.loadBalancerClass: Invalid value: "null": may not change once set'],
  ],
  [
    'set an invalid loadBalancerClass (format error reported twice, deduplicated on render)',
    makeExternal('LoadBalancer'),
    t(makeExternal('LoadBalancer'), (s) => (s.spec.loadBalancerClass = 'a/b/c')),
    [
      'spec.loadBalancerClass: Invalid value: "a/b/c": may not change once set',
      `spec.loadBalancerClass: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      `spec.loadBalancerClass: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
  ],
  [
    'ClusterIP to LoadBalancer may set a class',
    cs(),
    t(makeExternal('LoadBalancer'), (s) => (s.spec.loadBalancerClass = 'test.com/a')),
    [],
  ],
  [
    'change healthCheckNodePort',
    t(makeExternal('LoadBalancer'), (s) => {
      s.spec.externalTrafficPolicy = 'Local';
      s.spec.healthCheckNodePort = 30001;
    }),
    t(makeExternal('LoadBalancer'), (s) => {
      s.spec.externalTrafficPolicy = 'Local';
      s.spec.healthCheckNodePort = 30002;
    }),
    ['spec.healthCheckNodePort: Forbidden: field is immutable'],
  ],
];

/** Per-shape rules: the same request on v4, v6, v4/v6 and v6/v4 stored Services. */
function shapeCases(shape: Shape): Case[] {
  const { ips, families } = SHAPES[shape];
  const dual = ips.length === 2;
  const otherIP = families[0] === 'IPv4' ? '10.0.0.9' : '2000::9';
  const secondIP = families[0] === 'IPv4' ? '2000::1' : '10.0.0.1';
  const secondFamily = families[0] === 'IPv4' ? 'IPv6' : 'IPv4';
  const list = (l: string[]): string => l.map((x) => `"${x}"`).join(', ');
  const out: Case[] = [
    [
      'change the primary clusterIP',
      cs(shape),
      t(cs(shape), (s) => {
        s.spec.clusterIP = otherIP;
        s.spec.clusterIPs = [otherIP, ...ips.slice(1)];
      }),
      [
        `spec.clusterIPs[0]: Invalid value: []string{${list([otherIP, ...ips.slice(1)])}}: may not change once set`,
      ],
    ],
  ];
  if (dual) {
    out.push(
      [
        'release the secondary without SingleStack',
        cs(shape),
        t(cs(shape), (s) => {
          s.spec.clusterIPs = [ips[0]!];
          s.spec.ipFamilies = [families[0]!];
        }),
        [
          'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be set to \'SingleStack\' when releasing the secondary clusterIP',
          'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": must be set to \'SingleStack\' when releasing the secondary ipFamily',
        ],
      ],
      [
        'release the secondary with SingleStack',
        cs(shape),
        t(cs(shape), (s) => {
          s.spec.clusterIPs = [ips[0]!];
          s.spec.ipFamilies = [families[0]!];
          s.spec.ipFamilyPolicy = 'SingleStack';
        }),
        [],
      ],
      [
        'swap the families (every change reported at ipFamilies[0])',
        cs(shape),
        t(cs(shape), (s) => (s.spec.ipFamilies = [families[1]!, families[0]!])),
        [
          `spec.ipFamilies[0]: Invalid value: []core.IPFamily{${list([families[1]!, families[0]!])}}: may not change once set`,
          `spec.ipFamilies[0]: Invalid value: []core.IPFamily{${list([families[1]!, families[0]!])}}: may not change once set`,
          `spec.clusterIPs[0]: Invalid value: "${ips[0]}": expected an ${families[1]} value as indicated by \`ipFamilies[0]\``,
          `spec.clusterIPs[1]: Invalid value: "${ips[1]}": expected an ${families[0]} value as indicated by \`ipFamilies[1]\``,
        ],
      ],
      [
        'downgrade to the other family (value is the clusterIPs list)',
        cs(shape),
        t(cs(shape), (s) => {
          s.spec.clusterIP = ips[1]!;
          s.spec.clusterIPs = [ips[1]!];
          s.spec.ipFamilies = [families[1]!];
          s.spec.ipFamilyPolicy = null;
        }),
        [
          `spec.clusterIPs[0]: Invalid value: []string{"${ips[1]}"}: may not change once set`,
          'spec.ipFamilyPolicy: Invalid value: "null": must be set to \'SingleStack\' when releasing the secondary clusterIP',
          `spec.ipFamilies[0]: Invalid value: []string{"${ips[1]}"}: may not change once set`,
          'spec.ipFamilyPolicy: Invalid value: "null": must be set to \'SingleStack\' when releasing the secondary ipFamily',
        ],
      ],
    );
  } else {
    out.push(
      [
        'upgrade to dual-stack',
        cs(shape),
        t(cs(shape), (s) => {
          s.spec.clusterIPs = [ips[0]!, secondIP];
          s.spec.ipFamilies = [families[0]!, secondFamily];
          s.spec.ipFamilyPolicy = 'PreferDualStack';
        }),
        [],
      ],
      [
        'upgrade with a changed primary',
        cs(shape),
        t(cs(shape), (s) => {
          s.spec.clusterIP = secondIP;
          s.spec.clusterIPs = [secondIP, ips[0]!];
          s.spec.ipFamilies = [secondFamily, families[0]!];
          s.spec.ipFamilyPolicy = 'RequireDualStack';
        }),
        [
          `spec.clusterIPs[0]: Invalid value: []string{${list([secondIP, ips[0]!])}}: may not change once set`,
          `spec.ipFamilies[0]: Invalid value: []string{${list([secondIP, ips[0]!])}}: may not change once set`,
        ],
      ],
    );
  }
  return out;
}

function runTable(table: Case[]): void {
  for (const [name, old, svc, want] of table) {
    void it(name, () => assert.deepEqual(render(validateServiceUpdate(svc, old)), want));
  }
}

void describe('ValidateServiceUpdate (TestValidateServiceUpdate)', () => {
  runTable(cases);
  for (const shape of Object.keys(SHAPES) as Shape[])
    void describe(`cluster shape ${shape}`, () => runTable(shapeCases(shape)));

  void it('metadata update errors come first, then the full ValidateService of the new object', () => {
    const svc = t(cs(), (s) => {
      s.metadata.name = 'other';
      s.spec.clusterIP = '10.0.0.9';
      s.spec.clusterIPs = ['10.0.0.9'];
      s.spec.type = 'Bogus';
    });
    assert.deepEqual(render(validateServiceUpdate(svc, cs())), [
      'metadata.name: Invalid value: "other": field is immutable',
      'spec.clusterIPs[0]: Invalid value: []string{"10.0.0.9"}: may not change once set',
      'spec.type: Unsupported value: "Bogus": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });
});
