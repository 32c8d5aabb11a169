import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderErrorList } from '../../errors/field-error';
import type { Service } from '../service-types';
import {
  DNS1035,
  DNS1123_SUBDOMAIN,
  QNAME,
  CIDR,
  PORT_RANGE,
  ONLY_LB,
  makeExternal,
  makeService,
  render,
  SHAPES,
  type Shape,
  tweak,
} from './validation.spec-kit';
import { validateService } from './validate-service';

type Case = [name: string, svc: Service, want: string[]];
const cs = makeService;
const t = tweak;

function runTable(cases: Case[]): void {
  for (const [name, svc, want] of cases)
    void it(name, () => assert.deepEqual(render(validateService(svc)), want));
}

const typeCases: Case[] = [
  ['missing type', t(cs(), (s) => (s.spec.type = '')), ['spec.type: Required value']],
  [
    'invalid type',
    t(cs(), (s) => (s.spec.type = 'Foo')),
    [
      'spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
  ],
  [
    'LoadBalancer type cannot have None ClusterIP',
    t(makeExternal('LoadBalancer'), (s) => {
      s.spec.clusterIP = 'None';
      s.spec.clusterIPs = ['None'];
    }),
    [
      'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for LoadBalancer services',
    ],
  ],
  [
    'invalid type - nodeport with None clusterIP',
    t(makeExternal('NodePort'), (s) => {
      s.spec.clusterIP = 'None';
      s.spec.clusterIPs = ['None'];
    }),
    ['spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services'],
  ],
  [
    'valid ExternalName',
    {
      metadata: { name: 'valid', namespace: 'default' },
      spec: { type: 'ExternalName', externalName: 'foo.bar.example.com.', sessionAffinity: 'None' },
    },
    [],
  ],
  [
    'ExternalName with IP fields and no name',
    {
      metadata: { name: 'valid', namespace: 'default' },
      spec: {
        type: 'ExternalName',
        sessionAffinity: 'None',
        clusterIPs: ['None'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
      },
    },
    [
      'spec.clusterIPs: Forbidden: may not be set for ExternalName services',
      'spec.ipFamilies: Forbidden: may not be set for ExternalName services',
      'spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services',
      'spec.externalName: Required value',
    ],
  ],
  [
    'invalid ExternalName',
    {
      metadata: { name: 'valid', namespace: 'default' },
      spec: { type: 'ExternalName', externalName: '-123.com', sessionAffinity: 'None' },
    },
    [`spec.externalName: Invalid value: "-123.com": ${DNS1123_SUBDOMAIN}`],
  ],
  [
    'ExternalName tolerates internalTrafficPolicy',
    {
      metadata: { name: 'valid', namespace: 'default' },
      spec: {
        type: 'ExternalName',
        externalName: 'a.b',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Local',
      },
    },
    [],
  ],
];

const affinityAndIPCases: Case[] = [
  [
    'missing session affinity',
    t(cs(), (s) => (s.spec.sessionAffinity = '')),
    ['spec.sessionAffinity: Required value'],
  ],
  [
    'invalid session affinity',
    t(cs(), (s) => (s.spec.sessionAffinity = 'x')),
    ['spec.sessionAffinity: Unsupported value: "x": supported values: "ClientIP", "None"'],
  ],
  [
    'ClientIP without config',
    t(cs(), (s) => (s.spec.sessionAffinity = 'ClientIP')),
    ['spec.sessionAffinityConfig: Required value: when session affinity type is ClientIP'],
  ],
  [
    'ClientIP without timeout',
    t(cs(), (s) => {
      s.spec.sessionAffinity = 'ClientIP';
      s.spec.sessionAffinityConfig = { clientIP: {} };
    }),
    [
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Required value: when session affinity type is ClientIP',
    ],
  ],
  [
    'ClientIP timeout too large',
    t(cs(), (s) => {
      s.spec.sessionAffinity = 'ClientIP';
      s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 86401 } };
    }),
    [
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400',
    ],
  ],
  [
    'None with config',
    t(cs(), (s) => (s.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } })),
    ['spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None'],
  ],
  [
    'invalid externalIPs',
    t(cs(), (s) => {
      s.spec.externalIPs = [
        '0.0.0.0',
        '127.0.0.1',
        '169.254.1.1',
        '224.0.0.1',
        'fe80::1',
        'ff02::1',
        '::',
        'x',
        '010.1.1.1',
      ];
      s.spec.externalTrafficPolicy = 'Cluster';
    }),
    [
      'spec.externalIPs[0]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)',
      'spec.externalIPs[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'spec.externalIPs[2]: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
      'spec.externalIPs[3]: Invalid value: "224.0.0.1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
      'spec.externalIPs[4]: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
      'spec.externalIPs[5]: Invalid value: "ff02::1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
      'spec.externalIPs[6]: Invalid value: "::": may not be unspecified (::)',
      'spec.externalIPs[7]: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
  ],
];

