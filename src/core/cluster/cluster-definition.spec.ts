import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderFieldError } from '../errors/field-error';
import { formatIP } from '../net';
import {
  type ClusterDefinitionInput,
  serviceNetworkOf,
  validateClusterDefinition,
} from './cluster-definition';
import { clusterDefinitionToJSON } from './cluster-definition-json';

const HUGE = 'a'.repeat(100 * 1024);
const base: ClusterDefinitionInput = { name: 'tokyo-prod', serviceCIDRs: ['10.96.0.0/12'] };

/** Every error of an input, rendered as kube-apiserver renders field errors. */
function errorsOf(patch: ClusterDefinitionInput): string[] {
  const r = validateClusterDefinition({ ...base, ...patch });
  return r.ok ? [] : r.errors.map(renderFieldError);
}

const TOO_LARGE_V4 =
  'specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must be >= 12';
const INVALID_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

describe('serviceCIDRs (kube-apiserver validateClusterIPFlags, ServiceIPRange, NewIPAllocator)', () => {
  const table: Array<[string, ClusterDefinitionInput, string[]]> = [
    ['one IPv4 CIDR', { serviceCIDRs: ['10.96.0.0/12'] }, []],
    ['dual-stack, IPv6 primary', { serviceCIDRs: ['fd12:b5e0:383f::/112', '10.1.0.0/16'] }, []],
    [
      'missing',
      { serviceCIDRs: undefined },
      [
        'serviceCIDRs: Required value: --service-cluster-ip-range must contain at least one valid cidr',
      ],
    ],
    [
      'empty list',
      { serviceCIDRs: [] },
      [
        'serviceCIDRs: Required value: --service-cluster-ip-range must contain at least one valid cidr',
      ],
    ],
    [
      '/33',
      { serviceCIDRs: ['10.1.0.0/33'] },
      [`serviceCIDRs[0]: Invalid value: "10.1.0.0/33": ${INVALID_CIDR}`],
    ],
    [
      '/129',
      { serviceCIDRs: ['10.1.0.0/16', 'fd12::/129'] },
      [`serviceCIDRs[1]: Invalid value: "fd12::/129": ${INVALID_CIDR}`],
    ],
    [
      'leading zeros',
      { serviceCIDRs: ['010.1.0.0/16'] },
      [
        'serviceCIDRs[0]: Invalid value: "010.1.0.0/16": must not have leading 0s in IP or prefix length',
      ],
    ],
    [
      'leading zero prefix',
      { serviceCIDRs: ['10.1.0.0/016'] },
      [
        'serviceCIDRs[0]: Invalid value: "10.1.0.0/016": must not have leading 0s in IP or prefix length',
      ],
    ],
    [
      'host bits',
      { serviceCIDRs: ['10.1.0.1/16'] },
      [
        'serviceCIDRs[0]: Invalid value: "10.1.0.1/16": must not have bits set beyond the prefix length',
      ],
    ],
    [
      'IPv6 host bits',
      { serviceCIDRs: ['10.1.0.0/16', 'fd12::1/112'] },
      [
        'serviceCIDRs[1]: Invalid value: "fd12::1/112": must not have bits set beyond the prefix length',
      ],
    ],
    [
      'IPv4-mapped',
      { serviceCIDRs: ['::ffff:10.1.0.0/112'] },
      [
        'serviceCIDRs[0]: Invalid value: "::ffff:10.1.0.0/112": must not have an IPv4-mapped IPv6 address',
      ],
    ],
    [
      'zone',
      { serviceCIDRs: ['fe80::%eth0/112'] },
      [`serviceCIDRs[0]: Invalid value: "fe80::%eth0/112": ${INVALID_CIDR}`],
    ],
    [
      'unicode digits',
      { serviceCIDRs: ['١٠.1.0.0/16'] },
      [`serviceCIDRs[0]: Invalid value: "١٠.1.0.0/16": ${INVALID_CIDR}`],
    ],
    [
      '100 KB string',
      { serviceCIDRs: [HUGE] },
      ['serviceCIDRs[0]: Too long: may not be more than 256 bytes'],
    ],
    [
      'not a list',
      { serviceCIDRs: '10.1.0.0/16' },
      ['serviceCIDRs: Invalid value: "10.1.0.0/16": must be a list of CIDR strings, got string'],
    ],
    [
      'an object',
      { serviceCIDRs: { a: 1 } },
      ['serviceCIDRs: Invalid value: {"a":1}: must be a list of CIDR strings, got object'],
    ],
    [
      'a number entry',
      { serviceCIDRs: [10] },
      ['serviceCIDRs[0]: Invalid value: 10: must be a string, got number'],
    ],
    [
      'a null entry',
      { serviceCIDRs: [null] },
      ['serviceCIDRs[0]: Invalid value: null: must be a string, got null'],
    ],
    [
      'two of one family',
      { serviceCIDRs: ['10.1.0.0/16', '10.2.0.0/16'] },
      [
        'serviceCIDRs[1]: Invalid value: "10.2.0.0/16": --service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP family',
      ],
    ],
    [
      'three CIDRs',
      { serviceCIDRs: ['10.1.0.0/16', 'fd12::/112', '10.2.0.0/16'] },
      [
        'serviceCIDRs: Too many: 3: --service-cluster-ip-range must not contain more than two entries',
      ],
    ],
    [
      'fewer than 8 addresses',
      { serviceCIDRs: ['10.0.0.0/30'], dnsServiceIP: 'none' },
      [
        'serviceCIDRs[0]: Invalid value: "10.0.0.0/30": the service cluster IP range must be at least 8 IP addresses',
      ],
    ],
    ['8 addresses', { serviceCIDRs: ['10.0.0.0/29'], dnsServiceIP: 'none' }, []],
    [
      'IPv6 secondary of 4 addresses',
      { serviceCIDRs: ['10.0.0.0/24', 'fd00::/126'] },
      [
        'serviceCIDRs[1]: Invalid value: "fd00::/126": the service cluster IP range must be at least 8 IP addresses',
      ],
    ],
  ];
  for (const [name, input, want] of table) it(name, () => assert.deepEqual(errorsOf(input), want));
});

