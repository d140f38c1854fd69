import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseBlueprint } from '../../src/blueprint/index.js';
import { deriveFlowSpec } from '../../src/flows/index.js';
import { root } from '../cli/run-cli.js';
import { errorsOf as refusalsOf } from './refusals.js';

/** The refusals without their line and column (the loader's, tested there): these tests compare path and message. */
const errorsOf = (text: string) => refusalsOf(text).map((e) => e.replace(/^bp\.yaml:\d+:\d+:/, 'bp.yaml:'));

const EXAMPLE = join(root, 'examples', 'existing-vpc.yaml');

/** A development blueprint in an existing VPC with the given subnets section (YAML, indented under it). */
function withSubnets(subnets: string, extra = ''): string {
  return `preset: development
environment: { region: eu-west-1, availabilityZones: [eu-west-1a, eu-west-1b] }
network:
  vpcCidr: 10.80.0.0/16
  existingVpc:
    vpcId: vpc-0a1b2c3d4e5f60718
    subnets:
${subnets}
${extra}`;
}

const TIERS_OK = `      application: [{ id: subnet-0a00000000000a001, cidr: 10.80.16.0/21, availabilityZone: eu-west-1a }]
      data: [{ id: subnet-0d00000000000d001, cidr: 10.80.64.0/19, availabilityZone: eu-west-1a }]
      endpoints: [{ id: subnet-0e00000000000e001, cidr: 10.80.0.0/26, availabilityZone: eu-west-1a }]`;