const lbCases: Case[] = [
  ['valid LoadBalancer', makeExternal('LoadBalancer'), []],
  [
    'source ranges on ClusterIP, with a bad value',
    t(cs(), (s) => (s.spec.loadBalancerSourceRanges = [' 10.0.0.0/8 ', '10.0.0.1'])),
    [
      `spec.LoadBalancerSourceRanges: Forbidden: ${ONLY_LB}`,
      `spec.LoadBalancerSourceRanges[1]: Invalid value: "10.0.0.1": ${CIDR}`,
    ],
  ],
  [
    'source ranges annotation on LoadBalancer',
    t(makeExternal('LoadBalancer'), (s) => {
      s.metadata.annotations = {
        'service.beta.kubernetes.io/load-balancer-source-ranges':
          ' 1.2.3.0/24, ::ffff:1.2.3.4/120 ,x ',
      };
    }),
    [
      `metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Invalid value: "x": ${CIDR}`,
    ],
  ],
  [
    'source ranges annotation ignored when the field is set',
    t(makeExternal('LoadBalancer'), (s) => {
      s.spec.loadBalancerSourceRanges = ['10.0.0.0/008'];
      s.metadata.annotations = { 'service.beta.kubernetes.io/load-balancer-source-ranges': 'x' };
    }),
    [],
  ],
  [
    'allocateLoadBalancerNodePorts on NodePort',
    t(makeExternal('NodePort'), (s) => (s.spec.allocateLoadBalancerNodePorts = false)),
    [`spec.allocateLoadBalancerNodePorts: Forbidden: ${ONLY_LB}`],
  ],
  [
    'LoadBalancer allocateLoadBalancerNodePorts=nil',
    t(makeExternal('LoadBalancer'), (s) => (s.spec.allocateLoadBalancerNodePorts = null)),
    ['allocateLoadBalancerNodePorts: Required value'],
  ],
  [
    'loadBalancerClass on ClusterIP',
    t(cs(), (s) => (s.spec.loadBalancerClass = 'test.com/test')),
    [`spec.loadBalancerClass: Forbidden: ${ONLY_LB}`],
  ],
  [
    'invalid loadBalancerClass',
    t(makeExternal('LoadBalancer'), (s) => (s.spec.loadBalancerClass = 'Bad Class')),
    [`spec.loadBalancerClass: Invalid value: "Bad Class": ${QNAME}`],
  ],
];

