import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from './create-service';
import { familyOf } from './service-predicates';
import {
  makeContext,
  makeNetwork,
  makeService,
  type ServiceOptions,
  type Shape,
} from './services.spec-kit';

/** Families and IPs of the primary (P) and the other (O) family of a shape. */
interface F {
  P: string;
  O: string;
  pip: string;
  oip: string;
}

type Expect =
  | { policy?: string; families: string[]; headless?: boolean }
  /** The rendered field errors of the Status message, in order. */
  | { errors: string[] };

interface Case {
  name: string;
  svc: ServiceOptions;
  single: Expect;
  dual: Expect;
}

const notConfigured = (i: number, fam: string) =>
  `spec.ipFamilies[${i}]: Invalid value: "${fam}": not configured on this cluster`;
const multiFamilies = `spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified`;
const multiIPs = `spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified`;
const noDual = `spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services`;
const both = (e: Expect): Pick<Case, 'single' | 'dual'> => ({ single: e, dual: e });
const ok = (policy: string | undefined, families: string[], headless = false): Expect => ({
  policy,
  families,
  headless,
});

/** Mirrors upstream TestCreateInitIPFields, written once for "primary"/"other" families. */
function cases(f: F): Case[] {
  const { P, O, pip, oip } = f;
  const hl = { clusterIP: 'None' };
  const hlNoSel = { clusterIP: 'None', selector: null };
  return [
    {
      name: 'type:ExternalName',
      svc: { type: 'ExternalName', selector: null, ports: [] },
      ...both(ok(undefined, [])),
    },
    {
      name: 'type:ExternalName_Policy:SingleStack',
      svc: { type: 'ExternalName', selector: null, ports: [], policy: 'SingleStack' },
      ...both({
        errors: ['spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services'],
      }),
    },
    { name: 'Policy:unset_Families:unset', svc: {}, ...both(ok('SingleStack', [P])) },
    { name: 'Policy:unset_Families:P', svc: { families: [P] }, ...both(ok('SingleStack', [P])) },
    {
      name: 'Policy:unset_Families:O',
      svc: { families: [O] },
      single: { errors: [notConfigured(0, O)] },
      dual: ok('SingleStack', [O]),
    },
    {
      name: 'Policy:unset_Families:PO',
      svc: { families: [P, O] },
      ...both({ errors: [multiFamilies] }),
    },
    {
      name: 'Policy:unset_Families:OP',
      svc: { families: [O, P] },
      ...both({ errors: [multiFamilies] }),
    },
    {
      name: 'Policy:SingleStack_Families:unset',
      svc: { policy: 'SingleStack' },
      ...both(ok('SingleStack', [P])),
    },
    {
      name: 'Policy:SingleStack_Families:O',
      svc: { policy: 'SingleStack', families: [O] },
      single: { errors: [notConfigured(0, O)] },
      dual: ok('SingleStack', [O]),
    },
    {
      name: 'Policy:PreferDualStack_Families:unset',
      svc: { policy: 'PreferDualStack' },
      single: ok('PreferDualStack', [P]),
      dual: ok('PreferDualStack', [P, O]),
    },
    {
      name: 'Policy:PreferDualStack_Families:P',
      svc: { policy: 'PreferDualStack', families: [P] },
      single: ok('PreferDualStack', [P]),
      dual: ok('PreferDualStack', [P, O]),
    },
    {
      name: 'Policy:PreferDualStack_Families:O',
      svc: { policy: 'PreferDualStack', families: [O] },
      single: { errors: [notConfigured(0, O)] },
      dual: ok('PreferDualStack', [O, P]),
    },
    {
      name: 'Policy:PreferDualStack_Families:PO',
      svc: { policy: 'PreferDualStack', families: [P, O] },
      single: { errors: [notConfigured(1, O)] },
      dual: ok('PreferDualStack', [P, O]),
    },
    {
      name: 'Policy:PreferDualStack_Families:OP',
      svc: { policy: 'PreferDualStack', families: [O, P] },
      single: { errors: [notConfigured(0, O)] },
      dual: ok('PreferDualStack', [O, P]),
    },
    {
      name: 'Policy:RequireDualStack_Families:unset',
      svc: { policy: 'RequireDualStack' },
      single: { errors: [noDual] },
      dual: ok('RequireDualStack', [P, O]),
    },
    {
      name: 'Policy:RequireDualStack_Families:O',
      svc: { policy: 'RequireDualStack', families: [O] },
      single: { errors: [noDual, notConfigured(0, O)] },
      dual: ok('RequireDualStack', [O, P]),
    },
    {
      name: 'Policy:RequireDualStack_Families:PO',
      svc: { policy: 'RequireDualStack', families: [P, O] },
      single: { errors: [noDual, notConfigured(1, O)] },
      dual: ok('RequireDualStack', [P, O]),
    },
    { name: 'Headless_Policy:unset', svc: hl, ...both(ok('SingleStack', [P], true)) },
    {
      name: 'Headless_Policy:PreferDualStack',
      svc: { ...hl, policy: 'PreferDualStack' },
      single: ok('PreferDualStack', [P], true),
      dual: ok('PreferDualStack', [P, O], true),
    },
    {
      name: 'Headless_Policy:RequireDualStack',
      svc: { ...hl, policy: 'RequireDualStack' },
      single: { errors: [noDual] },
      dual: ok('RequireDualStack', [P, O], true),
    },
    {
      name: 'HeadlessSelectorless_Policy:unset',
      svc: hlNoSel,
      ...both(ok('RequireDualStack', [P, O], true)),
    },
    {
      name: 'HeadlessSelectorless_Policy:unset_Families:O',
      svc: { ...hlNoSel, families: [O] },
      ...both(ok('RequireDualStack', [O, P], true)),
    },
    {
      name: 'HeadlessSelectorless_Policy:SingleStack_Families:O',
      svc: { ...hlNoSel, policy: 'SingleStack', families: [O] },
      ...both(ok('SingleStack', [O], true)),
    },
    {
      name: 'HeadlessSelectorless_Policy:PreferDualStack',
      svc: { ...hlNoSel, policy: 'PreferDualStack' },
      ...both(ok('PreferDualStack', [P, O], true)),
    },
    {
      name: 'HeadlessSelectorless_Policy:RequireDualStack_Families:OP',
      svc: { ...hlNoSel, policy: 'RequireDualStack', families: [O, P] },
      ...both(ok('RequireDualStack', [O, P], true)),
    },
    { name: 'ClusterIP:P', svc: { clusterIP: pip }, ...both(ok('SingleStack', [P])) },
    {
      name: 'ClusterIP:O',
      svc: { clusterIP: oip },
      single: {
        errors: [
          `spec.clusterIPs[0]: Invalid value: []string{"${oip}"}: ${O} is not configured on this cluster`,
        ],
      },
      dual: ok('SingleStack', [O]),
    },
    {
      name: 'ClusterIPs:PO_Policy:unset',
      svc: { clusterIP: pip, clusterIPs: [pip, oip] },
      single: {
        errors: [
          multiIPs,
          `spec.clusterIPs[1]: Invalid value: []string{"${pip}", "${oip}"}: ${O} is not configured on this cluster`,
        ],
      },
      dual: { errors: [multiIPs] },
    },
    {
      name: 'ClusterIPs:PO_Policy:PreferDualStack',
      svc: { clusterIP: pip, clusterIPs: [pip, oip], policy: 'PreferDualStack' },
      single: {
        errors: [
          `spec.clusterIPs[1]: Invalid value: []string{"${pip}", "${oip}"}: ${O} is not configured on this cluster`,
        ],
      },
      dual: ok('PreferDualStack', [P, O]),
    },
    {
      name: 'ClusterIPs:O_Policy:RequireDualStack',
      svc: { clusterIP: oip, policy: 'RequireDualStack' },
      single: {
        errors: [
          `spec.clusterIPs[0]: Invalid value: []string{"${oip}"}: ${O} is not configured on this cluster`,
        ],
      },
      dual: ok('RequireDualStack', [O, P]),
    },
    {
      name: 'Families:O_ClusterIP:P (stage A)',
      svc: { families: [O], clusterIP: pip },
      ...both({
        errors: [
          `spec.clusterIPs[0]: Invalid value: "${pip}": expected an ${O} value as indicated by \`ipFamilies[0]\``,
        ],
      }),
    },
    {
      name: 'Families:PP (stage A)',
      svc: { policy: 'RequireDualStack', families: [P, P] },
      ...both({ errors: [`spec.ipFamilies[1]: Duplicate value: "${P}"`] }),
    },
  ];
}

