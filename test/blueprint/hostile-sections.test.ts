/**
 * Values in the enclave, Lattice and existing-VPC sections that AWS would reject at deploy time, or that would
 * widen what the blueprint grants while passing silently: each is refused at the blueprint with its path and
 * what was expected.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { validateBlueprint } from '../../src/blueprint/index.js';
import { errorsOf, inputErrorsOf, refusalsIfAny } from './refusals.js';

type Mapping = Record<string, unknown>;

function example(name: string): Mapping {
  return parse(readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8')) as Mapping;
}

/** The example with `value` set at the dotted `path`. */
function withValue(base: Mapping, path: string, value: unknown): Mapping {
  const copy = structuredClone(base);
  const keys = path.split('.');
  let at = copy;
  for (const key of keys.slice(0, -1)) at = (at[key] ??= {}) as Mapping;
  at[keys.at(-1)!] = value;
  return copy;
}

function refusedAt(base: Mapping, path: string, value: unknown, expected: RegExp): void {
  const errors = inputErrorsOf(withValue(base, path, value));
  assert.ok(
    errors.some((e) => expected.test(e)),
    `${path} = ${JSON.stringify(value)}: ${errors.join('\n')}`,
  );
}

const ENCLAVE = example('enclave');
const LATTICE = example('lattice');
const EXISTING_VPC = example('existing-vpc');

const grant = (fields: Mapping) => [
  {
    principalArn: 'arn:aws:iam::222222222222:role/oncall',
    until: '2099-01-31T18:00:00Z',
    reason: 'incident INC-1234, index rebuild stuck',
    ...fields,
  },
];

