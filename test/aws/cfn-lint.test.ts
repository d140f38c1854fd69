import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { synth } from './synth-helper.js';

/**
 * Warnings accepted in our templates, each with the reason. Everything else (and every error) fails.
 */
const ACCEPTED_WARNINGS: Record<string, string> = {
  W3010:
    'Availability zones are written explicitly: synthesis never looks them up, and the subnet plan the NetworkPolicies use names them.',
  W3005:
    'CDK adds DependsOn entries that a Ref or GetAtt already implies (Lambda roles, the cluster on its subnets); harmless duplicates.',
};

const VARIANTS: Record<string, Record<string, unknown>> = {
  default: {},
  development: { preset: 'development' },
  weakened: {
    network: { allowDataTierInternetEgress: true },
    images: { source: 'public' },
    cluster: {
      allowPublicEndpoint: true,
      publicAccessCidrs: ['203.0.113.0/24'],
      allowPodInstanceMetadata: true,
    },
    backup: { objectLock: { enabled: true }, replicaObjectLock: { enabled: true } },
    exposure: 'alb',
    edge: {
      domainName: 'weaviate.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x',
    },
  },
  enclave: {
    preset: 'enclave',
    mesh: { chartRepository: 'oci://111111111111.dkr.ecr.us-east-1.amazonaws.com/mirror/charts' },
    enclave: {
      controlPlane: { hostnames: ['cp.vendor.example'], ipv6Cidrs: ['3ffe:1000::/48'] },
      operator: {
        vendorAccount: '222222222222',
        externalId: 'tenant-a-7f3c',
        grants: [
          {
            principalArn: 'arn:aws:iam::222222222222:role/oncall',
            until: '2099-01-31T18:00:00Z',
            reason: 'incident INC-1234',
          },
        ],
      },
    },
  },
};

describe('cfn-lint', () => {
  // Every stack of each variant: the main stack and its companions (the backup replica's).
  const files = Object.fromEntries(
    Object.entries(VARIANTS).flatMap(([name, input]) =>
      synth(input).result.stacks.map((s) => [`${name}/${s.name}`, s.templateFile]),
    ),
  );
  // One cfn-lint process for all templates (it takes a few seconds to start).
  const run = spawnSync('cfn-lint', ['--format', 'parseable', ...Object.values(files)], { encoding: 'utf8' });

  it('runs', () => {
    assert.equal(run.error, undefined, 'cfn-lint is on PATH');
  });

  it('reports no errors (exit code bit 2 unset)', () => {
    assert.equal((run.status ?? 0) & 2, 0, run.stdout);
    assert.ok(!/:E\d{4}:/.test(run.stdout), run.stdout);
  });

  it('reports only the accepted warnings', () => {
    const codes = new Set(
      run.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => /:([EWI]\d{4}):/.exec(line)?.[1] ?? line),
    );
    for (const code of codes) assert.ok(code in ACCEPTED_WARNINGS, `unexpected cfn-lint finding ${code}`);
    for (const reason of Object.values(ACCEPTED_WARNINGS)) assert.ok(reason.length >= 10);
  });
});
