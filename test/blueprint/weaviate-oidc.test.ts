import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBlueprint } from '../../src/blueprint/index.js';
import { errorsOf } from './refusals.js';

const ROUTE = 'network:\n  allowDataTierInternetEgress: true\n';

/** Weaviate's OIDC section with the given ranges line (line 5 of the text, after ROUTE). */
function oidc(ranges = '      issuerCidrs: [198.51.100.0/24]\n'): string {
  return (
    [
      'weaviate:',
      '  authentication:',
      '    oidc:',
      '      enabled: true',
      '      issuer: https://login.example.com/realms/data',
      '      clientId: weaviate',
    ].join('\n') + `\n${ranges}`
  );
}

const WEAKENING =
  "Weaviate fetches the issuer's discovery document and signing keys (JWKS) over HTTPS to validate tokens";

describe("Weaviate's OIDC issuer", () => {
  it("accepts OIDC with the issuer's ranges and the route to them", () => {
    const bp = parseBlueprint(`${ROUTE}${oidc()}`, 'bp.yaml');
    assert.deepEqual(bp.weaviate.authentication.oidc.issuerCidrs, ['198.51.100.0/24']);
  });

  it('names no ranges with OIDC off', () => {
    assert.deepEqual(parseBlueprint('{}', 'bp.yaml').weaviate.authentication.oidc.issuerCidrs, []);
  });

  it("refuses OIDC without the issuer's ranges", () => {
    assert.deepEqual(errorsOf(`${ROUTE}${oidc('')}`), [
      "bp.yaml:5:5: weaviate.authentication.oidc: OIDC is enabled but issuerCidrs (the address ranges of the issuer's discovery and keys) is missing",
    ]);
  });

  it('refuses OIDC without the weakening that routes the data tier to the internet, saying what to set', () => {
    assert.deepEqual(errorsOf(oidc()), [
      `bp.yaml:4:7: weaviate.authentication.oidc.enabled: ${WEAKENING}, and the data tier has no route to the internet: set network.allowDataTierInternetEgress: true (a weakening), or leave weaviate.authentication.oidc off (clients authenticate with API keys)`,
    ]);
  });

  it('refuses a range wider than a /8, read as a network', () => {
    for (const wide of ['0.0.0.0/0', '128.0.0.0/1', '10.0.0.0/7'])
      assert.deepEqual(errorsOf(`${ROUTE}${oidc(`      issuerCidrs: [198.51.100.0/24, ${wide}]\n`)}`), [
        `bp.yaml:9:7: weaviate.authentication.oidc.issuerCidrs: ${wide} is wider than a /8: name the ranges the issuer's discovery document and signing keys are served from`,
      ]);
    assert.doesNotThrow(() =>
      parseBlueprint(`${ROUTE}${oidc('      issuerCidrs: [10.0.0.0/8]\n')}`, 'bp.yaml'),
    );
  });

  it('refuses a range with host bits set, or one that is not IPv4', () => {
    assert.deepEqual(errorsOf(`${ROUTE}${oidc('      issuerCidrs: [198.51.100.7/24]\n')}`), [
      'bp.yaml:9:21: weaviate.authentication.oidc.issuerCidrs[0]: expected the network address 198.51.100.0/24 (host bits are set), got string "198.51.100.7/24"',
    ]);
    const [ipv6] = errorsOf(`${ROUTE}${oidc("      issuerCidrs: ['2001:db8::/32']\n")}`);
    assert.match(ipv6!, /issuerCidrs\[0\]: expected an IPv4 CIDR such as 10\.0\.0\.0\/16/);
  });

  it('refuses OIDC in an enclave, which has no IPv4 route to the internet', () => {
    const enclave = [
      'preset: enclave',
      'mesh: { chartRepository: oci://111111111111.dkr.ecr.us-east-1.amazonaws.com/mirror/charts }',
      'enclave:',
      "  controlPlane: { hostnames: [cp.vendor.example], ipv6Cidrs: ['3ffe:1000::/48'] }",
      '  operator: { vendorAccount: "222222222222", externalId: tenant-a-1 }',
    ].join('\n');
    assert.deepEqual(errorsOf(`${enclave}\n${oidc()}`), [
      `bp.yaml:9:7: weaviate.authentication.oidc.enabled: ${WEAKENING}, and an enclave has no IPv4 route to the internet: leave weaviate.authentication.oidc off (clients authenticate with API keys)`,
    ]);
  });

  it("refuses OIDC in an existing VPC, whose routes are its owner's", () => {
    const subnets = (tier: string, base: number) =>
      [0, 1, 2]
        .map(
          (i) =>
            `      - { id: subnet-0${tier[0]}00000000000000${i}, cidr: 10.80.${base + i * 8}.0/21, availabilityZone: us-east-1${'abc'[i]} }`,
        )
        .join('\n');
    const vpc = [
      'network:',
      '  vpcCidr: 10.80.0.0/16',
      '  existingVpc:',
      '    vpcId: vpc-0a1b2c3d4e5f60718',
      '    subnets:',
      '      application:',
      subnets('application', 0),
      '      data:',
      subnets('data', 64),
      '      endpoints:',
      subnets('endpoints', 128),
    ].join('\n');
    const errors = errorsOf(`${vpc}\n${oidc()}`);
    assert.deepEqual(errors, [
      `bp.yaml:${vpc.split('\n').length + 4}:7: weaviate.authentication.oidc.enabled: ${WEAKENING}, and an existing VPC's routes are its owner's, so network.allowDataTierInternetEgress, which admits the data tier to the internet, is refused there: leave weaviate.authentication.oidc off (clients authenticate with API keys), or let vectorfort build the VPC`,
    ]);
  });
});
