/**
 * The settings every data bucket of ours shares: its own KMS key with bucket keys, all public access blocked,
 * ACLs disabled, TLS 1.2 only, versioned, server access logs (under the bucket's name), and Object Lock when asked.
 */
import type { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';

export interface HardenedBucketOptions {
  /** @default - a name CloudFormation generates */
  readonly bucketName?: string;
  /** Key prefix of the bucket's server access logs. @default - `<bucketName>/` */
  readonly accessLogPrefix?: string;
  readonly key: kms.IKey;
  readonly accessLogBucket: s3.IBucket;
  /** Object Lock's default retention. @default - no Object Lock */
  readonly objectLock?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly retention: Duration };
}

export function hardenedBucketProps(o: HardenedBucketOptions): s3.BucketProps {
  return {
    bucketName: o.bucketName,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: o.key,
    bucketKeyEnabled: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    serverAccessLogsBucket: o.accessLogBucket,
    serverAccessLogsPrefix: o.accessLogPrefix ?? `${o.bucketName}/`,
    objectLockEnabled: o.objectLock ? true : undefined,
    objectLockDefaultRetention: o.objectLock
      ? o.objectLock.mode === 'COMPLIANCE'
        ? s3.ObjectLockRetention.compliance(o.objectLock.retention)
        : s3.ObjectLockRetention.governance(o.objectLock.retention)
      : undefined,
  };
}
