/** `environments`: each environment's blueprint is the shared settings with its own place and preset. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { environmentsOf, validateBlueprint } from '../../src/blueprint/index.js';
import { inputErrorsOf } from './refusals.js';

const THREE = {
  name: 'vectors',
  environment: { region: 'eu-west-1' },
  weaviate: { queryMaximumResults: 5000 },
  environments: {
    dev: {
      account: '222222222222',
      vpcCidr: '10.10.0.0/16',
      preset: 'development',
      connectedTo: ['staging'],
    },
    staging: { account: '333333333333', vpcCidr: '10.20.0.0/16', preset: 'staging' },
    prod: { account: '444444444444', region: 'us-east-1', vpcCidr: '10.30.0.0/16', preset: 'production' },
  },
};

describe('environments in one blueprint', () => {
  it('derives one blueprint per environment: its name, account, region, range and preset, the rest shared', () => {
    const bp = validateBlueprint(THREE, 'bp.yaml');
    const envs = environmentsOf(bp)!;
    assert.deepEqual(
      envs.map((e) => [
        e.name,
        e.preset,
        e.blueprint.name,
        e.blueprint.environment.account,
        e.blueprint.environment.region,
        e.blueprint.network.vpcCidr,
      ]),
      [
        ['dev', 'development', 'vectors-dev', '222222222222', 'eu-west-1', '10.10.0.0/16'],
        ['staging', 'staging', 'vectors-staging', '333333333333', 'eu-west-1', '10.20.0.0/16'],
        ['prod', 'production', 'vectors-prod', '444444444444', 'us-east-1', '10.30.0.0/16'],
      ],
    );
    for (const e of envs)
      assert.equal(e.blueprint.weaviate.queryMaximumResults, 5000, 'shared settings apply');
    assert.deepEqual(envs[0]!.connectedTo, ['staging']);
    // Each environment starts from its own preset: development has one NAT gateway, staging production's three.
    assert.deepEqual(
      envs.map((e) => e.blueprint.network.natGateways),
      [1, 3, 3],
    );
    assert.deepEqual(
      envs.map((e) => e.blueprint.adminAccess.clientVpn.enabled),
      [false, true, true],
    );
    assert.equal(environmentsOf(validateBlueprint({}, 'bp.yaml')), undefined);
  });

  it('gives staging production controls at smaller sizes', () => {
    const staging = environmentsOf(validateBlueprint(THREE, 'bp.yaml'))![1]!.blueprint;
    const production = environmentsOf(validateBlueprint(THREE, 'bp.yaml'))![2]!.blueprint;
    assert.equal(staging.network.flowLogs.retentionDays, production.network.flowLogs.retentionDays);
    assert.equal(
      staging.detection.cloudTrail.logRetentionDays,
      production.detection.cloudTrail.logRetentionDays,
    );
    assert.equal(staging.edge.deletionProtection, true);
    assert.deepEqual(
      staging.cluster.nodeGroups.map((g) => g.instanceTypes[0]),
      ['m7i.large', 'r7i.large'],
    );
    assert.equal(staging.weaviate.storageGiB, 50);
  });

  it('refuses a connection to an undeclared environment, naming it', () => {
    const input = structuredClone(THREE);
    (input.environments.staging as Record<string, unknown>).connectedTo = ['qa'];
    assert.deepEqual(inputErrorsOf(input), [
      'bp.yaml: environments.staging.connectedTo: expected a declared environment (dev, staging, prod), got qa',
    ]);
  });

  it('refuses a name that does not fit with the environment, and an explicit bucket name', () => {
    const input = {
      ...structuredClone(THREE),
      name: 'a-rather-long-name-here',
      backup: { bucketName: 'my-bucket' },
    };
    const errors = inputErrorsOf(input);
    assert.ok(
      errors.some((e) =>
        /^bp\.yaml: environments: expected a-rather-long-name-here-dev .* at most 24 characters/.test(e),
      ),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) =>
        /^bp\.yaml: backup\.bucketName: expected no explicit bucket name with environments/.test(e),
      ),
      errors.join('\n'),
    );
  });

  it("names the environment whose own preset's rules the shared settings break", () => {
    const input = { ...structuredClone(THREE), weaviate: { replicas: 1, replicationFactor: 1 } };
    assert.deepEqual(
      inputErrorsOf(input).filter((e) => e.includes('replicas')),
      [
        'bp.yaml: weaviate.replicas: in environment staging: expected at least 3 replicas in staging (a quorum that survives losing a node or a zone), got 1',
      ],
    );
  });

  it('refuses an environment without an account or range, and a name that is not short', () => {
    const errors = inputErrorsOf({ environments: { Production: { preset: 'production' } } });
    assert.ok(
      errors.some((e) => e.includes('environments')),
      errors.join('\n'),
    );
  });
});
