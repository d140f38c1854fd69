import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBlueprint } from '../../src/blueprint/index.js';
import { refusalsIfAny } from './refusals.js';

const errorsOf = (text: string) => refusalsIfAny(() => parseBlueprint(text, 'bp.yaml'));

const ENCLAVE = `preset: enclave
mesh:
  chartRepository: oci://111111111111.dkr.ecr.us-east-1.amazonaws.com/mirror/charts
enclave:
  controlPlane:
    hostnames: [cp.vendor.example]
    ipv6Cidrs: ['3ffe:1000::/48']
  operator:
    vendorAccount: '222222222222'
    externalId: tenant-a-1
`;

describe('the enclave preset', () => {
  it('seals the network: no NAT, no Client VPN, the notifier endpoints added', () => {
    const bp = parseBlueprint(ENCLAVE, 'bp.yaml');
    assert.equal(bp.enclave.enabled, true);
    assert.equal(bp.network.natGateways, 0);
    assert.equal(bp.adminAccess.clientVpn.enabled, false);
    assert.deepEqual(bp.network.additionalInterfaceEndpoints, ['sqs', 'dynamodb']);
    assert.equal(bp.exposure, 'private');
    assert.deepEqual(bp.enclave.operator.grants, []);
  });

  it('requires the control plane, the vendor account and the external ID', () => {
    const errors = errorsOf('preset: enclave\nmesh:\n  chartRepository: oci://x.example/charts\n');
    assert.ok(
      errors.some((e) => e.includes('expected at least one control-plane host name')),
      errors.join('\n'),
    );
    assert.ok(errors.some((e) => e.includes('expected at least one IPv6 range of the control plane')));
    assert.ok(errors.some((e) => e.includes("expected the vendor's 12-digit AWS account id")));
    assert.ok(errors.some((e) => e.includes('expected the external ID the vendor presents')));
  });

  it('refuses every way in or out the enclave forbids, naming the field', () => {
    const errors = errorsOf(`${ENCLAVE}exposure: alb\nnetwork:\n  natGateways: 1\n`);
    assert.ok(
      errors.some((e) => /exposure: an enclave accepts no inbound connection/.test(e)),
      errors.join('\n'),
    );
    assert.ok(errors.some((e) => /network\.natGateways: an enclave has no NAT: expected 0, got 1/.test(e)));
  });

  it('refuses the whole IPv6 internet as the control plane', () => {
    const errors = errorsOf(ENCLAVE.replace("'3ffe:1000::/48'", "'::/0'"));
    assert.ok(
      errors.some((e) => e.includes('not the whole IPv6 internet')),
      errors.join('\n'),
    );
  });

  it('refuses control-plane ranges that are not global unicast, naming the range, its index and the block', () => {
    const cases: [string, RegExp][] = [
      ['::ffff:0:0/96', /IPv4-mapped addresses \(::ffff:0:0\/96\)/],
      ['::ffff:c000:200/120', /IPv4-mapped addresses/],
      ['64:ff9b::/96', /NAT64 \(well-known prefix\) \(64:ff9b::\/96\)/],
      ['64:ff9b:1::/48', /NAT64 \(local use\)/],
      ['2002:c000:204::/48', /6to4 \(2002::\/16\)/],
      ['2001::/32', /Teredo \(2001::\/32\)/],
      ['2001:0:4136:e378::/64', /Teredo/],
      ['fd00:1234::/32', /unique-local \(fc00::\/7\)/],
      ['fe80::/64', /link-local \(fe80::\/10\)/],
      ['::1/128', /loopback \(::1\/128\)/],
      ['::/128', /the unspecified address/],
      ['ff0e::/16', /multicast \(ff00::\/8\)/],
      ['2001:db8:1000::/48', /documentation \(2001:db8::\/32\)/],
      ['3fff:100::/24', /documentation \(3fff::\/20\)/],
      ['4000::/16', /outside global unicast \(2000::\/3\)/],
      // A wide range that takes in a special-purpose block is refused as well.
      ['2000::/12', /Teredo \(2001::\/32\)/],
    ];
    for (const [range, reason] of cases) {
      const errors = errorsOf(ENCLAVE.replace("'3ffe:1000::/48'", `'2a05:d000:1000::/48', '${range}'`));
      assert.ok(
        errors.some(
          (e) =>
            /enclave\.controlPlane\.ipv6Cidrs\[1\]: expected a global unicast IPv6 range of the control plane/.test(
              e,
            ) && reason.test(e),
        ),
        `${range}: ${errors.join('\n')}`,
      );
    }
  });

  it('accepts global unicast control-plane ranges', () => {
    for (const range of ['2a05:d000:1000::/48', '2600:1f00::/24', '2c0f:f000::/20'])
      assert.deepEqual(errorsOf(ENCLAVE.replace("'3ffe:1000::/48'", `'${range}'`)), [], range);
  });

  it('allows no NAT gateway outside an enclave', () => {
    const errors = errorsOf('network:\n  natGateways: 0\n');
    assert.ok(
      errors.some((e) => e.includes('0 only in an enclave')),
      errors.join('\n'),
    );
  });

  it('refuses a grant whose end is not a UTC time, and two grants for one principal', () => {
    const grant = (until: string) =>
      `      - principalArn: arn:aws:iam::222222222222:role/oncall\n        until: '${until}'\n        reason: incident INC-1 rebuild\n`;
    const bad = errorsOf(`${ENCLAVE}    grants:\n${grant('2027-01-31 18:00')}`);
    assert.ok(
      bad.some((e) => e.includes('a UTC time such as 2027-01-31T18:00:00Z')),
      bad.join('\n'),
    );
    const twice = errorsOf(
      `${ENCLAVE}    grants:\n${grant('2027-01-31T18:00:00Z')}${grant('2027-02-28T18:00:00Z')}`,
    );
    assert.ok(
      twice.some((e) => e.includes('has two grants')),
      twice.join('\n'),
    );
  });
});