const SHAPE_FAMILIES: Record<Shape, F> = {
  v4: { P: 'IPv4', O: 'IPv6', pip: '10.0.0.1', oip: '2000::1' },
  'v4/v6': { P: 'IPv4', O: 'IPv6', pip: '10.0.0.1', oip: '2000::1' },
  v6: { P: 'IPv6', O: 'IPv4', pip: '2000::1', oip: '10.0.0.1' },
  'v6/v4': { P: 'IPv6', O: 'IPv4', pip: '2000::1', oip: '10.0.0.1' },
};

describe('TestCreateInitIPFields (createService over the four cluster shapes)', () => {
  for (const shape of ['v4', 'v6', 'v4/v6', 'v6/v4'] as const) {
    const dual = shape.includes('/');
    for (const c of cases(SHAPE_FAMILIES[shape])) {
      const expect = dual ? c.dual : c.single;
      it(`${shape}/${c.name}`, async () => {
        const ctx = makeContext(makeNetwork(shape));
        const r = await createService(makeService(c.svc), ctx);
        if ('errors' in expect) {
          assert.equal(r.ok, false, 'expected an error');
          if (r.ok) return;
          const body =
            expect.errors.length === 1 ? expect.errors[0] : `[${expect.errors.join(', ')}]`;
          assert.equal(r.status.message, `Service "nginx" is invalid: ${body}`);
          assert.equal(r.status.code, 422);
          assert.equal(
            ctx.allocator.allocatedIPs('IPv4').length + ctx.allocator.allocatedIPs('IPv6').length,
            0,
          );
          return;
        }
        assert.equal(r.ok, true, r.ok ? '' : r.status.message);
        if (!r.ok) return;
        const spec = r.service.spec;
        assert.equal(spec.ipFamilyPolicy, expect.policy);
        assert.deepEqual(spec.ipFamilies ?? [], expect.families);
        if (c.svc.type === 'ExternalName') {
          assert.equal(spec.clusterIPs, undefined);
        } else if (expect.headless) {
          assert.deepEqual(spec.clusterIPs, ['None']);
        } else {
          assert.deepEqual((spec.clusterIPs ?? []).map(familyOf), expect.families);
          assert.equal(spec.clusterIP, spec.clusterIPs?.[0]);
          if (c.svc.clusterIP) assert.equal(spec.clusterIPs?.[0], c.svc.clusterIP);
        }
      });
    }
  }
});