describe('serviceCIDRs size limits by version (validateMaxCIDRRange; DisableAllocatorDualWrite GA in 1.34)', () => {
  const table: Array<[string, string[], string[]]> = [
    ['1.26', ['10.96.0.0/12'], []],
    ['1.26', ['10.0.0.0/11'], [`serviceCIDRs[0]: Invalid value: "10.0.0.0/11": ${TOO_LARGE_V4}`]],
    [
      '1.33',
      ['10.0.0.0/8', 'fd00::/108'],
      [`serviceCIDRs[0]: Invalid value: "10.0.0.0/8": ${TOO_LARGE_V4}`],
    ],
    [
      '1.33',
      ['10.0.0.0/16', 'fd00::/64'],
      [
        'serviceCIDRs[1]: Invalid value: "fd00::/64": specified --service-cluster-ip-range[1] is too large; for 128-bit addresses, the mask must be >= 108',
      ],
    ],
    [
      '1.30',
      ['fd00::/100'],
      [
        'serviceCIDRs[0]: Invalid value: "fd00::/100": specified --service-cluster-ip-range is too large; for 128-bit addresses, the mask must be >= 108',
      ],
    ],
    ['1.34', ['10.0.0.0/8', 'fd00::/64'], []],
    ['1.35', ['fd00::/64', '10.0.0.0/11'], []],
    [
      '1.34',
      ['10.0.0.0/16', 'fd00::/63'],
      [
        'serviceCIDRs[1]: Invalid value: "fd00::/63": shortest allowed prefix length for service CIDR is 64, got 63',
      ],
    ],
    [
      '1.35',
      ['fd00::/48'],
      [
        'serviceCIDRs[0]: Invalid value: "fd00::/48": shortest allowed prefix length for service CIDR is 64, got 48',
      ],
    ],
    [
      '1.35',
      ['0.0.0.0/1'],
      [
        'serviceCIDRs[0]: Invalid value: "0.0.0.0/1": the service cluster IP range must be at least 8 IP addresses',
      ],
    ],
  ];
  for (const [version, cidrs, want] of table) {
    it(`${version} ${cidrs.join(',')}`, () =>
      assert.deepEqual(errorsOf({ kubernetesVersion: version, serviceCIDRs: cidrs }), want));
  }
});

