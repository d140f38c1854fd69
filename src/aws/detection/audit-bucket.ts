/**
 * The audit log archive: one bucket for CloudTrail log files and AWS Config snapshots and history.
 *
 * SSE-KMS with the logs key (CloudTrail additionally encrypts each log file with the same key), Block Public
 * Access, no ACLs, TLS 1.2+, versioning, server access logs to the stack's log bucket, expiry after the audit
 * retention. The delivery services get exactly the statements they document: bucket ACL read and object writes
 * under their own prefix, for this account only (`aws:SourceAccount`). With `pinnedTo`, every other principal
 * reaches the objects only through the VPC's S3 endpoint (or as the named break-glass role), like the backups:
 * leaked credentials cannot read or rewrite the audit trail from outside.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DATA_ACTIONS } from '../backup-bucket.js';
import { acknowledgeNag } from '../nag.js';
import { hardenedBucketProps } from '../private/hardened-bucket.js';

/** Key prefix of AWS Config deliveries. */
export const CONFIG_PREFIX = 'config';

export interface AuditBucketProps {
  readonly key: kms.IKey;
  readonly serverAccessLogBucket: s3.IBucket;
  readonly retention: Duration;
  /**
   * Object access for anyone but the AWS delivery services only through this S3 endpoint (or the break-glass
   * role); the endpoint's policy admits reading the archive.
   * @default - not pinned
   */
  readonly pinnedTo?: {
    readonly endpoint: ec2.InterfaceVpcEndpoint;
    /** @default - no break-glass role */
    readonly breakGlassRoleArn?: string;
  };
}

export class AuditBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AuditBucketProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...hardenedBucketProps({
        key: props.key,
        accessLogBucket: props.serverAccessLogBucket,
        accessLogPrefix: 'audit-logs/',
      }),
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
      // The app's second-region stack holds the backups' replica only: say so rather than claim there is none.
      'The audit archive holds CloudTrail log files and Config records, audit copies of events rather than backups of data; CloudTrail log file validation (signed digests) and versioning protect their integrity. Replicating them to a second region, as the backups are, is a follow-up.',
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
    if (props.pinnedTo) this.admitOnlyThroughVpcEndpoint(props.pinnedTo);
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

  private admitOnlyThroughVpcEndpoint(pin: NonNullable<AuditBucketProps['pinnedTo']>): void {
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyObjectAccessOutsideVpcEndpoint',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...DATA_ACTIONS],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        // CloudTrail and Config deliver from their own networks, as AWS services: exempt by that, not by name.
        conditions: {
          StringNotEquals: { 'aws:SourceVpce': pin.endpoint.vpcEndpointId },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
          ...(pin.breakGlassRoleArn ? { ArnNotEquals: { 'aws:PrincipalArn': pin.breakGlassRoleArn } } : {}),
        },
      }),
    );
    pin.endpoint.addToPolicy(
      new iam.PolicyStatement({
        sid: 'AuditLogsRead',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject', 's3:ListBucket'],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
      }),
    );
  }
}
