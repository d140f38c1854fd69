/**
 * The audit log archive: one bucket for CloudTrail log files and AWS Config snapshots and history.
 *
 * SSE-KMS with the logs key (CloudTrail additionally encrypts each log file with the same key), Block Public
 * Access, no ACLs, TLS 1.2+, versioning, server access logs to the stack's log bucket, expiry after the audit
 * retention. The delivery services get exactly the statements they document: bucket ACL read and object writes
 * under their own prefix, for this account only (`aws:SourceAccount`).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag.js';

/** Key prefix of AWS Config deliveries. */
export const CONFIG_PREFIX = 'config';

export interface AuditBucketProps {
  readonly key: kms.IKey;
  readonly serverAccessLogBucket: s3.IBucket;
  readonly retention: Duration;
}

export class AuditBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AuditBucketProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.serverAccessLogBucket,
      serverAccessLogsPrefix: 'audit-logs/',
      lifecycleRules: [
        {
          id: 'expire-audit-logs',
          expiration: props.retention,
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeNag(
      this.bucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'Cross-region replication of the audit archive needs a bucket in a second region that this single-region stack does not own; log file validation and versioning protect integrity here.',
    );
    const config = new iam.ServicePrincipal('config.amazonaws.com');
    const sameAccount = { StringEquals: { 'aws:SourceAccount': stack.account } };
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigBucketCheck',
        principals: [config],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: sameAccount,
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigDelivery',
        principals: [config],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${CONFIG_PREFIX}/AWSLogs/${stack.account}/Config/*`)],
        conditions: { ...sameAccount, StringEqualsIfExists: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }),
    );
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigDelivery',
        principals: [config],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: sameAccount,
      }),
    );
  }
}
