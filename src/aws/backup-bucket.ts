/**
 * Weaviate's backup bucket, its server-access-log bucket, and the Pod Identity role Weaviate writes backups
 * with.
 *
 * Backup bucket: SSE-KMS with the backup key and an S3 bucket key, versioning, all four Block Public Access
 * settings, bucket-owner-enforced ownership (no ACLs), TLS 1.2+ only, lifecycle rules, access logs to the log
 * bucket, Object Lock optionally. Its policy denies object access that does not arrive through the VPC's S3
 * interface endpoint (`aws:SourceVpce`), except for a named break-glass role.
 *
 * Why that deny names data actions only: a deny on `s3:*` from outside the endpoint would also deny
 * CloudFormation, which manages the bucket from outside the VPC (PutBucketPolicy, encryption, lifecycle,
 * versioning, tags) — the stack could then never update or delete the bucket, and recovering would need the
 * root user. Object reads and writes, listings and multipart uploads are the data; bucket configuration stays
 * manageable by the account's IAM principals and is audited by CloudTrail.
 *
 * Log bucket: S3 server access logging can only deliver to a target encrypted with SSE-S3 (the logging
 * service cannot use a customer-managed key), so it uses SSE-S3; otherwise it is locked down the same way
 * (Block Public Access, no ACLs, TLS only, versioning, expiry). It needs no VPC-endpoint condition: the only
 * writer is the logging service.
 */
import { Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TAG_TEXT } from '../blueprint/index.js';
import { TAG_BACKUP_PREFIX, TAG_DATA_CLASSIFICATION } from '../contract/keys.js';
import { acknowledgeControl } from './acknowledge-control.js';
import { acknowledgeNag } from './nag.js';
import { PodIdentityRole } from './pod-identity-role.js';
import { backupLifecycleRule } from './private/backup-lifecycle.js';
import { hardenedBucketProps } from './private/hardened-bucket.js';

/** Object-level actions the bucket policy reserves for the VPC endpoint (and the break-glass role). */
export const DATA_ACTIONS = [
  's3:GetObject*',
  's3:PutObject*',
  's3:DeleteObject*',
  's3:RestoreObject',
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:ListBucketMultipartUploads',
  's3:ListMultipartUploadParts',
  's3:AbortMultipartUpload',
] as const;

export interface BackupBucketProps {
  /** The bucket name. */
  readonly bucketName: string;
  /** Key of the backups (SSE-KMS). */
  readonly key: kms.Key;
  /** The S3 endpoint Weaviate uses: the only way in for object access; the buckets are added to its policy. */
  readonly s3Endpoint: ec2.VpcEndpoint;
  /** Key prefix Weaviate writes under; its role is limited to it. */
  readonly prefix: string;
  /** @default Duration.days(30) */
  readonly transitionToInfrequentAccessAfter?: Duration;
  /** @default Duration.days(90) */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * How long a backup under `prefix` stays current before S3 expires it (the restore drill's evidence, under its
   * own prefix, is kept). @default - backups never expire
   */
  readonly backupRetention?: Duration;
  /** Expiry of the server access logs. @default Duration.days(365) */
  readonly accessLogRetention?: Duration;
  /** Object Lock default retention; only settable when the bucket is created. @default - no Object Lock */
  readonly objectLock?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly retention: Duration };
  /** A role that may reach the objects without the VPC endpoint (incident recovery). @default - none */
  readonly breakGlassRoleArn?: string;
  /**
   * The role S3 replicates the backups with, which reads them from S3's side, not through the VPC endpoint.
   * @default - no replication: the backups stay in one region (acknowledged on the bucket)
   */
  readonly replicationRoleArn?: string;
  /** Weaviate's service account, and the cluster, for the Pod Identity role. */
  readonly weaviate: {
    readonly clusterName: string;
    readonly clusterNameLiteral: string;
    readonly namespace: string;
    readonly serviceAccount: string;
  };
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

