/**
 * The companion stack `vectorfort-<name>-backup-replica`, in the blueprint's replica region of the same account
 * (`backup.replicaRegion`, by default the paired region). It holds where the backups replicate to: the replica
 * bucket and its own customer-managed key, plus the replica bucket's access-log bucket. The main stack owns the
 * replication (the source bucket's configuration, the role, the alarms: S3 publishes replication metrics in
 * the source region) and reads this stack's bucket and key ARNs through CDK's cross-region references
 * (`Fn::GetStackOutput`), so this stack deploys first; delete the main stack first.
 *
 * The replica key admits the replication role by name (`aws:PrincipalArn`) rather than as a principal: the
 * role lives in the main stack, which deploys after this one, and a key policy cannot name a role that does not
 * exist yet.
 */
import { Duration, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { replicaRegionOf, type Blueprint } from '../../blueprint/index.js';
import { TAG_BLUEPRINT, TAG_DATA_CLASSIFICATION } from '../../contract/keys.js';
import { awsNames } from '../../flows/index.js';
import { ValidationError } from '../errors.js';
import { Keys } from '../keys.js';
import { acknowledgeNag } from '../nag.js';
import { backupLifecycleRule } from '../private/backup-lifecycle.js';
import { hardenedBucketProps } from '../private/hardened-bucket.js';

/** The data classification tag of the replica bucket (the backup controls' own tag value is `backups`). */
export const REPLICA_DATA_CLASSIFICATION = 'backup-replica';

export interface VectorfortBackupReplicaStackProps extends StackProps {
  readonly blueprint: Blueprint;
}

export class VectorfortBackupReplicaStack extends Stack {
  readonly blueprint: Blueprint;
  readonly replicaRegion: string;
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;
  readonly accessLogBucket: s3.Bucket;
  /** The replica bucket's name (deterministic, see AwsNames.backupReplicaBucket). */
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: VectorfortBackupReplicaStackProps) {
    const bp = props.blueprint;
    const replicaRegion = replicaRegionOf(bp);
    super(scope, id, {
      ...props,
      env: { account: bp.environment.account, region: replicaRegion },
      crossRegionReferences: true,
      description: `vectorfort: cross-region replica of the Weaviate backups of ${bp.name} (${bp.environment.region} → ${replicaRegion})`,
    });
    const names = awsNames(bp);
    if (!replicaRegion || !names.backupReplicaBucket)
      throw new ValidationError(
        'replica-stack-not-needed',
        'the backup replica stack needs a replica region (backup.replicaRegion is "none")',
        this,
      );
    this.blueprint = bp;
    this.replicaRegion = replicaRegion;
    this.bucketName = names.backupReplicaBucket;
    const backup = bp.backup;
    for (const [key, value] of Object.entries(bp.tags)) Tags.of(this).add(key, value);
    Tags.of(this).add(TAG_BLUEPRINT, bp.name);

    const keys = new Keys(this, 'Keys', {
      aliases: { ...names.keyAlias, backup: names.backupReplicaKeyAlias },
      rotationPeriod: Duration.days(bp.keys.rotationPeriodDays),
      pendingWindow: Duration.days(bp.keys.deletionWindowDays),
      administratorArns: bp.keys.administratorArns,
      purposes: ['backup'],
      descriptions: { backup: `Replica of the Weaviate backups (replicated from ${bp.environment.region})` },
    });
    this.key = keys.key('backup');
    const removalPolicy = RemovalPolicy.RETAIN;

    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(backup.accessLogRetentionDays),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy,
    });
    const lock = backup.replicaObjectLock;
    this.bucket = new s3.Bucket(this, 'Replica', {
      ...hardenedBucketProps({
        bucketName: names.backupReplicaBucket,
        key: this.key,
        accessLogBucket: this.accessLogBucket,
        ...(lock.enabled
          ? { objectLock: { mode: lock.mode, retention: Duration.days(lock.retentionDays) } }
          : {}),
      }),
      // The source's retention, on the replica's own side: delete markers do not replicate.
      lifecycleRules: [
        backupLifecycleRule({
          id: 'replicated-backups',
          prefix: backup.prefix,
          retention: Duration.days(backup.retentionDays),
          transitionToInfrequentAccessAfter: Duration.days(backup.transitionToInfrequentAccessDays),
          noncurrentVersionExpiration: Duration.days(backup.noncurrentVersionExpirationDays),
        }),
      ],
      removalPolicy,
    });
    Tags.of(this.bucket).add(TAG_DATA_CLASSIFICATION, REPLICA_DATA_CLASSIFICATION);

    // S3 encrypts the replicas with this key on the replication role's behalf, in this region only, for this
    // bucket only (with an S3 Bucket Key the encryption context is the bucket's ARN).
    const roleArn = this.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: names.backupReplicationRole,
    });
    const bucketArn = this.formatArn({
      service: 's3',
      region: '',
      account: '',
      resource: names.backupReplicaBucket,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ReplicationRoleEncryptsReplicas',
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          ArnEquals: { 'aws:PrincipalArn': roleArn },
          StringEquals: { 'kms:ViaService': `s3.${replicaRegion}.amazonaws.com` },
          // By name: the bucket's ARN would make the key depend on the bucket, which depends on the key.
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn, `${bucketArn}/*`] },
        },
      }),
    );

    // Reading the replica is a restore-time grant: no standing decrypt, only the roles the blueprint names, and
    // only through S3 here, for this bucket.
    if (backup.replicaRestoreRoleArns.length)
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'RestoreRolesReadReplicas',
          principals: backup.replicaRestoreRoleArns.map((arn) => new iam.ArnPrincipal(arn)),
          actions: ['kms:Decrypt'],
          resources: ['*'],
          conditions: {
            StringEquals: { 'kms:ViaService': `s3.${replicaRegion}.amazonaws.com` },
            StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn, `${bucketArn}/*`] },
          },
        }),
      );

    acknowledgeNag(
      this.accessLogBucket,
      'NIST.800.53.R5-S3DefaultEncryptionKMS',
      'S3 server access logging delivers only to buckets encrypted with SSE-S3; a KMS default key would make delivery fail.',
    );
    acknowledgeNag(
      this.accessLogBucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'Server access logs are audit copies of requests, not backups; they expire after the retention period and need no third region.',
    );
    acknowledgeNag(
      this.bucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      `This bucket is the cross-region replica of the backups in ${bp.environment.region}; replicating it again would only add a third copy.`,
    );
  }
}