describe('network.existingVpc', () => {
  it('is unset by default: vectorfort builds the VPC from its subnet plan', () => {
    const bp = parseBlueprint('{}', 'bp.yaml');
    assert.equal(bp.network.existingVpc, undefined);
    assert.equal(deriveFlowSpec(bp).externalNetwork, undefined);
  });

  it("puts the listed subnets' ranges into the flow spec and names the VPC and its acknowledgement", () => {
    const bp = parseBlueprint(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    const spec = deriveFlowSpec(bp);
    assert.deepEqual(
      spec.subnets.filter((s) => s.tier === 'data').map((s) => [s.availabilityZone, s.cidr]),
      [
        ['eu-west-1a', '10.80.64.0/19'],
        ['eu-west-1b', '10.80.96.0/19'],
        ['eu-west-1c', '10.80.128.0/19'],
      ],
    );
    assert.equal(spec.subnets.filter((s) => s.tier === 'public').length, 0);
    assert.equal(spec.externalNetwork?.vpcId, 'vpc-0a1b2c3d4e5f60718');
    assert.equal(spec.externalNetwork?.subnets.length, 9);
    assert.ok(spec.externalNetwork?.subnets.includes('subnet-0d00000000000d002'));
    assert.match(spec.externalNetwork?.acknowledged ?? '', /network team owns this VPC's route tables/);
  });

  it('accepts a private deployment without public subnets', () => {
    const bp = parseBlueprint(withSubnets(TIERS_OK), 'bp.yaml');
    assert.equal(bp.network.existingVpc?.subnets.public, undefined);
    assert.equal(bp.network.existingVpc?.acknowledgement, undefined);
  });

  it('asks for every private tier, naming the path', () => {
    assert.deepEqual(
      errorsOf(
        withSubnets(
          `      application: [{ id: subnet-0a00000000000a001, cidr: 10.80.16.0/21, availabilityZone: eu-west-1a }]
      endpoints: [{ id: subnet-0e00000000000e001, cidr: 10.80.0.0/26, availabilityZone: eu-west-1a }]`,
        ),
      ),
      ['bp.yaml: network.existingVpc.subnets.data: is required (expected array)'],
    );
  });

  it('asks for public subnets when an internet-facing load balancer needs them', () => {
    const errors = errorsOf(
      withSubnets(
        TIERS_OK,
        'exposure: alb\nedge: { domainName: search.example.com, hostedZoneId: Z0123456789ABCDEFGHIJ, hostedZoneName: example.com }\n',
      ),
    );
    assert.ok(
      errors.includes(
        'bp.yaml: network.existingVpc.subnets.public: an internet-facing load balancer (exposure "alb") needs at least one public subnet',
      ),
      errors.join('\n'),
    );
  });

  it('refuses a subnet outside the VPC range, one listed twice and overlapping ranges', () => {
    assert.deepEqual(errorsOf(withSubnets(TIERS_OK.replace('10.80.64.0/19', '10.81.64.0/19'))), [
      'bp.yaml: network.existingVpc.subnets.data: subnet subnet-0d00000000000d001 (10.81.64.0/19) is outside network.vpcCidr 10.80.0.0/16',
    ]);
    assert.deepEqual(
      errorsOf(withSubnets(TIERS_OK.replace('subnet-0e00000000000e001', 'subnet-0d00000000000d001'))),
      [
        'bp.yaml: network.existingVpc.subnets: subnet subnet-0d00000000000d001 is listed in more than one tier (each tier has its own subnets)',
      ],
    );
    assert.deepEqual(errorsOf(withSubnets(TIERS_OK.replace('10.80.0.0/26', '10.80.64.0/26'))), [
      'bp.yaml: network.existingVpc.subnets: subnet subnet-0d00000000000d001 (10.80.64.0/19) overlaps another listed subnet',
    ]);
  });

  it('refuses ids, ranges and zones that are not what AWS accepts', () => {
    const errors = errorsOf(
      withSubnets(
        `      application: [{ id: sn-1, cidr: 10.80.16.1/21, availabilityZone: west }]
      data: [{ id: subnet-0d00000000000d001, cidr: 10.80.64.0/19, availabilityZone: eu-west-1a }]
      endpoints: [{ id: subnet-0e00000000000e001, cidr: 10.80.0.0/26, availabilityZone: eu-west-1a }]`,
      ),
    );
    assert.equal(errors.length, 3, errors.join('\n'));
    assert.ok(
      errors.some((e) => e.includes('network.existingVpc.subnets.application[0].id: expected a subnet id')),
    );
    assert.ok(
      errors.some((e) => e.includes('application[0].cidr: expected the network address 10.80.16.0/21')),
    );
    assert.ok(
      errors.some((e) => e.includes('application[0].availabilityZone: expected an availability zone')),
    );
  });

  it('refuses a short acknowledgement, the data-tier egress weakening and a site-to-site VPN', () => {
    assert.ok(
      errorsOf(
        withSubnets(TIERS_OK, '').replace('    subnets:\n', '    acknowledgement: ok\n    subnets:\n'),
      ).some((e) =>
        e.includes('network.existingVpc.acknowledgement: expected a reason of at least 10 characters'),
      ),
    );
    assert.deepEqual(
      errorsOf(
        withSubnets(TIERS_OK).replace('network:\n', 'network:\n  allowDataTierInternetEgress: true\n'),
      ),
      [
        "bp.yaml: network.allowDataTierInternetEgress: an existing VPC's routes are its owner's: choose data subnets with the routes you want instead of allowDataTierInternetEgress",
      ],
    );
    const s2s = errorsOf(
      withSubnets(
        TIERS_OK,
        'adminAccess: { siteToSiteVpn: { enabled: true, customerGatewayIp: 203.0.113.10, onPremisesCidrs: [192.168.0.0/16] } }\n',
      ),
    );
    assert.ok(
      s2s.some((e) =>
        e.startsWith('bp.yaml: adminAccess.siteToSiteVpn.enabled: a site-to-site VPN adds routes'),
      ),
      s2s.join('\n'),
    );
  });

  it('refuses an existing VPC in an enclave, which builds its own sealed VPC', () => {
    const errors = errorsOf(withSubnets(TIERS_OK, 'enclave: { enabled: true }\n'));
    assert.ok(
      errors.some((e) => e.startsWith('bp.yaml: network.existingVpc: an enclave builds its own sealed VPC')),
      errors.join('\n'),
    );
  });
});
