import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  nameIsDNS1035Label,
  regexError,
  utf8Length,
} from './names';

const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QNAME =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

type Check = (v: string) => string[];
const cases: [string, Check, string, string[]][] = [
  ['1035 ok', isDNS1035Label, 'my-svc', []],
  ['1035 upper case', isDNS1035Label, 'Foo', [DNS1035]],
  ['1035 digit first', isDNS1035Label, '1abc', [DNS1035]],
  ['1035 dot', isDNS1035Label, 'a.b', [DNS1035]],
  ['1035 64 chars', isDNS1035Label, 'a'.repeat(64), ['must be no more than 63 characters']],
  ['1035 63 chars', isDNS1035Label, 'a'.repeat(63), []],
  ['1035 empty', isDNS1035Label, '', [DNS1035]],
  ['1123 label ok digit first', isDNS1123Label, '1abc', []],
  ['1123 label dots', isDNS1123Label, 'a.b', ['must not contain dots']],
  ['1123 label underscore', isDNS1123Label, 'a_b', [DNS1123_LABEL]],
  ['1123 label trailing dash', isDNS1123Label, 'abc-', [DNS1123_LABEL]],
  ['1123 label long', isDNS1123Label, 'b'.repeat(64), ['must be no more than 63 characters']],
  ['1123 subdomain ok', isDNS1123Subdomain, 'foo.bar.com', []],
  ['1123 subdomain bad', isDNS1123Subdomain, 'foo..com', [DNS1123_SUBDOMAIN]],
  [
    '1123 subdomain long',
    isDNS1123Subdomain,
    `${'a.'.repeat(127)}a`,
    ['must be no more than 253 characters'],
  ],
  ['qname ok', isQualifiedName, 'example.com/My_Name', []],
  ['qname bad name', isQualifiedName, 'a b', [`name part ${QNAME}`]],
  ['qname empty prefix', isQualifiedName, '/a', ['prefix part must be non-empty']],
  ['qname bad prefix', isQualifiedName, 'A/a', [`prefix part ${DNS1123_SUBDOMAIN}`]],
  [
    'qname empty name',
    isQualifiedName,
    'a/',
    ['name part must be non-empty', `name part ${QNAME}`],
  ],
  [
    'qname long name',
    isQualifiedName,
    'x'.repeat(64),
    ['name part must be no more than 63 characters'],
  ],
  [
    'qname two slashes',
    isQualifiedName,
    'a/b/c',
    [
      `a qualified name ${QNAME} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
  ],
  ['label value empty', isValidLabelValue, '', []],
  ['label value bad', isValidLabelValue, '-x', [LABEL_VALUE]],
  ['label value long', isValidLabelValue, 'v'.repeat(64), ['must be no more than 63 characters']],
  ['port name ok', isValidPortName, 'http-2', []],
  ['port name digits', isValidPortName, '8080', ['must contain at least one letter (a-z)']],
  [
    'port name bad',
    isValidPortName,
    '-Http--x-',
    [
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must not contain consecutive hyphens',
      'must not begin or end with a hyphen',
    ],
  ],
  ['port name long', isValidPortName, 'abcdefghijklmnop', ['must be no more than 15 characters']],
];

void describe('apimachinery util/validation (TestIsDNS1035Label, TestIsQualifiedName, TestIsValidPortName, ...)', () => {
  for (const [name, check, value, want] of cases) {
    void it(name, () => assert.deepEqual(check(value), want));
  }
  void it('IsValidPortNum bounds', () => {
    assert.deepEqual(
      [0, 1, 65535, 65536, -1].map((p) => isValidPortNum(p).length),
      [1, 0, 0, 1, 1],
    );
    assert.deepEqual(isValidPortNum(0), ['must be between 1 and 65535, inclusive']);
  });
  void it('NameIsDNS1035Label masks one trailing dash of a generateName prefix', () => {
    assert.deepEqual(nameIsDNS1035Label('web-', true), []);
    assert.deepEqual(nameIsDNS1035Label('web-', false), [DNS1035]);
  });
  void it('RegexError without examples', () => {
    assert.equal(regexError('m', 'x+'), "m (regex used for validation is 'x+')");
  });
});

describe('utf8Length (Go len of a string)', () => {
  it('counts UTF-8 bytes as an encoder would, lone surrogates as U+FFFD', () => {
    const cases = [
      '',
      'abc',
      'é',
      'ü-ß',
      '€',
      '日本語',
      '😀',
      'a😀b',
      '\ud800',
      'x\udc00y',
      '\ud83d',
    ];
    for (const s of cases) assert.equal(utf8Length(s), new TextEncoder().encode(s).length, s);
  });
});
