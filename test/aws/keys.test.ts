import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEY_PURPOSES } from '../../src/flows/index.js';
import { KEY_ADMIN_ACTIONS } from '../../src/aws/keys.js';
import { resourcesOf, synth, type CfnTemplate } from './synth-helper.js';

const { json, template } = synth();

interface Statement {
  Sid?: string;
  Effect: string;
  Principal: unknown;
  Action: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

function keyByAlias(t: CfnTemplate, alias: string) {
  const [, aliasResource] = resourcesOf(t, 'AWS::KMS::Alias').find(
    ([, r]) => r.Properties!.AliasName === alias,
  )!;
  const keyId = (aliasResource.Properties!.TargetKeyId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
  return t.Resources[keyId]!;
}

function statements(t: CfnTemplate, alias: string): Statement[] {
  return (keyByAlias(t, alias).Properties!.KeyPolicy as { Statement: Statement[] }).Statement;
}

const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const CRYPTO = /^kms:(Encrypt|Decrypt|ReEncrypt|GenerateDataKey)/;

const ACCOUNT = { AWS: 'arn:aws:iam::111111111111:root' };
const ENCRYPT_DECRYPT = [
  'kms:CreateGrant',
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey*',
  'kms:ReEncrypt*',
];

/**
 * The only account-principal statements with cryptographic use, alerting key only: each one through a single AWS
 * service of this account (and the webhook one for the two webhook secrets only), so what IAM grants inside the
 * account can use the key for the alerting resources and nothing else.
 */
const ALERTING_ACCOUNT_USES: Record<string, Pick<Statement, 'Action' | 'Condition'>> = {
  DynamoDbTablesOfThisAccount: {
    Action: ENCRYPT_DECRYPT,
    Condition: {
      StringEquals: {
        'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com',
        'kms:CallerAccount': '111111111111',
      },
    },
  },
  WebhookSecretsThroughSecretsManager: {
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Condition: {
      StringEquals: {
        'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com',
        'kms:CallerAccount': '111111111111',
      },
      StringLike: {
        'kms:EncryptionContext:SecretARN': [
          'arn:aws:secretsmanager:us-east-1:111111111111:secret:weaviate/alerts/chat-webhook-??????',
          'arn:aws:secretsmanager:us-east-1:111111111111:secret:weaviate/alerts/paging-webhook-??????',
        ],
      },
    },
  },
  LambdaEnvironmentEncryption: {
    Action: ['kms:CreateGrant', 'kms:DescribeKey', 'kms:Encrypt'],
    Condition: {
      StringEquals: {
        'kms:ViaService': 'lambda.us-east-1.amazonaws.com',
        'kms:CallerAccount': '111111111111',
      },
    },
  },
};

/** The eks-secrets key's one account-principal use: Weaviate's secrets (created, rotated) through Secrets Manager. */
const SECRETS_ACCOUNT_USES: Record<string, Pick<Statement, 'Action' | 'Condition'>> = {
  WeaviateSecretsThroughSecretsManager: {
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Condition: {
      StringEquals: {
        'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com',
        'kms:CallerAccount': '111111111111',
      },
      StringLike: {
        'kms:EncryptionContext:SecretARN': [
          'arn:aws:secretsmanager:us-east-1:111111111111:secret:weaviate/weaviate/api-keys-??????',
          'arn:aws:secretsmanager:us-east-1:111111111111:secret:weaviate/weaviate/api-keys/admin-??????',
          'arn:aws:secretsmanager:us-east-1:111111111111:secret:weaviate/weaviate/cluster-auth-??????',
        ],
      },
    },
  },
  BackupApiKeyThroughSecretsManager: {
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Condition: {
      StringEquals: {
        'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com',
        'kms:CallerAccount': '111111111111',
      },
      StringLike: {
        'kms:EncryptionContext:SecretARN': [
          'arn:aws:secretsmanager:us-east-1:111111111111:secret:weaviate/weaviate/backup-api-key-??????',
        ],
      },
    },
  },
};

const ACCOUNT_USES: Partial<Record<string, Record<string, Pick<Statement, 'Action' | 'Condition'>>>> = {
  alerting: ALERTING_ACCOUNT_USES,
  'eks-secrets': SECRETS_ACCOUNT_USES,
};

describe('keys', () => {
  it('creates one customer-managed key per purpose with the alias alias/<name>/<purpose>', () => {
    template.resourceCountIs('AWS::KMS::Key', KEY_PURPOSES.length);
    const aliases = resourcesOf(json, 'AWS::KMS::Alias')
      .map(([, r]) => r.Properties!.AliasName)
      .sort();
    assert.deepEqual(aliases, KEY_PURPOSES.map((p) => `alias/weaviate/${p}`).sort());
  });

  it('rotates every key, every 365 days, with a 30-day deletion window, and retains it', () => {
    for (const [id, key] of resourcesOf(json, 'AWS::KMS::Key')) {
      assert.equal(key.Properties!.EnableKeyRotation, true, id);
      assert.equal(key.Properties!.RotationPeriodInDays, 365, id);
      assert.equal(key.Properties!.PendingWindowInDays, 30, id);
      assert.equal((key as { DeletionPolicy?: string }).DeletionPolicy, 'Retain', id);
    }
  });

  it('follows keys.rotationPeriodDays and keys.deletionWindowDays', () => {
    const custom = synth({ keys: { rotationPeriodDays: 90, deletionWindowDays: 7 } });
    for (const [, key] of resourcesOf(custom.json, 'AWS::KMS::Key')) {
      assert.equal(key.Properties!.RotationPeriodInDays, 90);
      assert.equal(key.Properties!.PendingWindowInDays, 7);
    }
  });

  it('keeps administration with the account principal (lockout-safe) but gives it no cryptographic use', () => {
    for (const purpose of KEY_PURPOSES) {
      const account = statements(json, `alias/weaviate/${purpose}`).filter(
        (s) => JSON.stringify(s.Principal) === JSON.stringify(ACCOUNT),
      );
      const uses = Object.keys(ACCOUNT_USES[purpose] ?? {});
      assert.deepEqual(
        account.map((s) => s.Sid ?? '(statement without Sid)').sort(),
        ['AccountAdministration', 'AccountGrantsForAwsServices', ...uses].sort(),
        purpose,
      );
      assert.deepEqual(
        account.slice(0, 2).map((s) => s.Sid),
        ['AccountAdministration', 'AccountGrantsForAwsServices'],
        purpose,
      );
      assert.deepEqual(actions(account[0]!).sort(), [...KEY_ADMIN_ACTIONS].sort());
      assert.ok(actions(account[0]!).includes('kms:Put*'), 'the account can always repair the key policy');
      assert.ok(
        !actions(account[0]!).some((a) => CRYPTO.test(a) || a === 'kms:*' || a === 'kms:CreateGrant'),
      );
      assert.deepEqual(account[1]!.Condition, { Bool: { 'kms:GrantIsForAWSResource': 'true' } });
    }
  });

  it('lets the account use the alerting key only through DynamoDB, Lambda and the two webhook secrets', () => {
    const account = statements(json, 'alias/weaviate/alerting').filter(
      (s) =>
        JSON.stringify(s.Principal) === JSON.stringify(ACCOUNT) && actions(s).some((a) => CRYPTO.test(a)),
    );
    assert.deepEqual(
      account.map((s) => s.Sid ?? '(statement without Sid)').sort(),
      Object.keys(ALERTING_ACCOUNT_USES).sort(),
    );
    for (const s of account) {
      const expected = ALERTING_ACCOUNT_USES[s.Sid!]!;
      assert.deepEqual(actions(s).sort(), [expected.Action].flat().sort(), s.Sid);
      assert.deepEqual(s.Condition, expected.Condition, s.Sid);
    }
  });

  it('lets CloudWatch Logs use the logs key only for the named log groups', () => {
    const logs = statements(json, 'alias/weaviate/logs').filter(
      (s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'logs.us-east-1.amazonaws.com' }),
    );
    const groups = logs.map((s) => s.Condition!.ArnEquals!['kms:EncryptionContext:aws:logs:arn']).sort();
    assert.deepEqual(groups, [
      'arn:aws:logs:us-east-1:111111111111:log-group:/aws/eks/weaviate/cluster',
      'arn:aws:logs:us-east-1:111111111111:log-group:/vectorfort/weaviate/api-key-rotation',
      'arn:aws:logs:us-east-1:111111111111:log-group:/vectorfort/weaviate/client-vpn',
      'arn:aws:logs:us-east-1:111111111111:log-group:/vectorfort/weaviate/cloudtrail',
      'arn:aws:logs:us-east-1:111111111111:log-group:/vectorfort/weaviate/containers',
      'arn:aws:logs:us-east-1:111111111111:log-group:/vectorfort/weaviate/deploy-helpers',
      // Every GuardDuty finding, for Grafana's security-signals dashboard.
      'arn:aws:logs:us-east-1:111111111111:log-group:/vectorfort/weaviate/guardduty-findings',
      'arn:aws:logs:us-east-1:111111111111:log-group:/vectorfort/weaviate/kubectl-handler',
      'arn:aws:logs:us-east-1:111111111111:log-group:/vectorfort/weaviate/nodes',
      'arn:aws:logs:us-east-1:111111111111:log-group:/vectorfort/weaviate/notifier',
      'arn:aws:logs:us-east-1:111111111111:log-group:/vectorfort/weaviate/vpc-flow-logs',
      'arn:aws:logs:us-east-1:111111111111:log-group:/vectorfort/weaviate/weaviate',
    ]);
  });

  it("lets the EKS cluster role, and Weaviate's role through Secrets Manager, and nothing else use the secrets key", () => {
    const users = statements(json, 'alias/weaviate/eks-secrets').filter((s) =>
      actions(s).some((a) => CRYPTO.test(a)),
    );
    assert.deepEqual(
      users.map((s) => s.Sid ?? '(statement without Sid)'),
      [
        'EksClusterRole',
        'WeaviateSecretsThroughSecretsManager',
        'WeaviateReadsItsSecrets',
        'BackupApiKeyThroughSecretsManager',
      ],
    );
    const backupKeyCreation = users.splice(3, 1)[0]!;
    assert.deepEqual(
      { Action: actions(backupKeyCreation), Condition: backupKeyCreation.Condition },
      SECRETS_ACCOUNT_USES.BackupApiKeyThroughSecretsManager,
    );
    const creation = users.splice(1, 1)[0]!;
    assert.deepEqual(
      { Action: actions(creation), Condition: creation.Condition },
      SECRETS_ACCOUNT_USES.WeaviateSecretsThroughSecretsManager,
    );
    assert.deepEqual(users[0]!.Principal, { AWS: { 'Fn::GetAtt': ['EksClusterRoleD18DF32F', 'Arn'] } });
    assert.deepEqual(users[1]!.Principal, {
      AWS: { 'Fn::GetAtt': ['BackupsWeaviateBackupRoleDD743DC3', 'Arn'] },
    });
    assert.deepEqual(actions(users[1]!), ['kms:Decrypt']);
    assert.deepEqual(users[1]!.Condition, {
      StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' },
    });
  });

  it('lets only EC2 on behalf of the EBS CSI driver and the Auto Scaling service-linked role use the EBS key', () => {
    const users = statements(json, 'alias/weaviate/ebs').filter((s) =>
      actions(s).some((a) => CRYPTO.test(a)),
    );
    assert.deepEqual(
      users.map((s) => s.Sid),
      ['EbsCsiDriverVolumes', 'AutoScalingVolumes'],
    );
    assert.deepEqual(users[0]!.Condition, {
      StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' },
    });
    assert.deepEqual(users[1]!.Condition, {
      StringEquals: {
        'aws:PrincipalArn':
          'arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
        'kms:CallerAccount': '111111111111',
      },
    });
  });

  it("lets Weaviate's backup role, and the replication role to read, use the backup key only through S3", () => {
    const users = statements(json, 'alias/weaviate/backup').filter((s) =>
      actions(s).some((a) => CRYPTO.test(a)),
    );
    assert.deepEqual(
      users.map((s) => [s.Sid, actions(s)]),
      [
        ['WeaviateBackups', ['kms:Decrypt', 'kms:GenerateDataKey']],
        ['ReplicationRoleReadsBackups', ['kms:Decrypt']],
        // The restore drill writes its evidence; its scratch Weaviate reads the backups.
        ['RestoreDrillEvidence', ['kms:GenerateDataKey']],
        ['RestoreDrillScratchReads', ['kms:Decrypt']],
      ],
    );
    for (const u of [users[2]!, users[3]!])
      assert.deepEqual(u.Condition, { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } });
    assert.deepEqual(users[0]!.Condition, {
      StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
    });
    assert.deepEqual(users[1]!.Condition, {
      StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
      StringLike: {
        'kms:EncryptionContext:aws:s3:arn': [
          'arn:aws:s3:::weaviate-backups-111111111111-us-east-1',
          'arn:aws:s3:::weaviate-backups-111111111111-us-east-1/*',
        ],
      },
    });
  });

  it('lets EventBridge and CloudWatch alarms of this account publish with the alerting key', () => {
    const [publishers] = statements(json, 'alias/weaviate/alerting').filter(
      (s) => s.Sid === 'AlertPublishers',
    );
    assert.deepEqual(publishers!.Principal, {
      Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'],
    });
    assert.deepEqual(publishers!.Condition, { StringEquals: { 'aws:SourceAccount': '111111111111' } });
  });

  it('adds keys.administratorArns as named administrators beside the account principal', () => {
    const admins = synth({ keys: { administratorArns: ['arn:aws:iam::111111111111:role/key-admin'] } });
    for (const purpose of KEY_PURPOSES) {
      const named = statements(admins.json, `alias/weaviate/${purpose}`).find(
        (s) => s.Sid === 'NamedAdministrators',
      )!;
      assert.deepEqual(named.Principal, { AWS: 'arn:aws:iam::111111111111:role/key-admin' });
      assert.deepEqual(actions(named).sort(), [...KEY_ADMIN_ACTIONS].sort());
      assert.ok(
        statements(admins.json, `alias/weaviate/${purpose}`).some((s) => s.Sid === 'AccountAdministration'),
      );
    }
  });

  it('tags keys like every other resource', () => {
    const custom = synth({ tags: { team: 'search' } });
    for (const [, key] of resourcesOf(custom.json, 'AWS::KMS::Key'))
      assert.ok(
        (key.Properties!.Tags as { Key: string; Value: string }[]).some(
          (t) => t.Key === 'team' && t.Value === 'search',
        ),
      );
  });
});