export class BackupBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogBucket: s3.Bucket;
  /** Weaviate's backup role (EKS Pod Identity). */
  readonly weaviateRole: PodIdentityRole;
  /** The role's permissions: the prefix and the backup key, nothing else. */
  readonly weaviatePolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: BackupBucketProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.accessLogBucket = this.createAccessLogBucket(props, removalPolicy);
    this.bucket = this.createBucket(props, removalPolicy);
    this.admitOnlyThroughVpcEndpoint(props);
    this.weaviateRole = new PodIdentityRole(this, 'WeaviateBackupRole', {
      ...props.weaviate,
      description: `Weaviate backups to s3://${props.bucketName}/${props.prefix}/ (EKS Pod Identity)`,
    });
    this.weaviatePolicy = this.grantWeaviate(props);
    Tags.of(this.bucket).add(TAG_DATA_CLASSIFICATION, 'backups');
    // Declares what the replication rule must cover, for anyone verifying the template (the blueprint holds
    // the prefix to tag characters; a library caller's prefix with others is left undeclared).
    if (TAG_TEXT.test(props.prefix)) Tags.of(this.bucket).add(TAG_BACKUP_PREFIX, `${props.prefix}/`);

    acknowledgeNag(
      this.accessLogBucket,
      'NIST.800.53.R5-S3DefaultEncryptionKMS',
      'S3 server access logging delivers only to buckets encrypted with SSE-S3; a KMS default key would make delivery fail.',
    );
    acknowledgeNag(
      this.accessLogBucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'Server access logs are audit copies of requests, not backups; they expire after the retention period and need no second region.',
    );
    if (!props.replicationRoleArn) {
      const reason =
        'The blueprint keeps the backups in one region (backup.replicaRegion: none); versioning and optional Object Lock protect them in-region.';
      acknowledgeNag(this.bucket, 'NIST.800.53.R5-S3BucketReplicationEnabled', reason);
      acknowledgeControl(this.bucket, 'VF-DATA-020', reason);
    }
  }

  private createAccessLogBucket(props: BackupBucketProps, removalPolicy: RemovalPolicy): s3.Bucket {
    return new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: props.accessLogRetention ?? Duration.days(365),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy,
    });
  }

  private createBucket(props: BackupBucketProps, removalPolicy: RemovalPolicy): s3.Bucket {
    return new s3.Bucket(this, 'Bucket', {
      ...hardenedBucketProps({
        bucketName: props.bucketName,
        key: props.key,
        accessLogBucket: this.accessLogBucket,
        ...(props.objectLock ? { objectLock: props.objectLock } : {}),
      }),
      lifecycleRules: [
        backupLifecycleRule({
          id: 'backups',
          prefix: props.prefix,
          retention: props.backupRetention,
          transitionToInfrequentAccessAfter: props.transitionToInfrequentAccessAfter,
          noncurrentVersionExpiration: props.noncurrentVersionExpiration,
        }),
      ],
      removalPolicy,
    });
  }

  /** Object access only through the VPC's S3 endpoint (or the break-glass role), and the endpoint admits it. */
  private admitOnlyThroughVpcEndpoint(props: BackupBucketProps): void {
    const exempt = [props.breakGlassRoleArn, props.replicationRoleArn].filter((a) => a !== undefined);
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyObjectAccessOutsideVpcEndpoint',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...DATA_ACTIONS],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        conditions: {
          StringNotEquals: { 'aws:SourceVpce': props.s3Endpoint.vpcEndpointId },
          ...(exempt.length
            ? { ArnNotEquals: { 'aws:PrincipalArn': exempt.length === 1 ? exempt[0] : exempt } }
            : {}),
        },
      }),
    );

    // The endpoint's policy admits these buckets (and nothing else of the project's).
    props.s3Endpoint.addToPolicy(
      new iam.PolicyStatement({
        sid: 'BackupBucket',
        principals: [new iam.AnyPrincipal()],
        actions: [...DATA_ACTIONS],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
      }),
    );
    props.s3Endpoint.addToPolicy(
      new iam.PolicyStatement({
        sid: 'BackupAccessLogsRead',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject', 's3:ListBucket'],
        resources: [this.accessLogBucket.bucketArn, this.accessLogBucket.arnForObjects('*')],
      }),
    );
  }

  /** Weaviate's role may use its prefix and the backup key (through S3), and the key admits it. */
  private grantWeaviate(props: BackupBucketProps): iam.ManagedPolicy {
    const region = Stack.of(this).region;
    const role = this.weaviateRole.role;
    // S3 encrypts and decrypts with the key on the caller's behalf: GenerateDataKey to write, Decrypt to read.
    const keyUse = {
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      conditions: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
    };
    // A customer-managed policy rather than an inline one, so the permissions are reviewable on their own.
    const policy = new iam.ManagedPolicy(this, 'WeaviateBackupPolicy', {
      description: `Weaviate backups: s3://${props.bucketName}/${props.prefix}/ and the backup key only`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'BackupObjects',
          actions: [
            's3:GetObject',
            's3:PutObject',
            's3:DeleteObject',
            's3:AbortMultipartUpload',
            's3:ListMultipartUploadParts',
          ],
          resources: [this.bucket.arnForObjects(`${props.prefix}/*`)],
        }),
        new iam.PolicyStatement({
          sid: 'ListBackupPrefix',
          actions: ['s3:ListBucket'],
          resources: [this.bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [props.prefix, `${props.prefix}/*`] } },
        }),
        new iam.PolicyStatement({ sid: 'BackupKey', ...keyUse, resources: [props.key.keyArn] }),
      ],
    });
    acknowledgeNag(
      policy,
      'AwsSolutions-IAM5',
      `Weaviate writes one object per shard and backup id under its prefix; the wildcard is limited to ${props.prefix}/ in this bucket.`,
      `Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/${props.prefix}/*`,
    );
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({ sid: 'WeaviateBackups', ...keyUse, principals: [role], resources: ['*'] }),
    );
    if (props.breakGlassRoleArn) {
      props.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'BreakGlassRecovery',
          ...keyUse,
          principals: [new iam.ArnPrincipal(props.breakGlassRoleArn)],
          resources: ['*'],
        }),
      );
    }
    return policy;
  }
}
