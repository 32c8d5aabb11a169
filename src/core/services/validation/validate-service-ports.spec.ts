import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service } from '../service-types';
import {
  DNS1035,
  DNS1123_LABEL,
  QNAME,
  LABEL_VALUE,
  PORT_RANGE,
  makeExternal,
  makeService,
  render,
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

const metadataCases: Case[] = [
  [
    'missing namespace',
    t(cs(), (s) => delete s.metadata.namespace),
    ['metadata.namespace: Required value'],
  ],
  [
    'invalid namespace',
    t(cs(), (s) => (s.metadata.namespace = '-123')),
    [`metadata.namespace: Invalid value: "-123": ${DNS1123_LABEL}`],
  ],
  [
    'missing name',
    t(cs(), (s) => delete s.metadata.name),
    ['metadata.name: Required value: name or generateName is required'],
  ],
  [
    'invalid name',
    t(cs(), (s) => (s.metadata.name = 'Foo')),
    [`metadata.name: Invalid value: "Foo": ${DNS1035}`],
  ],
  [
    'name with dots',
    t(cs(), (s) => (s.metadata.name = 'a.b')),
    [`metadata.name: Invalid value: "a.b": ${DNS1035}`],
  ],
  [
    'too long name',
    t(cs(), (s) => (s.metadata.name = 'a'.repeat(64))),
    [`metadata.name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
  ],
  [
    'invalid generateName',
    t(cs(), (s) => (s.metadata.generateName = '1x-')),
    [`metadata.generateName: Invalid value: "1x-": ${DNS1035}`],
  ],
  [
    'invalid label',
    t(
      cs(),
      (s) => (s.metadata.labels = { 'NoUppercaseOrSpecialCharsLike=Equals': 'bar', ok: '-bad' }),
    ),
    [
      `metadata.labels: Invalid value: "NoUppercaseOrSpecialCharsLike=Equals": ${QNAME}`,
      `metadata.labels: Invalid value: "-bad": ${LABEL_VALUE}`,
    ],
  ],
  [
    'invalid annotation',
    t(cs(), (s) => (s.metadata.annotations = { 'Upper.Case/Is-OK': 'x', 'bad key': 'y' })),
    [`metadata.annotations: Invalid value: "bad key": ${QNAME}`],
  ],
  [
    'annotations too big',
    t(cs(), (s) => (s.metadata.annotations = { a: 'x'.repeat(256 * 1024) })),
    ['metadata.annotations: Too long: may not be more than 262144 bytes'],
  ],
  [
    'non-standard finalizer',
    t(cs(), (s) => (s.metadata.finalizers = ['kubernetes', 'custom'])),
    [
      'metadata.finalizers[1]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ],
  ],
  [
    'topology annotations disagree',
    t(
      cs(),
      (s) =>
        (s.metadata.annotations = {
          'service.kubernetes.io/topology-mode': 'Auto',
          'service.kubernetes.io/topology-aware-hints': 'auto',
        }),
    ),
    [
      'metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: "Auto": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified',
    ],
  ],
];

const portCases: Case[] = [
  ['missing ports', t(cs(), (s) => (s.spec.ports = [])), ['spec.ports: Required value']],
  [
    'missing ports but headless',
    t(cs(), (s) => {
      s.spec.ports = [];
      s.spec.clusterIP = 'None';
      s.spec.clusterIPs = ['None'];
    }),
    [],
  ],
  [
    'empty multi-port port[0] name',
    t(cs(), (s) => s.spec.ports!.unshift({ protocol: 'TCP', port: 12345, targetPort: 12345 })),
    ['spec.ports[0].name: Required value'],
  ],
  ['empty single port name is fine', t(cs(), (s) => delete s.spec.ports![0]!.name), []],
  [
    'invalid port name',
    t(cs(), (s) => (s.spec.ports![0]!.name = 'INVALID')),
    [`spec.ports[0].name: Invalid value: "INVALID": ${DNS1123_LABEL}`],
  ],
  [
    'missing protocol',
    t(cs(), (s) => delete s.spec.ports![0]!.protocol),
    ['spec.ports[0].protocol: Required value'],
  ],
  [
    'invalid protocol',
    t(cs(), (s) => (s.spec.ports![0]!.protocol = 'INVALID')),
    [
      'spec.ports[0].protocol: Unsupported value: "INVALID": supported values: "SCTP", "TCP", "UDP"',
    ],
  ],
  [
    'missing port',
    t(cs(), (s) => (s.spec.ports![0]!.port = 0)),
    [`spec.ports[0].port: Invalid value: 0: ${PORT_RANGE}`],
  ],
  [
    'invalid port',
    t(cs(), (s) => (s.spec.ports![0]!.port = 65536)),
    [`spec.ports[0].port: Invalid value: 65536: ${PORT_RANGE}`],
  ],
  [
    'invalid target port number',
    t(cs(), (s) => (s.spec.ports![0]!.targetPort = 65536)),
    [`spec.ports[0].targetPort: Invalid value: 65536: ${PORT_RANGE}`],
  ],
  [
    'invalid target port name',
    t(cs(), (s) => (s.spec.ports![0]!.targetPort = 'INVALID')),
    [
      'spec.ports[0].targetPort: Invalid value: "INVALID": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ports[0].targetPort: Invalid value: "INVALID": must contain at least one letter (a-z)',
    ],
  ],
  ['valid named target port', t(cs(), (s) => (s.spec.ports![0]!.targetPort = 'http')), []],
  [
    'valid port headless with differing targetPort',
    t(cs(), (s) => {
      s.spec.clusterIP = 'None';
      s.spec.clusterIPs = ['None'];
      s.spec.ports![0]!.targetPort = 11111;
    }),
    [],
  ],
  [
    'dup port name',
    t(cs(), (s) => s.spec.ports!.push({ name: 'p', protocol: 'TCP', port: 80, targetPort: 80 })),
    ['spec.ports[1].name: Duplicate value: "p"'],
  ],
  [
    'invalid duplicate ports (with same protocol)',
    t(cs(), (s) => s.spec.ports!.push({ name: 'q', protocol: 'TCP', port: 8675, targetPort: 80 })),
    [
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:8675, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ],
  ],
  [
    'valid duplicate ports (with different protocols)',
    t(cs(), (s) =>
      s.spec.ports!.push({ name: 'q', protocol: 'UDP', port: 8675, targetPort: 8675 }),
    ),
    [],
  ],
  [
    'invalid appProtocol',
    t(cs(), (s) => (s.spec.ports![0]!.appProtocol = 'a/b/c')),
    [
      `spec.ports[0].appProtocol: Invalid value: "a/b/c": a qualified name ${QNAME.replace('name part ', '')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
  ],
  ['valid appProtocol', t(cs(), (s) => (s.spec.ports![0]!.appProtocol = 'kubernetes.io/h2c')), []],
  [
    'invalid node port with clusterIP',
    t(cs(), (s) => (s.spec.ports![0]!.nodePort = 30001)),
    ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
  ],
  [
    'duplicate nodeports',
    t(makeExternal('NodePort'), (s) =>
      s.spec.ports!.push({ name: 'q', protocol: 'TCP', port: 81, targetPort: 81, nodePort: 30080 }),
    ),
    ['spec.ports[1].nodePort: Duplicate value: 30080'],
  ],
  [
    'duplicate nodeports (different protocols)',
    t(makeExternal('NodePort'), (s) =>
      s.spec.ports!.push({ name: 'q', protocol: 'UDP', port: 80, targetPort: 80, nodePort: 30080 }),
    ),
    [],
  ],
  [
    'invalid selector',
    t(cs(), (s) => (s.spec.selector = { 'NoSpecialCharsLike=Equals': 'bar' })),
    [`spec.selector: Invalid value: "NoSpecialCharsLike=Equals": ${QNAME}`],
  ],
  ['nil selector', t(cs(), (s) => (s.spec.selector = null)), []],
];

void describe('ValidateService metadata and ports (TestValidateServiceCreate)', () => {
  void describe('metadata', () => runTable(metadataCases));
  void describe('ports', () => runTable(portCases));
});