const trafficCases: Case[] = [
  [
    'externalTrafficPolicy on ClusterIP',
    t(cs(), (s) => (s.spec.externalTrafficPolicy = 'Cluster')),
    [
      'spec.externalTrafficPolicy: Invalid value: "Cluster": may only be set for externally-accessible services',
    ],
  ],
  [
    'ClusterIP with externalIPs needs a policy',
    t(cs(), (s) => (s.spec.externalIPs = ['1.2.3.4'])),
    ['spec.externalTrafficPolicy: Required value'],
  ],
  [
    'invalid externalTraffic field',
    t(makeExternal('NodePort'), (s) => (s.spec.externalTrafficPolicy = 'invalid')),
    [
      'spec.externalTrafficPolicy: Unsupported value: "invalid": supported values: "Cluster", "Local"',
    ],
  ],
  [
    'NodePort + Local gets no health check',
    t(makeExternal('NodePort'), (s) => (s.spec.externalTrafficPolicy = 'Local')),
    [],
  ],
  [
    'healthCheckNodePort without LoadBalancer + Local',
    t(makeExternal('NodePort'), (s) => {
      s.spec.externalTrafficPolicy = 'Local';
      s.spec.healthCheckNodePort = 30000;
    }),
    [
      "spec.healthCheckNodePort: Invalid value: 30000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    ],
  ],
  [
    'LoadBalancer + Local without healthCheckNodePort',
    t(makeExternal('LoadBalancer'), (s) => (s.spec.externalTrafficPolicy = 'Local')),
    ['spec.healthCheckNodePort: Required value'],
  ],
  [
    'negative healthCheckNodePort',
    t(makeExternal('LoadBalancer'), (s) => {
      s.spec.externalTrafficPolicy = 'Local';
      s.spec.healthCheckNodePort = -1;
    }),
    [`spec.healthCheckNodePort: Invalid value: -1: ${PORT_RANGE}`],
  ],
  [
    'nil internalTrafficPolicy',
    t(cs(), (s) => (s.spec.internalTrafficPolicy = null)),
    ['spec.internalTrafficPolicy: Required value'],
  ],
  [
    'invalid internalTrafficPolicy',
    t(cs(), (s) => (s.spec.internalTrafficPolicy = 'invalid')),
    [
      'spec.internalTrafficPolicy: Unsupported value: "invalid": supported values: "Cluster", "Local"',
    ],
  ],
  [
    'trafficDistribution PreferClose',
    t(cs(), (s) => (s.spec.trafficDistribution = 'PreferClose')),
    [],
  ],
  [
    'invalid trafficDistribution',
    t(cs(), (s) => (s.spec.trafficDistribution = 'Random')),
    ['spec.trafficDistribution: Unsupported value: "Random": supported values: "PreferClose"'],
  ],
];

void describe('ValidateService (TestValidateServiceCreate)', () => {
  void describe('type', () => runTable(typeCases));
  void describe('session affinity and external IPs', () => runTable(affinityAndIPCases));
  void describe('load balancer fields', () => runTable(lbCases));
  void describe('traffic policies', () => runTable(trafficCases));

  void it('reports errors in upstream evaluation order, deduplicated by renderErrorList', () => {
    const svc = t(makeExternal('LoadBalancer'), (s) => {
      s.metadata.name = 'Bad';
      s.spec.ports = [
        { name: 'a', protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30080 },
        { name: 'a', protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30080 },
      ];
      s.spec.sessionAffinity = 'ClientIP';
      s.spec.type = 'LoadBalancer';
      s.spec.externalTrafficPolicy = 'Local';
    });
    assert.equal(
      renderErrorList(validateService(svc)),
      `[metadata.name: Invalid value: "Bad": ${DNS1035}, spec.ports[1].name: Duplicate value: "a", ` +
        'spec.sessionAffinityConfig: Required value: when session affinity type is ClientIP, ' +
        'spec.ports[1].nodePort: Duplicate value: 30080, ' +
        'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}, ' +
        'spec.healthCheckNodePort: Required value]',
    );
  });

  const shapes = Object.keys(SHAPES) as Shape[];
  for (const shape of shapes) {
    void describe(`cluster shape ${shape}`, () => {
      void it('valid ClusterIP, NodePort, LoadBalancer and headless Services pass', () => {
        for (const svc of [
          cs(shape),
          makeExternal('NodePort', shape),
          makeExternal('LoadBalancer', shape),
        ]) {
          assert.deepEqual(render(validateService(svc)), []);
        }
        const headless = t(cs(shape), (s) => {
          s.spec.clusterIP = 'None';
          s.spec.clusterIPs = ['None'];
        });
        assert.deepEqual(render(validateService(headless)), []);
      });
      void it('an IP of the wrong family under ipFamilies[0] is reported', () => {
        const { ips, families } = SHAPES[shape];
        const other = families[0] === 'IPv4' ? '2000::5' : '10.0.0.5';
        const svc = t(cs(shape), (s) => {
          s.spec.clusterIP = other;
          s.spec.clusterIPs = [other, ...ips.slice(1)];
        });
        const errs = render(validateService(svc));
        const want = [
          `spec.clusterIPs[0]: Invalid value: "${other}": expected an ${families[0]} value as indicated by \`ipFamilies[0]\``,
        ];
        if (ips.length === 2) {
          want.unshift(
            `spec.clusterIPs: Invalid value: []string{"${other}", "${ips[1]}"}: may specify no more than one IP for each IP family`,
          );
        }
        assert.deepEqual(errs, want);
      });
    });
  }
});
