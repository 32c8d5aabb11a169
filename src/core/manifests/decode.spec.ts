import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DecodeOptions, type DecodedItem, decodeManifests } from './decode';

const HEAD = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';

function one(body: string, type: 'yaml' | 'json' = 'yaml', options?: DecodeOptions): DecodedItem {
  const r = decodeManifests(body, type, options);
  assert.ok(r.ok, `body failed: ${r.ok ? '' : r.status.message}`);
  assert.equal(r.items.length, 1);
  return r.items[0]!;
}

function message(item: DecodedItem): string {
  assert.ok(!item.ok, 'expected a failure');
  return item.status.message;
}

const CANNOT = 'Service in version "v1" cannot be handled as a Service: ';

// The JSON decoder's type errors (sigs.k8s.io/json decode.go, as TestDecodeTypeErrors in
// encoding/json): the message names the innermost struct, the field path without indices,
// and the Go type.
describe('type errors (encoding/json UnmarshalTypeError through transformDecodeError)', () => {
  const cases: [string, string, string][] = [
    [
      'port as string',
      'spec:\n  ports:\n  - port: "80"',
      'json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32',
    ],
    [
      'port fractional (JSON)',
      '{"apiVersion":"v1","kind":"Service","spec":{"ports":[{"port":1.5}]}}',
      'json: cannot unmarshal number 1.5 into Go struct field ServicePort.spec.ports.port of type int32',
    ],
    [
      'port overflows int32',
      'spec:\n  ports:\n  - port: 2147483648',
      'json: cannot unmarshal number 2147483648 into Go struct field ServicePort.spec.ports.port of type int32',
    ],
    [
      'port exponent in JSON',
      '{"apiVersion":"v1","kind":"Service","spec":{"ports":[{"port":8e1}]}}',
      'json: cannot unmarshal number 8e1 into Go struct field ServicePort.spec.ports.port of type int32',
    ],
    [
      'unquoted yes label (YAML 1.1 bool)',
      'metadata:\n  labels:\n    enabled: yes',
      'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      'numeric label',
      'metadata:\n  labels:\n    version: 1.0',
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      'type as number',
      'spec:\n  type: 1',
      'json: cannot unmarshal number into Go struct field ServiceSpec.spec.type of type v1.ServiceType',
    ],
    [
      'ports as map',
      'spec:\n  ports:\n    port: 80',
      'json: cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort',
    ],
    [
      'port element as string',
      'spec:\n  ports: ["80"]',
      'json: cannot unmarshal string into Go struct field ServiceSpec.spec.ports of type v1.ServicePort',
    ],
    [
      'clusterIPs element number',
      'spec:\n  clusterIPs: [10]',
      'json: cannot unmarshal number into Go struct field ServiceSpec.spec.clusterIPs of type string',
    ],
    [
      'ipFamilies as string',
      'spec:\n  ipFamilies: IPv4',
      'json: cannot unmarshal string into Go struct field ServiceSpec.spec.ipFamilies of type []v1.IPFamily',
    ],
    [
      'ipFamilyPolicy as list',
      'spec:\n  ipFamilyPolicy: [SingleStack]',
      'json: cannot unmarshal array into Go struct field ServiceSpec.spec.ipFamilyPolicy of type v1.IPFamilyPolicy',
    ],
    [
      'spec as list',
      'spec: []',
      'json: cannot unmarshal array into Go struct field Service.spec of type v1.ServiceSpec',
    ],
    [
      'timeoutSeconds as string',
      'spec:\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: "10"',
      'json: cannot unmarshal string into Go struct field ClientIPConfig.spec.sessionAffinityConfig.clientIP.timeoutSeconds of type int32',
    ],
    [
      'publishNotReadyAddresses as string',
      'spec:\n  publishNotReadyAddresses: "true"',
      'json: cannot unmarshal string into Go struct field ServiceSpec.spec.publishNotReadyAddresses of type bool',
    ],
    [
      'targetPort bool (IntOrString.UnmarshalJSON)',
      'spec:\n  ports:\n  - port: 80\n    targetPort: true',
      'json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32',
    ],
    [
      'targetPort fractional',
      '{"apiVersion":"v1","kind":"Service","spec":{"ports":[{"port":80,"targetPort":8.5}]}}',
      'json: cannot unmarshal number 8.5 into Go struct field ServicePort.spec.ports.targetPort of type int32',
    ],
    [
      'uid number',
      'metadata:\n  uid: 5',
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.uid of type types.UID',
    ],
    [
      'generation string',
      'metadata:\n  generation: "1"',
      'json: cannot unmarshal string into Go struct field ObjectMeta.metadata.generation of type int64',
    ],
    [
      'creationTimestamp number (metav1.Time)',
      'metadata:\n  creationTimestamp: 5',
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string',
    ],
    [
      'creationTimestamp bad text',
      'metadata:\n  creationTimestamp: "yesterday"',
      'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    ],
    [
      'ingress ip number',
      'status:\n  loadBalancer:\n    ingress:\n    - ip: 1',
      'json: cannot unmarshal number into Go struct field LoadBalancerIngress.status.loadBalancer.ingress.ip of type string',
    ],
    // The first saved error wins (metadata comes before spec here) ...
    [
      'first error reported',
      'metadata:\n  name: 5\nspec:\n  type: 1',
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
    ],
    // ... unless an UnmarshalJSON method fails later: that aborts and is returned instead.
    [
      'UnmarshalJSON error wins',
      'metadata:\n  name: 5\nspec:\n  ports:\n  - targetPort: []',
      'json: cannot unmarshal array into Go struct field ServicePort.spec.ports.targetPort of type int32',
    ],
  ];
  for (const [name, body, expected] of cases) {
    it(name, () => {
      const text = body.startsWith('{') ? body : `apiVersion: v1\nkind: Service\n${body}\n`;
      const item = one(text, body.startsWith('{') ? 'json' : 'yaml');
      assert.equal(message(item), CANNOT + expected);
      assert.ok(!item.ok && item.status.code === 400 && item.status.reason === 'BadRequest');
    });
  }
});

// yaml.v2 resolve.go: what sigs.k8s.io/yaml turns plain scalars into.
describe('YAML scalars resolve as yaml.v2 (resolve.go)', () => {
  const cases: [string, string, unknown][] = [
    ['decimal', '80', 80],
    ['octal (YAML 1.1)', '0120', 80],
    ['0o octal', '0o120', 80],
    ['hex', '0x50', 80],
    ['binary', '0b1010000', 80],
    ['underscores dropped', '8_0', 80],
    ['float that is integral', '80.0', 80],
    ['exponent', '8e1', 80],
    ['quoted stays string', '"80"', '80'],
    ['named port', 'http', 'http'],
    ['leading-zero non-octal is a float', '080', 80],
    ['zero', '0', 0],
  ];
  for (const [name, scalar, expected] of cases) {
    it(name, () => {
      const item = one(`${HEAD}spec:\n  ports:\n  - port: 80\n    targetPort: ${scalar}\n`);
      assert.ok(item.ok, item.ok ? '' : item.status.message);
      assert.equal(item.object.spec.ports?.[0]?.targetPort, expected);
    });
  }

  const strings: [string, string, unknown][] = [
    ['yes is a bool', 'yes', 'json: cannot unmarshal bool'],
    ['on is a bool', 'On', 'json: cannot unmarshal bool'],
    ['y is a bool', 'y', 'json: cannot unmarshal bool'],
    ['~ is null', '~', undefined],
    ['timestamp stays a string', '2001-12-14', '2001-12-14'],
    ['sexagesimal stays a string', '12:30', '12:30'],
    ['1e400 stays a string (ParseFloat range error)', '1e400', '1e400'],
    ['huge integer is a float', '99999999999999999999', 'json: cannot unmarshal number'],
  ];
  for (const [name, scalar, expected] of strings) {
    it(`externalName: ${name}`, () => {
      const item = one(`${HEAD}spec:\n  externalName: ${scalar}\n`);
      if (typeof expected === 'string' && expected.startsWith('json:')) {
        assert.match(message(item), new RegExp(expected));
      } else {
        assert.ok(item.ok);
        assert.equal(item.object.spec.externalName, expected);
      }
    });
  }

  it('large integers keep their exact text (int32 overflow names the number as written)', () => {
    for (const n of ['123456789012345', '9223372036854775807']) {
      const item = one(`${HEAD}spec:\n  ports:\n  - port: 80\n    targetPort: ${n}\n`);
      assert.match(message(item), new RegExp(`cannot unmarshal number ${n} into Go struct field`));
    }
  });

  it('scalars named like Object.prototype members stay strings', () => {
    const names = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];
    const item = one(
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: constructor\n  labels:\n${names
        .map((n, i) => `    l${i}: ${n}\n`)
        .join('')}spec:\n  externalName: toString\n`,
    );
    assert.ok(item.ok, item.ok ? '' : item.status.message);
    assert.equal(item.object.metadata.name, 'constructor');
    assert.deepEqual(Object.values(item.object.metadata.labels ?? {}), names);
    assert.equal(item.object.spec.externalName, 'toString');
  });

  it('.nan cannot become JSON (json: unsupported value)', () => {
    const r = decodeManifests(`${HEAD}spec:\n  ports:\n  - port: .nan\n`, 'yaml');
    assert.ok(!r.ok);
    assert.match(r.status.message, /json: unsupported value: NaN/);
  });

  it('merge keys (<<) are expanded', () => {
    const item = one(
      `${HEAD}spec:\n  selector: &s {app: web}\n  ports:\n  - <<: {port: 80, protocol: TCP}\n    name: http\n`,
    );
    assert.ok(item.ok);
    assert.deepEqual(item.object.spec.ports, [{ port: 80, protocol: 'TCP', name: 'http' }]);
  });
});

describe('strict field validation (KEP-2885, fieldValidation=Warn|Strict|Ignore)', () => {
  const body = `${HEAD}  foo: 1\nspec:\n  type: ClusterIP\n  bogus: {a: 1}\n  type: NodePort\n  ports:\n  - port: 80\n    prot: TCP\n  - port: 81\n    prot: UDP\n`;

  it('Warn (default): unknown fields dropped with a warning each, YAML duplicate first, last value wins', () => {
    const item = one(body);
    assert.ok(item.ok);
    assert.deepEqual(item.warnings, [
      'yaml: unmarshal errors:\n  line 9: key "type" already set in map',
      'unknown field "metadata.foo"',
      'unknown field "spec.bogus"',
      'unknown field "spec.ports[0].prot"',
      'unknown field "spec.ports[1].prot"',
    ]);
    assert.equal(item.object.spec.type, 'NodePort');
    assert.deepEqual(item.object.spec.ports, [{ port: 80 }, { port: 81 }]);
    assert.equal((item.object.metadata as Record<string, unknown>).foo, undefined);
    // The unstructured view keeps everything, as kubectl would send it.
    assert.deepEqual((item.raw.spec as Record<string, unknown>).bogus, { a: 1 });
  });

  it('Strict: the findings become one 400', () => {
    const item = one(body, 'yaml', { fieldValidation: 'Strict' });
    assert.equal(
      message(item),
      `${CANNOT}strict decoding error: yaml: unmarshal errors:\n  line 9: key "type" already set in map, unknown field "metadata.foo", unknown field "spec.bogus", unknown field "spec.ports[0].prot", unknown field "spec.ports[1].prot"`,
    );
  });

  it('Ignore: no warnings', () => {
    const item = one(body, 'yaml', { fieldValidation: 'Ignore' });
    assert.ok(item.ok);
    assert.deepEqual(item.warnings, []);
  });

  it('JSON duplicates are found for every struct field and map key; duplicated structs merge as in Go', () => {
    const item = one(
      '{"apiVersion":"v1","kind":"Service","metadata":{"name":"a","labels":{"x":"1","x":"2"}},"spec":{"type":"A"},"spec":{"ports":[{"port":1}]},"Kind":"x"}',
      'json',
    );
    assert.ok(item.ok);
    assert.deepEqual(item.warnings, [
      'duplicate field "metadata.labels.x"',
      'duplicate field "spec"',
      'unknown field "Kind"',
    ]);
    assert.deepEqual(item.object.spec, { type: 'A', ports: [{ port: 1 }] });
    assert.deepEqual(item.object.metadata.labels, { x: '2' });
  });

  it('null leaves a field absent; null inside a list or map is the zero value', () => {
    const item = one(
      `${HEAD}  labels: {a: null}\nspec:\n  selector: null\n  clusterIPs: [null]\n  ports:\n  - port: 80\n    targetPort: null\n`,
    );
    assert.ok(item.ok);
    assert.deepEqual(item.object.spec, { clusterIPs: [''], ports: [{ port: 80 }] });
    assert.deepEqual(item.object.metadata.labels, { a: '' });
  });

  it('a full Service with status, owner references and managed fields decodes without findings', () => {
    const item = one(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'a',
          namespace: 'n',
          uid: 'u',
          resourceVersion: '1',
          generation: 1,
          creationTimestamp: '2024-02-29T10:00:00Z',
          ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u', controller: true }],
          finalizers: ['f'],
          managedFields: [
            {
              manager: 'kubectl',
              operation: 'Update',
              time: '2024-01-01T00:00:00.5+01:00',
              fieldsType: 'FieldsV1',
              fieldsV1: { 'f:spec': {} },
            },
          ],
        },
        spec: {
          type: 'LoadBalancer',
          ports: [
            {
              name: 'http',
              protocol: 'TCP',
              appProtocol: 'http',
              port: 80,
              targetPort: 'web',
              nodePort: 30080,
            },
          ],
          selector: { app: 'a' },
          clusterIP: '10.0.0.1',
          clusterIPs: ['10.0.0.1'],
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          externalTrafficPolicy: 'Local',
          healthCheckNodePort: 31000,
          allocateLoadBalancerNodePorts: true,
          sessionAffinity: 'ClientIP',
          sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
          internalTrafficPolicy: 'Cluster',
          trafficDistribution: 'PreferClose',
        },
        status: {
          loadBalancer: {
            ingress: [
              { ip: '1.2.3.4', ipMode: 'VIP', ports: [{ port: 80, protocol: 'TCP', error: 'x' }] },
            ],
          },
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              observedGeneration: 1,
              lastTransitionTime: '2024-01-01T00:00:00Z',
              reason: 'r',
              message: 'm',
            },
          ],
        },
      }),
      'json',
    );
    assert.ok(item.ok, item.ok ? '' : item.status.message);
    assert.deepEqual(item.warnings, []);
    assert.deepEqual(item.object, item.raw);
  });
});

describe('metav1.Time parsing (time.Parse RFC3339 errors)', () => {
  const cases: [string, string][] = [
    ['2024-13-01T00:00:00Z', 'parsing time "2024-13-01T00:00:00Z": month out of range'],
    ['2023-02-29T00:00:00Z', 'parsing time "2023-02-29T00:00:00Z": day out of range'],
    [
      '2024-01-01 00:00:00Z',
      'parsing time "2024-01-01 00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00:00Z" as "T"',
    ],
    [
      '2024-01-01T00:00:00',
      'parsing time "2024-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"',
    ],
    ['2024-01-01T00:00:00Zjunk', 'parsing time "2024-01-01T00:00:00Zjunk": extra text: "junk"'],
  ];
  for (const [value, expected] of cases) {
    it(value, () => {
      assert.equal(message(one(`${HEAD}  creationTimestamp: "${value}"\n`)), CANNOT + expected);
    });
  }
});

describe('documents, lists and kinds (kubectl resource builder, Serializer.Decode)', () => {
  it('multi-document YAML: empty documents are skipped, indices and document numbers kept', () => {
    const r = decodeManifests(
      `---\n${HEAD}---\n# only a comment\n---\n${HEAD.replace('web', 'api')}`,
      'yaml',
    );
    assert.ok(r.ok);
    assert.deepEqual(
      r.items.map((i) => [i.index, i.document, i.ok && i.object.metadata.name]),
      [
        [0, 0, 'web'],
        [1, 2, 'api'],
      ],
    );
  });

  it('v1 List: items keep their own type meta; ServiceList: bare items are Services', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } },
        { metadata: { name: 'b' } },
        { apiVersion: 'v1', kind: 'ServiceList', items: [{ metadata: { name: 'c' } }] },
      ],
    };
    const r = decodeManifests(JSON.stringify(list), 'json');
    assert.ok(r.ok);
    assert.equal(r.items.length, 3);
    assert.ok(r.items[0]!.ok && r.items[2]!.ok);
    assert.equal(r.items[2]!.ok && r.items[2]!.object.metadata.name, 'c');
    assert.equal(message(r.items[1]!), `Object 'Kind' is missing in '{"metadata":{"name":"b"}}'`);
  });

  const kinds: [string, string, string][] = [
    [
      'missing kind (YAML: Go JSON with sorted keys)',
      'metadata: {name: x}\napiVersion: v1\n',
      `Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'`,
    ],
    [
      'missing apiVersion',
      'kind: Service\n',
      `Object 'apiVersion' is missing in '{"kind":"Service"}'`,
    ],
    [
      'another kind',
      'apiVersion: apps/v1\nkind: Deployment\n',
      'Deployment in version "v1" cannot be handled as a Service: the kind "Deployment" (apps/v1) is not a Service',
    ],
    [
      'Service in another version',
      'apiVersion: v2\nkind: Service\n',
      'Service in version "v2" cannot be handled as a Service: no kind "Service" is registered for version "v2"',
    ],
    [
      'kind not a string',
      'apiVersion: v1\nkind: 5\n',
      `the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .kind of type string ({"apiVersion":"v1","kind":5})`,
    ],
    [
      'a scalar document',
      'just text\n',
      `the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (226a757374207465787422)`,
    ],
  ];
  for (const [name, body, expected] of kinds) {
    it(name, () => assert.equal(message(one(body)), expected));
  }

  it('requireTypeMeta=false defaults kind and apiVersion like a POST to the services resource', () => {
    const item = one('{"metadata":{"name":"x"}}', 'json', { requireTypeMeta: false });
    assert.ok(item.ok);
    assert.equal(item.object.kind, 'Service');
    assert.equal(item.object.apiVersion, 'v1');
  });
});

