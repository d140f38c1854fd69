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
    ipv6Cidrs: ['2001:db8:1000::/48']
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
    const errors = errorsOf(ENCLAVE.replace("'2001:db8:1000::/48'", "'::/0'"));
    assert.ok(
      errors.some((e) => e.includes('not the whole IPv6 internet')),
      errors.join('\n'),
    );
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