describe('kubernetesVersion', () => {
  const SUPPORTED =
    'supported values: "1.26", "1.27", "1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35"';
  const table: Array<[unknown, string | null]> = [
    [undefined, '1.35'],
    ['1.26', '1.26'],
    ['v1.30', '1.30'],
    ['1.30.2', '1.30'],
    ['v1.35.0', '1.35'],
    ['1.25', `kubernetesVersion: Unsupported value: "1.25": ${SUPPORTED}`],
    ['1.36', `kubernetesVersion: Unsupported value: "1.36": ${SUPPORTED}`],
    ['1.3', `kubernetesVersion: Unsupported value: "1.3": ${SUPPORTED}`],
    ['1.030', `kubernetesVersion: Unsupported value: "1.030": ${SUPPORTED}`],
    ['1.30.x', `kubernetesVersion: Unsupported value: "1.30.x": ${SUPPORTED}`],
    ['V1.30', `kubernetesVersion: Unsupported value: "V1.30": ${SUPPORTED}`],
    [1.3, 'kubernetesVersion: Invalid value: 1.3: must be a string, got number'],
  ];
  for (const [input, want] of table) {
    it(String(input), () => {
      const r = validateClusterDefinition({ ...base, kubernetesVersion: input });
      assert.equal(
        r.ok ? r.value.kubernetesVersion : r.errors.map(renderFieldError).join('; '),
        want,
      );
    });
  }
});