describe('body-level failures', () => {
  const cases: [string, string | Buffer, 'yaml' | 'json', DecodeOptions, number, string][] = [
    [
      'too large',
      'x'.repeat(101),
      'yaml',
      { maxBytes: 100 },
      413,
      'Request entity too large: limit is 100',
    ],
    [
      'JSON syntax',
      '{"a" 1}',
      'json',
      {},
      400,
      `the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse error: invalid character '1' after object key ({"a" 1})`,
    ],
    [
      'JSON trailing garbage',
      '{}x',
      'json',
      {},
      400,
      `the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse error: invalid character 'x' after top-level value ({}x)`,
    ],
    [
      'YAML syntax',
      'a: b: c\n',
      'yaml',
      {},
      400,
      'the object provided is unrecognized (must be of type Service): yaml: line 1: bad indentation of a mapping entry (613a20623a20630a)',
    ],
    [
      'invalid UTF-8 in YAML',
      Buffer.from([0x6b, 0x3a, 0x20, 0xff, 0xfe]),
      'yaml',
      {},
      400,
      'the object provided is unrecognized (must be of type Service): yaml: invalid leading UTF-8 octet (6b3a20fffe)',
    ],
    [
      'too many documents',
      `${HEAD}---\n${HEAD}---\n${HEAD}`,
      'yaml',
      { maxDocuments: 2 },
      400,
      'the request carries more than 2 objects',
    ],
    ['nothing in it', '# nothing\n', 'yaml', {}, 400, 'no objects passed in the request body'],
    [
      'JSON too deep',
      '['.repeat(101),
      'json',
      {},
      400,
      `the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse error: invalid character '[' exceeded max depth (${'5b'.repeat(30)} ...)`,
    ],
  ];
  for (const [name, body, type, options, code, expected] of cases) {
    it(name, () => {
      const r = decodeManifests(body, type, options);
      assert.ok(!r.ok);
      assert.equal(r.status.code, code);
      assert.equal(r.status.message, expected);
    });
  }
});