describe('hostile values in the new blueprint sections', () => {
  it('loads the examples the attacks start from', () => {
    for (const base of [ENCLAVE, LATTICE, EXISTING_VPC])
      assert.deepEqual(
        refusalsIfAny(() => validateBlueprint(base, 'bp.yaml')),
        [],
      );
  });

  it('refuses a control-plane range as wide as the IPv6 internet however it is spelt', () => {
    for (const wide of ['::/0', '0::/0', '::0/0', '0:0:0:0:0:0:0:0/0', '2000::/3', '8000::/1', '2000::/7'])
      refusedAt(
        ENCLAVE,
        'enclave.controlPlane.ipv6Cidrs',
        ['3ffe:1000::/48', wide],
        /enclave\.controlPlane\.ipv6Cidrs: expected the control plane's own ranges, not the whole IPv6 internet/,
      );
    // A /8 is the widest admitted.
    assert.deepEqual(
      refusalsIfAny(() =>
        validateBlueprint(withValue(ENCLAVE, 'enclave.controlPlane.ipv6Cidrs', ['2a00::/8']), 'bp.yaml'),
      ),
      [],
    );
  });

  it('refuses control-plane ranges with host bits, IPv4 ranges and zone ids', () => {
    for (const bad of ['2001:db8::1/48', '10.0.0.0/8', 'fe80::%eth0/64', '2001:db8::/129', '2001:db8::/048'])
      refusedAt(
        ENCLAVE,
        'enclave.controlPlane.ipv6Cidrs',
        [bad],
        /expected an IPv6 network in CIDR notation/,
      );
  });

  it('refuses a grant to a principal ARN IAM would reject (wildcards, spaces, control characters)', () => {
    for (const arn of [
      'arn:aws:iam::222222222222:role/*',
      'arn:aws:iam::222222222222:role/on*',
      'arn:aws:iam::222222222222:role/on call',
      'arn:aws:iam::222222222222:role/oncall\u202e',
      'arn:aws:iam::222222222222:root',
      'arn:aws:iam::2222:role/oncall',
    ])
      refusedAt(
        ENCLAVE,
        'enclave.operator.grants',
        grant({ principalArn: arn }),
        /grants\[0\]\.principalArn: expected an IAM role or user ARN .*\(no wildcards\)/,
      );
  });

  it('refuses a grant reason IAM would reject in the role description (control and bidi characters)', () => {
    for (const reason of [
      'incident \u001b[2J INC-1234',
      'incident INC-1234\n::error::forged',
      'incident \u202eINC-1234 reversed',
      'incident INC-1234 \u{1f525} burning',
    ])
      refusedAt(
        ENCLAVE,
        'enclave.operator.grants',
        grant({ reason }),
        /grants\[0\]\.reason: expected printable ASCII or Latin-1 text on one line/,
      );
    // Latin-1 letters are what IAM accepts.
    assert.deepEqual(
      refusalsIfAny(() =>
        validateBlueprint(
          withValue(ENCLAVE, 'enclave.operator.grants', grant({ reason: 'Störung INC-1234, Müller' })),
          'bp.yaml',
        ),
      ),
      [],
    );
  });

  it('refuses a grant end that is not a calendar time (Date.parse would roll it into the next month)', () => {
    for (const until of ['2099-02-31T18:00:00Z', '2099-04-31T00:00:00Z', '2099-01-31T24:00:00Z'])
      refusedAt(
        ENCLAVE,
        'enclave.operator.grants',
        grant({ until }),
        /grants\[0\]\.until: expected a valid calendar time/,
      );
  });

  it('refuses Lattice organization, OU and VPC ids in forms AWS never issues', () => {
    for (const arn of [
      'arn:aws:organizations::111111111111:organization/o-a',
      'arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-x',
      'arn:aws:organizations::111111111111:organization/o-*',
    ])
      refusedAt(
        LATTICE,
        'lattice.shareWith',
        [arn],
        /lattice\.shareWith\[0\]: expected an organization or OU ARN/,
      );
    const consumer = (vpc: string) => [{ name: 'a', accounts: ['123456789012'], vpcs: [vpc] }];
    for (const vpc of ['vpc-0123456789', 'vpc-*', 'vpc-0A1B2C3D'])
      refusedAt(LATTICE, 'lattice.consumers', consumer(vpc), /consumers\[0\]\.vpcs\[0\]: expected a VPC id/);
  });

  it('refuses Lattice principals with wildcards or without a role or user', () => {
    for (const arn of ['arn:aws:iam::222222222222:role/*', 'arn:aws:iam::222222222222:root', '*'])
      refusedAt(
        LATTICE,
        'lattice.consumers',
        [{ name: 'a', principals: [arn] }],
        /consumers\[0\]\.principals\[0\]: expected an IAM role or user ARN/,
      );
  });

  it('refuses an existing subnet of a size EC2 cannot create, and ranges with host bits or /0', () => {
    const data = (cidr: string) => [{ id: 'subnet-0d00000000000d001', cidr, availabilityZone: 'eu-west-1a' }];
    for (const cidr of ['10.80.64.0/30', '10.80.64.0/29', '10.80.0.0/15'])
      refusedAt(
        EXISTING_VPC,
        'network.existingVpc.subnets.data',
        data(cidr),
        /subnets\.data\[0\]\.cidr: expected a subnet range of \/16 to \/28/,
      );
    refusedAt(
      EXISTING_VPC,
      'network.existingVpc.subnets.data',
      data('10.80.64.1/19'),
      /cidr: expected the network address 10\.80\.64\.0\/19 \(host bits are set\)/,
    );
    refusedAt(
      EXISTING_VPC,
      'network.existingVpc.subnets.data',
      data('010.80.64.0/19'),
      /cidr: expected an IPv4 CIDR without leading zeros/,
    );
    refusedAt(EXISTING_VPC, 'network.existingVpc.subnets.data', data('0.0.0.0/0'), /\/16 to \/28/);
  });

  it('refuses a __proto__ key anywhere instead of dropping it (zod skips it in records) or merging it as a prototype', () => {
    for (const [text, path] of [
      [
        'environments:\n  __proto__: {account: "111111111111", vpcCidr: 10.0.0.0/16}\n',
        'environments.__proto__',
      ],
      ['tags:\n  __proto__: x\n', 'tags.__proto__'],
      ['__proto__:\n  polluted: 1\n', '__proto__'],
      ['enclave:\n  operator:\n    __proto__: {grants: []}\n', 'enclave.operator.__proto__'],
      ['lattice:\n  consumers:\n    - __proto__: {name: x}\n', 'lattice.consumers[0].__proto__'],
    ] as const) {
      const errors = errorsOf(text);
      assert.ok(
        errors.some((e) => e.includes(`${path}: a key named "__proto__" is not a blueprint setting`)),
        `${JSON.stringify(text)}: ${errors.join('\n')}`,
      );
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    }
  });

  it('refuses an existing-VPC acknowledgement of spaces, which would accept its unknowns with no reason', () => {
    refusedAt(
      EXISTING_VPC,
      'network.existingVpc.acknowledgement',
      ' '.repeat(12),
      /network\.existingVpc\.acknowledgement: expected a reason of at least 10 characters/,
    );
  });
});
