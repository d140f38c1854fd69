/**
 * Secrets Manager secrets (encryption key, rotation; a RotationSchedule is read as a part of its secret, since
 * the secret's description states the rotation) and DynamoDB tables (encryption, point-in-time recovery,
 * deletion protection).
 */
import { DescribeSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { OPS } from '../operations.js';
import type { AwsSession } from '../session.js';
import {
  defined,
  emptyOutput,
  tagList,
  undetermined,
  type LiveResource,
  type ReaderOutput,
} from '../live.js';
import { merge, readEach } from './each.js';

export const DATA_STORE_TYPES = ['AWS::SecretsManager::Secret', 'AWS::DynamoDB::Table'] as const;
export const DATA_STORE_PART_TYPES = ['AWS::SecretsManager::RotationSchedule'] as const;

export async function readDataStores(
  session: AwsSession,
  ids: (type: string) => readonly string[],
): Promise<ReaderOutput> {
  return merge(
    await Promise.all([
      readSecrets(session, ids('AWS::SecretsManager::Secret')),
      readTables(session, ids('AWS::DynamoDB::Table')),
    ]),
  );
}

async function readSecrets(session: AwsSession, arns: readonly string[]): Promise<ReaderOutput> {
  if (arns.length === 0) return emptyOutput();
  const client = await session.client<SecretsManagerClient>('secretsmanager');
  return readEach('AWS::SecretsManager::Secret', arns, async (SecretId) => {
    const got = await session.call(
      OPS.describeSecret,
      () => client.send(new DescribeSecretCommand({ SecretId })),
      {
        subject: SecretId,
        absent: ['ResourceNotFoundException'],
      },
    );
    if (!got.ok) return { failed: got };
    const s = got.value;
    if (!s?.ARN || s.DeletedDate) return undefined;
    const out: LiveResource[] = [
      {
        type: 'AWS::SecretsManager::Secret',
        physicalId: SecretId,
        ...(s.ARN !== SecretId ? { arn: s.ARN } : {}),
        properties: defined({
          Name: s.Name,
          Description: s.Description,
          KmsKeyId: s.KmsKeyId,
          ReplicaRegions: s.ReplicationStatus?.map((r) =>
            defined({ Region: r.Region, KmsKeyId: r.KmsKeyId }),
          ),
          Tags: tagList(s.Tags),
        }),
        calls: [got.record],
      },
    ];
    // A secret never rotated has no RotationEnabled at all: that is rotation off, as stated.
    if (s.RotationEnabled)
      out.push({
        type: 'AWS::SecretsManager::RotationSchedule',
        physicalId: `${SecretId}|rotation`,
        partOf: { physicalId: SecretId, name: 'RotationSchedule' },
        properties: defined({
          SecretId,
          RotationLambdaARN: s.RotationLambdaARN,
          RotationRules: s.RotationRules
            ? defined({
                AutomaticallyAfterDays: s.RotationRules.AutomaticallyAfterDays,
                ScheduleExpression: s.RotationRules.ScheduleExpression,
                Duration: s.RotationRules.Duration,
              })
            : undefined,
        }),
        calls: [got.record],
      });
    return out;
  });
}

async function readTables(session: AwsSession, names: readonly string[]): Promise<ReaderOutput> {
  if (names.length === 0) return emptyOutput();
  const client = await session.client<DynamoDBClient>('dynamodb');
  return readEach('AWS::DynamoDB::Table', names, async (TableName) => {
    const got = await session.call(
      OPS.describeTable,
      () => client.send(new DescribeTableCommand({ TableName })),
      {
        subject: TableName,
        absent: ['ResourceNotFoundException'],
      },
    );
    if (!got.ok) return { failed: got };
    const t = got.value?.Table;
    if (!t?.TableName) return undefined;
    const backups = await session.call(
      OPS.describeContinuousBackups,
      () => client.send(new DescribeContinuousBackupsCommand({ TableName })),
      { subject: TableName },
    );
    const sse = t.SSEDescription;
    return [
      {
        type: 'AWS::DynamoDB::Table',
        physicalId: TableName,
        ...(t.TableArn ? { arn: t.TableArn } : {}),
        properties: defined({
          TableName: t.TableName,
          BillingMode: t.BillingModeSummary?.BillingMode,
          DeletionProtectionEnabled: t.DeletionProtectionEnabled,
          // No SSE description is the AWS-owned key: encrypted, but not with a key the account controls.
          SSESpecification:
            sse && sse.Status !== 'DISABLED' && sse.Status !== 'DISABLING'
              ? defined({
                  SSEEnabled: true,
                  SSEType: sse.SSEType,
                  KMSMasterKeyId: sse.KMSMasterKeyArn,
                })
              : { SSEEnabled: false },
          PointInTimeRecoverySpecification: backups.ok
            ? {
                PointInTimeRecoveryEnabled:
                  backups.value?.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
                    ?.PointInTimeRecoveryStatus === 'ENABLED',
              }
            : undetermined(backups.failure),
        }),
        calls: [got.record, backups.record],
      },
    ];
  });
}