describe('name (IsDNS1123Label)', () => {
  const LABEL =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  const table: Array<[unknown, string[]]> = [
    ['tokyo-prod', []],
    ['a', []],
    ['0abc', []],
    [undefined, ['name: Required value']],
    ['', ['name: Required value']],
    ['Tokyo', [`name: Invalid value: "Tokyo": ${LABEL}`]],
    ['-a', [`name: Invalid value: "-a": ${LABEL}`]],
    ['a.b', ['name: Invalid value: "a.b": must not contain dots']],
    [
      'a'.repeat(64),
      [`name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
    ],
    [HUGE, ['name: Too long: may not be more than 256 bytes']],
    [42, ['name: Invalid value: 42: must be a string, got number']],
  ];
  for (const [input, want] of table) {
    it(JSON.stringify(input)?.slice(0, 30) ?? 'undefined', () =>
      assert.deepEqual(errorsOf({ name: input }), want),
    );
  }
});

describe('podCIDRs and nodeCIDRMaskSize (KCM validateCIDRs, setNodeCIDRMaskSizes, NewCIDRSet)', () => {
  const SINGLE_V4 =
    'usage of --node-cidr-mask-size-ipv6 is not allowed for a single-stack IPv4 cluster';
  const MASK_ORDER =
    'Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or equal to --node-cidr-mask-size configured for CIDR family';
  const table: Array<[string, ClusterDefinitionInput, string[]]> = [
    ['none', {}, []],
    ['empty list', { podCIDRs: [] }, []],
    ['dual-stack', { podCIDRs: ['10.244.0.0/16', 'fd00:1::/56'] }, []],
    ['pod family without a service family', { podCIDRs: ['fd00:1::/56'] }, []],
    [
      'two of one family',
      { podCIDRs: ['10.244.0.0/16', '10.245.0.0/16'] },
      [
        'podCIDRs: Invalid value: []string{"10.244.0.0/16", "10.245.0.0/16"}: len of ClusterCIDRs==2 and they are not configured as dual stack (at least one from each IPFamily',
      ],
    ],
    [
      'three',
      { podCIDRs: ['10.244.0.0/16', 'fd00:1::/56', '10.245.0.0/16'] },
      ['podCIDRs: Too many: 3: length of clusterCIDRs is:3 more than max allowed of 2'],
    ],
    [
      'host bits',
      { podCIDRs: ['10.244.0.1/16'] },
      [
        'podCIDRs[0]: Invalid value: "10.244.0.1/16": must not have bits set beyond the prefix length',
      ],
    ],
    [
      '/33',
      { podCIDRs: ['10.244.0.0/33'] },
      [`podCIDRs[0]: Invalid value: "10.244.0.0/33": ${INVALID_CIDR}`],
    ],
    [
      'not a list',
      { podCIDRs: 7 },
      ['podCIDRs: Invalid value: 7: must be a list of CIDR strings, got number'],
    ],
    [
      'cluster /25 with default /24',
      { podCIDRs: ['10.42.0.0/25'] },
      [`podCIDRs[0]: Invalid value: "10.42.0.0/25": ${MASK_ORDER}`],
    ],
    [
      'cluster /25 with /25',
      { podCIDRs: ['10.42.0.0/25'], nodeCIDRMaskSize: { IPv4: 25 }, maxPodsPerNode: 64 },
      [],
    ],
    [
      'cluster /16 with /8',
      { podCIDRs: ['10.244.0.0/16'], nodeCIDRMaskSize: { IPv4: 8 } },
      [`nodeCIDRMaskSize.IPv4: Invalid value: 8: ${MASK_ORDER}`],
    ],
    ['IPv6 /48 with /64', { podCIDRs: ['fd00::/48'] }, []],
    [
      'IPv6 /40 with /64',
      { podCIDRs: ['fd00::/40'] },
      [
        'podCIDRs[0]: Invalid value: "fd00::/40": New CIDR set failed; the node CIDR size is too big',
      ],
    ],
    [
      'IPv6 /48 with /80',
      { podCIDRs: ['fd00::/48'], nodeCIDRMaskSize: { IPv6: 80 } },
      [
        'nodeCIDRMaskSize.IPv6: Invalid value: 80: New CIDR set failed; the node CIDR size is too big',
      ],
    ],
    // cidrset only bounds the difference for IPv6.
    [
      'IPv4 /8 with /30',
      { podCIDRs: ['10.0.0.0/8'], nodeCIDRMaskSize: { IPv4: 30 }, maxPodsPerNode: 4 },
      [],
    ],
    [
      'IPv6 mask on an IPv4 pod network',
      { podCIDRs: ['10.244.0.0/16'], nodeCIDRMaskSize: { IPv6: 64 } },
      [`nodeCIDRMaskSize.IPv6: Invalid value: 64: ${SINGLE_V4}`],
    ],
    [
      'mask without pod CIDRs',
      { nodeCIDRMaskSize: { IPv4: 24 } },
      [
        'nodeCIDRMaskSize.IPv4: Invalid value: 24: usage of --node-cidr-mask-size-ipv4 is not allowed without an IPv4 pod CIDR (--cluster-cidr)',
      ],
    ],
    [
      'mask above the family bits',
      { podCIDRs: ['10.244.0.0/16'], nodeCIDRMaskSize: { IPv4: 33 } },
      ['nodeCIDRMaskSize.IPv4: Invalid value: 33: must be between 0 and 32, inclusive'],
    ],
    [
      'mask as a string',
      { podCIDRs: ['10.244.0.0/16'], nodeCIDRMaskSize: { IPv4: '24' } },
      ['nodeCIDRMaskSize.IPv4: Invalid value: "24": must be an integer, got string'],
    ],
    [
      'unknown family key',
      { podCIDRs: ['10.244.0.0/16'], nodeCIDRMaskSize: { ipv4: 24 } },
      ['nodeCIDRMaskSize.ipv4: Unsupported value: "ipv4": supported values: "IPv4", "IPv6"'],
    ],
    [
      'mask as a number',
      { podCIDRs: ['10.244.0.0/16'], nodeCIDRMaskSize: 24 },
      [
        'nodeCIDRMaskSize: Invalid value: 24: must be an object with optional IPv4 and IPv6 mask sizes',
      ],
    ],
  ];
  for (const [name, input, want] of table) it(name, () => assert.deepEqual(errorsOf(input), want));
});

describe('serviceNodePortRange (utilnet ParsePortRange)', () => {
  const table: Array<[unknown, string]> = [
    [undefined, '30000+2768'],
    ['', '30000+2768'],
    ['30000-32767', '30000+2768'],
    [' 30000-32767 ', '30000+2768'],
    ['20000+100', '20000+101'],
    ['8080', '8080+1'],
    ['030000-32767', '30000+2768'],
    [
      '32767-30000',
      'serviceNodePortRange: Invalid value: "32767-30000": end port cannot be less than start port: 32767-30000',
    ],
    [
      '30000-70000',
      'serviceNodePortRange: Invalid value: "30000-70000": the port range cannot be greater than 65535: 30000-70000',
    ],
    [
      '65000+1000',
      'serviceNodePortRange: Invalid value: "65000+1000": the port range cannot be greater than 65535: 65000+1000',
    ],
    [
      'a-b',
      'serviceNodePortRange: Invalid value: "a-b": strconv.Atoi: parsing "a": invalid syntax',
    ],
    ['-5', 'serviceNodePortRange: Invalid value: "-5": strconv.Atoi: parsing "": invalid syntax'],
    ['1+2-3', 'serviceNodePortRange: Invalid value: "1+2-3": unable to parse port range: 1+2-3'],
    [
      '99999999999999999999',
      'serviceNodePortRange: Invalid value: "99999999999999999999": strconv.Atoi: parsing "99999999999999999999": value out of range',
    ],
    [
      '٣٠٠٠٠-32767',
      'serviceNodePortRange: Invalid value: "٣٠٠٠٠-32767": strconv.Atoi: parsing "٣٠٠٠٠": invalid syntax',
    ],
    [30000, 'serviceNodePortRange: Invalid value: 30000: must be a string, got number'],
  ];
  for (const [input, want] of table) {
    it(String(input), () => {
      const r = validateClusterDefinition({ ...base, serviceNodePortRange: input });
      assert.equal(
        r.ok
          ? `${r.value.nodePortRange.base}+${r.value.nodePortRange.size}`
          : r.errors.map(renderFieldError).join('; '),
        want,
      );
    });
  }
});

describe('maxPodsPerNode', () => {
  const table: Array<[ClusterDefinitionInput, string]> = [
    [{}, '110'],
    [{ maxPodsPerNode: 250 }, '250'],
    [
      { maxPodsPerNode: 0 },
      'maxPodsPerNode: Invalid value: 0: must be between 1 and 65536, inclusive',
    ],
    [
      { maxPodsPerNode: 65537 },
      'maxPodsPerNode: Invalid value: 65537: must be between 1 and 65536, inclusive',
    ],
    [
      { maxPodsPerNode: 1.5 },
      'maxPodsPerNode: Invalid value: 1.5: must be an integer, got a non-integer number',
    ],
    [
      { maxPodsPerNode: '110' },
      'maxPodsPerNode: Invalid value: "110": must be an integer, got string',
    ],
    [{ podCIDRs: ['10.244.0.0/16'], maxPodsPerNode: 256 }, '256'],
    [
      { podCIDRs: ['10.244.0.0/16'], maxPodsPerNode: 257 },
      'maxPodsPerNode: Invalid value: 257: must not exceed the 256 addresses of a /24 IPv4 node pod CIDR (nodeCIDRMaskSize.IPv4)',
    ],
    [
      { podCIDRs: ['10.244.0.0/16'], nodeCIDRMaskSize: { IPv4: 26 } },
      'maxPodsPerNode: Invalid value: 110: must not exceed the 64 addresses of a /26 IPv4 node pod CIDR (nodeCIDRMaskSize.IPv4)',
    ],
    [{ podCIDRs: ['fd00::/112'], nodeCIDRMaskSize: { IPv6: 120 }, maxPodsPerNode: 256 }, '256'],
  ];
  for (const [input, want] of table) {
    it(JSON.stringify(input), () => {
      const r = validateClusterDefinition({ ...base, ...input });
      assert.equal(
        r.ok ? String(r.value.maxPodsPerNode) : r.errors.map(renderFieldError).join('; '),
        want,
      );
    });
  }
});

describe('dnsServiceIP (kubeadm GetDNSIP; allocator range)', () => {
  const table: Array<[ClusterDefinitionInput, string]> = [
    [{}, '10.96.0.10'],
    [{ serviceCIDRs: ['fd12:b5e0:383f::/112', '10.1.0.0/16'] }, 'fd12:b5e0:383f::a'],
    [{ serviceCIDRs: ['10.0.0.0/28'] }, '10.0.0.10'],
    [
      { serviceCIDRs: ['10.0.0.0/29'] },
      'dnsServiceIP: Required value: unable to get internal Kubernetes Service IP from the given service CIDR: can\'t generate IP with index 10 from subnet. subnet too small. subnet: "10.0.0.0/29"; name an address or "none"',
    ],
    [{ dnsServiceIP: 'none' }, 'none'],
    [{ dnsServiceIP: '10.96.0.53' }, '10.96.0.53'],
    [{ serviceCIDRs: ['10.96.0.0/12', 'fd00::/112'], dnsServiceIP: 'fd00::a' }, 'fd00::a'],
    [
      { dnsServiceIP: '10.96.0.1' },
      'dnsServiceIP: Invalid value: "10.96.0.1": provided IP is already allocated: it is the address of the kubernetes Service',
    ],
    [
      { dnsServiceIP: '10.96.0.0' },
      'dnsServiceIP: Invalid value: "10.96.0.0": the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    [
      { dnsServiceIP: '10.111.255.255' },
      'dnsServiceIP: Invalid value: "10.111.255.255": the provided IP (10.111.255.255) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    [
      { dnsServiceIP: '10.200.0.10' },
      'dnsServiceIP: Invalid value: "10.200.0.10": the provided IP (10.200.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    [
      { dnsServiceIP: 'fd00::a' },
      'dnsServiceIP: Invalid value: "fd00::a": IPv6 is not configured on this cluster',
    ],
    [
      {
        kubernetesVersion: '1.33',
        serviceCIDRs: ['10.96.0.0/12', '2000::/108'],
        dnsServiceIP: '2000::1:0',
      },
      'dnsServiceIP: Invalid value: "2000::1:0": the provided IP (2000::1:0) is not in the valid range. The range of valid IPs is 2000::/108',
    ],
    [
      {
        kubernetesVersion: '1.34',
        serviceCIDRs: ['10.96.0.0/12', '2000::/108'],
        dnsServiceIP: '2000::1:0',
      },
      '2000::1:0',
    ],
    [
      { dnsServiceIP: '010.96.0.10' },
      'dnsServiceIP: Invalid value: "010.96.0.10": must not have leading 0s',
    ],
    [
      { dnsServiceIP: '::ffff:10.96.0.10' },
      'dnsServiceIP: Invalid value: "::ffff:10.96.0.10": must not be an IPv4-mapped IPv6 address',
    ],
    [
      { dnsServiceIP: 'kube-dns' },
      'dnsServiceIP: Invalid value: "kube-dns": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
    [
      { dnsServiceIP: '١٠.96.0.10' },
      'dnsServiceIP: Invalid value: "١٠.96.0.10": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
    [{ dnsServiceIP: false }, 'dnsServiceIP: Invalid value: false: must be a string, got boolean'],
  ];
  for (const [input, want] of table) {
    it(JSON.stringify(input), () => {
      const r = validateClusterDefinition({ ...base, ...input });
      const got = r.ok
        ? r.value.dnsServiceIP
          ? formatIP(r.value.dnsServiceIP)
          : 'none'
        : r.errors.map(renderFieldError).join('; ');
      assert.equal(got, want);
    });
  }
});

describe('validateClusterDefinition as a whole', () => {
  it('the API example, with defaults filled and written back', () => {
    const r = validateClusterDefinition({
      name: 'tokyo-prod',
      kubernetesVersion: '1.26',
      serviceCIDRs: ['10.1.0.0/16', 'fd12:b5e0:383f::/112'],
      podCIDRs: ['10.0.0.0/16', 'fd12:b5e0:383e::/56'],
      nodeCIDRMaskSize: { IPv4: 24, IPv6: 64 },
      serviceNodePortRange: '30000-32767',
      maxPodsPerNode: 110,
    });
    assert.ok(r.ok);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.value.version, { major: 1, minor: 26 });
    assert.deepEqual(clusterDefinitionToJSON(r.value), {
      name: 'tokyo-prod',
      kubernetesVersion: '1.26',
      serviceCIDRs: ['10.1.0.0/16', 'fd12:b5e0:383f::/112'],
      podCIDRs: ['10.0.0.0/16', 'fd12:b5e0:383e::/56'],
      nodeCIDRMaskSize: { IPv4: 24, IPv6: 64 },
      serviceNodePortRange: '30000-32767',
      maxPodsPerNode: 110,
      dnsServiceIP: '10.1.0.10',
    });
    const net = serviceNetworkOf(r.value);
    assert.deepEqual(
      net.serviceCIDRs.map((c) => c.text),
      ['10.1.0.0/16', 'fd12:b5e0:383f::/112'],
    );
    assert.deepEqual(net.nodePortRange, { base: 30000, size: 2768 });
    assert.deepEqual(net.version, { major: 1, minor: 26 });
  });

  it('minimal input: canonical text, defaults, no pod network', () => {
    const r = validateClusterDefinition({
      name: 'x',
      serviceCIDRs: ['FD12:B5E0:383F::/112'],
      dnsServiceIP: 'none',
    });
    assert.ok(r.ok);
    assert.deepEqual(clusterDefinitionToJSON(r.value), {
      name: 'x',
      kubernetesVersion: '1.35',
      serviceCIDRs: ['fd12:b5e0:383f::/112'],
      podCIDRs: [],
      nodeCIDRMaskSize: {},
      serviceNodePortRange: '30000-32767',
      maxPodsPerNode: 110,
      dnsServiceIP: 'none',
    });
  });

  it('JSON output validates back to the same definition', () => {
    const first = validateClusterDefinition({
      name: 'x',
      serviceCIDRs: ['10.96.0.0/12'],
      podCIDRs: ['fd00::/48'],
    });
    assert.ok(first.ok);
    const json = clusterDefinitionToJSON(first.value);
    const again = validateClusterDefinition(json);
    assert.ok(again.ok);
    assert.deepEqual(clusterDefinitionToJSON(again.value), json);
  });

  it('warns when a service CIDR overlaps a pod CIDR', () => {
    const r = validateClusterDefinition({
      name: 'x',
      serviceCIDRs: ['10.0.0.0/16', 'fd00::/112'],
      podCIDRs: ['10.0.0.0/12', 'fd00::/56'],
    });
    assert.ok(r.ok);
    assert.deepEqual(r.warnings, [
      'service CIDR 10.0.0.0/16 overlaps pod CIDR 10.0.0.0/12',
      'service CIDR fd00::/112 overlaps pod CIDR fd00::/56',
    ]);
  });

  it('reports every field at once, in field order, and never throws', () => {
    const r = validateClusterDefinition({
      name: 'Bad_Name',
      kubernetesVersion: 'latest',
      serviceCIDRs: ['10.1.0.0/33'],
      podCIDRs: ['10.244.0.0/16', '10.245.0.0/16'],
      serviceNodePortRange: '1-0',
      maxPodsPerNode: -1,
      dnsServiceIP: 'x',
    });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => `${e.field} ${e.type}`),
      [
        'name FieldValueInvalid',
        'kubernetesVersion FieldValueNotSupported',
        'serviceCIDRs[0] FieldValueInvalid',
        'podCIDRs FieldValueInvalid',
        'serviceNodePortRange FieldValueInvalid',
        'maxPodsPerNode FieldValueInvalid',
      ],
    );
  });

  it('tolerates any JSON value as input', () => {
    for (const input of [null, undefined, 42, 'x', [], { name: {}, serviceCIDRs: [[]] }]) {
      const r = validateClusterDefinition(input as ClusterDefinitionInput);
      assert.ok(!r.ok);
      assert.ok(r.errors.every((e) => e.type !== 'InternalError'));
    }
  });
});
