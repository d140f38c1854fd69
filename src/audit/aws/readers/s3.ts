/**
 * Buckets: encryption, versioning, Block Public Access, logging, object ownership and the bucket policy. A
 * setting the API reports as not configured is stated as off (a live bucket without a Block Public Access
 * configuration blocks nothing), one it did not answer is unknown.
 */
import {
  GetBucketEncryptionCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { SymbolicValue } from '../../../inventory/values.js';
import { OPS } from '../operations.js';
import type { AwsSession, CallRecord } from '../session.js';
import {
  defined,
  emptyOutput,
  parsePolicy,
  undetermined,
  type LiveResource,
  type ReaderOutput,
} from '../live.js';

export async function readBuckets(session: AwsSession, names: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  const client = await session.client<S3Client>('s3');
  await Promise.all(
    names.map(async (name) => output.resources.push(...(await readBucket(session, client, name)))),
  );
  return output;
}

async function readBucket(session: AwsSession, client: S3Client, Bucket: string): Promise<LiveResource[]> {
  const calls: CallRecord[] = [];
  const subject = Bucket;
  const [encryption, versioning, block, logging, ownership, policy] = await Promise.all([
    session.call(OPS.getBucketEncryption, () => client.send(new GetBucketEncryptionCommand({ Bucket })), {
      subject,
      absent: ['ServerSideEncryptionConfigurationNotFoundError'],
    }),
    session.call(OPS.getBucketVersioning, () => client.send(new GetBucketVersioningCommand({ Bucket })), {
      subject,
    }),
    session.call(OPS.getPublicAccessBlock, () => client.send(new GetPublicAccessBlockCommand({ Bucket })), {
      subject,
      absent: ['NoSuchPublicAccessBlockConfiguration'],
    }),
    session.call(OPS.getBucketLogging, () => client.send(new GetBucketLoggingCommand({ Bucket })), {
      subject,
    }),
    session.call(
      OPS.getBucketOwnershipControls,
      () => client.send(new GetBucketOwnershipControlsCommand({ Bucket })),
      {
        subject,
        absent: ['OwnershipControlsNotFoundError'],
      },
    ),
    session.call(OPS.getBucketPolicy, () => client.send(new GetBucketPolicyCommand({ Bucket })), {
      subject,
      absent: ['NoSuchBucketPolicy'],
    }),
  ]);
  calls.push(
    encryption.record,
    versioning.record,
    block.record,
    logging.record,
    ownership.record,
    policy.record,
  );

  const properties: Record<string, SymbolicValue> = { BucketName: Bucket };
  if (!encryption.ok) properties.BucketEncryption = undetermined(encryption.failure);
  else if (encryption.value?.ServerSideEncryptionConfiguration?.Rules?.length)
    properties.BucketEncryption = {
      ServerSideEncryptionConfiguration: encryption.value.ServerSideEncryptionConfiguration.Rules.map((r) =>
        defined({
          ServerSideEncryptionByDefault: r.ApplyServerSideEncryptionByDefault
            ? defined({
                SSEAlgorithm: r.ApplyServerSideEncryptionByDefault.SSEAlgorithm,
                KMSMasterKeyID: r.ApplyServerSideEncryptionByDefault.KMSMasterKeyID,
              })
            : undefined,
          BucketKeyEnabled: r.BucketKeyEnabled,
        }),
      ),
    };
  if (!versioning.ok) properties.VersioningConfiguration = undetermined(versioning.failure);
  else if (versioning.value?.Status) properties.VersioningConfiguration = { Status: versioning.value.Status };
  if (!block.ok) properties.PublicAccessBlockConfiguration = undetermined(block.failure);
  else {
    const c = block.value?.PublicAccessBlockConfiguration;
    properties.PublicAccessBlockConfiguration = {
      BlockPublicAcls: c?.BlockPublicAcls ?? false,
      BlockPublicPolicy: c?.BlockPublicPolicy ?? false,
      IgnorePublicAcls: c?.IgnorePublicAcls ?? false,
      RestrictPublicBuckets: c?.RestrictPublicBuckets ?? false,
    };
  }
  if (!logging.ok) properties.LoggingConfiguration = undetermined(logging.failure);
  else if (logging.value?.LoggingEnabled)
    properties.LoggingConfiguration = defined({
      DestinationBucketName: logging.value.LoggingEnabled.TargetBucket,
      LogFilePrefix: logging.value.LoggingEnabled.TargetPrefix,
    });
  if (!ownership.ok) properties.OwnershipControls = undetermined(ownership.failure);
  else if (ownership.value?.OwnershipControls?.Rules?.length)
    properties.OwnershipControls = {
      Rules: ownership.value.OwnershipControls.Rules.map((r) =>
        defined({ ObjectOwnership: r.ObjectOwnership }),
      ),
    };

  const out: LiveResource[] = [
    { type: 'AWS::S3::Bucket', physicalId: Bucket, arn: `arn:aws:s3:::${Bucket}`, properties, calls },
  ];
  if (!policy.ok || policy.value?.Policy !== undefined)
    out.push({
      type: 'AWS::S3::BucketPolicy',
      physicalId: `${Bucket}|policy`,
      partOf: { physicalId: Bucket, name: 'Policy' },
      properties: {
        Bucket,
        PolicyDocument: policy.ok ? parsePolicy(policy.value!.Policy)! : undetermined(policy.failure),
      },
      calls: [policy.record],
    });
  return out;
}
