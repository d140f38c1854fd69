/**
 * The cross-environment controls on small environments built in memory: for each, an input that passes, one that
 * fails and one the templates leave undetermined (unknown, never pass), with the message asserted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ENVIRONMENT_CONTROLS,
  evaluateEnvironmentControls,
  type EnvironmentUnderCheck,
} from '../../src/controls/environments/index.js';
import { FRAMEWORKS, requirementIds } from '../../src/frameworks/index.js';
import type { FrameworkKey } from '../../src/findings/index.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';

interface EnvSpec {
  readonly preset: string;
  readonly account?: string;
  readonly region?: string;
  readonly connectedTo?: readonly string[];
  readonly resources: Record<string, unknown>;
}

function environments(specs: Record<string, EnvSpec>): EnvironmentUnderCheck[] {
  return Object.entries(specs).map(([name, spec]) => ({
    name,
    preset: spec.preset,
    ...(spec.account ? { account: spec.account } : {}),
    region: spec.region ?? 'us-east-1',
    connectedTo: spec.connectedTo ?? [],
    inventory: inventoryFromObjects({ templates: { [`app-${name}`]: { Resources: spec.resources } } }),
  }));
}

function run(id: string, envs: EnvironmentUnderCheck[]) {
  const control = ENVIRONMENT_CONTROLS.find((c) => c.id === id)!;
  const findings = evaluateEnvironmentControls(envs, [control]);
  assert.ok(findings.length > 0, `${id} gave no finding`);
  return findings.map((f) => ({ status: f.status, id: f.resource.id, message: f.message }));
}

const vpc = (cidr: unknown) => ({ Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: cidr } } });

describe('VF-ENV-001 connected environments do not overlap', () => {
  it('passes disjoint ranges, fails overlapping ones, and is unknown for a range the template leaves open', () => {
    const pass = run(
      'VF-ENV-001',
      environments({
        dev: { preset: 'development', connectedTo: ['staging'], resources: vpc('10.10.0.0/16') },
        staging: { preset: 'staging', resources: vpc('10.20.0.0/16') },
        prod: { preset: 'production', resources: vpc('10.10.0.0/16') },
      }),
    );
    assert.deepEqual(
      pass.map((f) => [f.status, f.id]),
      [
        ['pass', 'app-dev/Vpc'],
        ['pass', 'app-staging/Vpc'],
      ],
    );
    assert.match(
      pass[0]!.message,
      /dev's VPC range 10\.10\.0\.0\/16 is disjoint from its connected environments \(staging\)/,
    );

    const fail = run(
      'VF-ENV-001',
      environments({
        dev: { preset: 'development', connectedTo: ['prod'], resources: vpc('10.10.0.0/16') },
        prod: { preset: 'production', resources: vpc('10.10.128.0/17') },
      }),
    );
    assert.deepEqual(
      fail.map((f) => f.status),
      ['fail', 'fail'],
    );
    assert.match(
      fail[0]!.message,
      /dev's VPC range 10\.10\.0\.0\/16 overlaps the connected environment prod \(app-prod\/Vpc, 10\.10\.128\.0\/17\)/,
    );

    const unknown = run(
      'VF-ENV-001',
      environments({
        dev: { preset: 'development', connectedTo: ['prod'], resources: vpc('10.10.0.0/16') },
        prod: { preset: 'production', resources: vpc({ Ref: 'VpcCidr' }) },
      }),
    );
    assert.deepEqual(
      unknown.map((f) => f.status),
      ['unknown', 'unknown'],
    );
  });
});

describe('VF-ENV-002 production has its own account', () => {
  it('passes an account of its own, fails a shared one, and is unknown when an account is not stated', () => {
    const specs = (devAccount?: string) =>
      environments({
        dev: {
          preset: 'development',
          ...(devAccount ? { account: devAccount } : {}),
          resources: vpc('10.1.0.0/16'),
        },
        prod: { preset: 'production', account: '444444444444', resources: vpc('10.2.0.0/16') },
      });
    assert.deepEqual(run('VF-ENV-002', specs('222222222222')), [
      { status: 'pass', id: 'prod (app-prod)', message: 'prod is alone in account 444444444444' },
    ]);
    assert.deepEqual(run('VF-ENV-002', specs('444444444444')), [
      { status: 'fail', id: 'prod (app-prod)', message: 'prod shares account 444444444444 with dev' },
    ]);
    assert.deepEqual(run('VF-ENV-002', specs(undefined)), [
      {
        status: 'unknown',
        id: 'prod (app-prod)',
        message: 'the accounts of dev are not stated by their stacks',
      },
    ]);
  });
});

describe('VF-ENV-003 no other environment references production keys or buckets', () => {
  const prod: EnvSpec = {
    preset: 'production',
    account: '444444444444',
    resources: {
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'prod-backups' } },
      Alias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/prod-data', TargetKeyId: 'k' } },
    },
  };
  it('passes an environment that names only its own', () => {
    const found = run(
      'VF-ENV-003',
      environments({
        dev: {
          preset: 'development',
          account: '222222222222',
          resources: { B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'dev-backups' } } },
        },
        prod,
      }),
    );
    assert.deepEqual(found, [
      {
        status: 'pass',
        id: 'dev (app-dev)',
        message: "dev names none of production's buckets, key aliases or key ARNs",
      },
    ]);
  });
  it("fails an environment that names production's bucket or key", () => {
    const found = run(
      'VF-ENV-003',
      environments({
        dev: {
          preset: 'development',
          account: '222222222222',
          resources: {
            Policy: {
              Type: 'AWS::IAM::Policy',
              Properties: {
                PolicyDocument: {
                  Statement: [
                    { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-backups/*' },
                    {
                      Effect: 'Allow',
                      Action: 'kms:Decrypt',
                      Resource: 'arn:aws:kms:us-east-1:444444444444:key/abc',
                    },
                  ],
                },
              },
            },
          },
        },
        prod,
      }),
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.status, 'fail');
    assert.match(
      found[0]!.message,
      /app-dev\/Policy names a KMS key of account 444444444444; app-dev\/Policy names bucket prod-backups \(app-prod\/Bucket\)/,
    );
  });
  it('is unknown when the accounts are not stated', () => {
    const found = run('VF-ENV-003', environments({ dev: { preset: 'development', resources: {} }, prod }));
    assert.equal(found[0]!.status, 'unknown');
  });
});

describe('VF-ENV-004 production is no weaker than staging', () => {
  const logs = (days: unknown) => ({
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: days } },
  });
  it('passes equal settings, fails shorter retention in production, and is unknown for a retention left open', () => {
    const specs = (prodDays: unknown) =>
      environments({
        staging: { preset: 'staging', resources: logs(365) },
        prod: { preset: 'production', resources: logs(prodDays) },
      });
    const pass = run('VF-ENV-004', specs(365));
    assert.deepEqual(
      pass.map((f) => f.status),
      ['pass'],
    );
    assert.match(pass[0]!.message, /prod is at least as strong as staging on 7 settings/);
    const fail = run('VF-ENV-004', specs(30));
    assert.deepEqual(
      fail.map((f) => f.status),
      ['fail'],
    );
    assert.match(fail[0]!.message, /shortest log retention in days .*: 30 in prod, 365 in staging/);
    assert.deepEqual(
      run('VF-ENV-004', specs({ Ref: 'Days' })).map((f) => f.status),
      ['unknown'],
    );
  });
  it('says nothing when there is no staging environment', () => {
    const control = ENVIRONMENT_CONTROLS.find((c) => c.id === 'VF-ENV-004')!;
    assert.deepEqual(
      control.check(environments({ prod: { preset: 'production', resources: logs(30) } })),
      [],
    );
  });
});

describe('the cross-environment controls', () => {
  it('map to requirements the framework catalogs define', () => {
    assert.equal(ENVIRONMENT_CONTROLS.length, 4);
    for (const c of ENVIRONMENT_CONTROLS)
      for (const [key, values] of Object.entries(c.frameworks)) {
        const known = new Set(FRAMEWORKS[key as FrameworkKey].requirements.map((r) => r.id));
        for (const id of requirementIds(key as FrameworkKey, values ?? []))
          assert.ok(known.has(id), `${c.id}: ${key} has no requirement ${id}`);
      }
  });
});
