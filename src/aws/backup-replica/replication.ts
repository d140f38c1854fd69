/**
 * Cross-region replication of the backups, on the source side: the backup bucket's replication rule, the role
 * S3 replicates with, the source key's admission of that role, and the alarms on the replication metrics.
 *
 * The rule replicates Weaviate's prefix only, with Replication Time Control (15 minutes) and its metrics, into
 * the replica bucket encrypted with the replica's own key; delete markers are not replicated, so a deletion in
 * the source (an operator, a compromised backup role) leaves the replica whole.
 *
 * The role is written by hand rather than left to CDK's `replicationRules`, whose generated role may read every
 * object of the source bucket and use the keys without `kms:ViaService` or encryption-context conditions: this
 * one reads only the replicated prefix, writes only into the replica bucket's same prefix, and uses each key
 * only through S3 in its region, for its bucket.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
// The helper cdk-nag's rules use to name their findings, so acknowledgements match them exactly.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { acknowledgeNag } from '../nag.js';

/** Replication Time Control's promise, and the only threshold S3 accepts for it. */
const RTC_MINUTES = 15;

export interface BackupReplicationProps {
  readonly sourceBucket: s3.Bucket;
  /** The source bucket's name, as the stack sets it. */
  readonly sourceBucketName: string;
  readonly sourceKey: kms.IKey;
  /** Weaviate's key prefix: the only part that replicates. */
  readonly prefix: string;
  readonly replicaBucket: s3.IBucket;
  /** The replica bucket's name, as the replica stack sets it. */
  readonly replicaBucketName: string;
  readonly replicaKey: kms.IKey;
  readonly replicaRegion: string;
  /** Name of the replication role (the replica key's policy admits it by name). */
  readonly roleName: string;
  /** Objects under Object Lock replicate with their retention (the role reads it). @default false */
  readonly objectLock?: boolean;
  /** The latency alarm's threshold. @default Duration.minutes(15) */
  readonly latencyThreshold?: Duration;
}

export class BackupReplication extends Construct {
  readonly role: iam.Role;
  readonly policy: iam.ManagedPolicy;
  /** Operations that failed to replicate (OperationsFailedReplication > 0). */
  readonly failureAlarm: cloudwatch.Alarm;
  /** Replication slower than the threshold (ReplicationLatency). */
  readonly latencyAlarm: cloudwatch.Alarm;
  readonly ruleId: string;

  constructor(scope: Construct, id: string, props: BackupReplicationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const sourceRegion = stack.region;
    const source = props.sourceBucket;
    const replica = props.replicaBucket;
    const prefix = `${props.prefix}/`;
    this.ruleId = `backups-to-${props.replicaRegion}`;
    const sourceObjects = source.arnForObjects(`${prefix}*`);
    // By name, not through the cross-region reference: the grant reads the same, and its cdk-nag finding has a
    // stable text to acknowledge (a reference's names a generated output).
    const replicaObjects = stack.formatArn({
      service: 's3',
      region: '',
      account: '',
      resource: props.replicaBucketName,
      resourceName: `${prefix}*`,
    });

    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: `S3 replication of s3://${props.sourceBucketName}/${prefix} to ${props.replicaRegion}`,
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    const keyContext = (bucket: s3.IBucket) => ({
      'kms:EncryptionContext:aws:s3:arn': [bucket.bucketArn, bucket.arnForObjects('*')],
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `S3 replication: read ${prefix} of the backup bucket, write it to the ${props.replicaRegion} replica`,
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadReplicationConfiguration',
          actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
          resources: [source.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'ReadSourceVersions',
          actions: [
            's3:GetObjectVersionForReplication',
            's3:GetObjectVersionAcl',
            's3:GetObjectVersionTagging',
            ...(props.objectLock ? ['s3:GetObjectRetention', 's3:GetObjectLegalHold'] : []),
          ],
          resources: [sourceObjects],
        }),
        new iam.PolicyStatement({
          sid: 'WriteReplicas',
          actions: ['s3:ReplicateObject', 's3:ReplicateTags'],
          resources: [replicaObjects],
        }),
        new iam.PolicyStatement({
          sid: 'DecryptSource',
          actions: ['kms:Decrypt'],
          resources: [props.sourceKey.keyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': `s3.${sourceRegion}.amazonaws.com` },
            StringLike: keyContext(source),
          },
        }),
        new iam.PolicyStatement({
          sid: 'EncryptReplicas',
          actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [props.replicaKey.keyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': `s3.${props.replicaRegion}.amazonaws.com` },
            StringLike: keyContext(replica),
          },
        }),
      ],
    });
    for (const resource of [sourceObjects, replicaObjects])
      acknowledgeNag(
        this.policy,
        'AwsSolutions-IAM5',
        `S3 replicates every object version under ${prefix}; the wildcard is limited to that prefix of the source bucket and of the replica bucket.`,
        `Resource::${flattenCfnReference(stack.resolve(resource))}`,
      );

    // The source key admits the role for reading the replicated objects, through S3 here only. The bucket is
    // named by its name: its ARN would make the key depend on the bucket, which depends on the key.
    const sourceArn = stack.formatArn({
      service: 's3',
      region: '',
      account: '',
      resource: props.sourceBucketName,
    });
    props.sourceKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ReplicationRoleReadsBackups',
        principals: [this.role],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:ViaService': `s3.${sourceRegion}.amazonaws.com` },
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [sourceArn, `${sourceArn}/*`] },
        },
      }),
    );

    const cfnBucket = source.node.defaultChild as s3.CfnBucket;
    cfnBucket.replicationConfiguration = {
      role: this.role.roleArn,
      rules: [
        {
          id: this.ruleId,
          status: 'Enabled',
          priority: 0,
          filter: { prefix },
          deleteMarkerReplication: { status: 'Disabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: replica.bucketArn,
            encryptionConfiguration: { replicaKmsKeyId: props.replicaKey.keyArn },
            replicationTime: { status: 'Enabled', time: { minutes: RTC_MINUTES } },
            metrics: { status: 'Enabled', eventThreshold: { minutes: RTC_MINUTES } },
          },
        },
      ],
    };

    const dimensionsMap = {
      SourceBucket: source.bucketName,
      DestinationBucket: replica.bucketName,
      RuleId: this.ruleId,
    };
    const metric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/S3',
        metricName,
        dimensionsMap,
        statistic,
        period: Duration.minutes(5),
      });
    this.failureAlarm = new cloudwatch.Alarm(this, 'FailureAlarm', {
      alarmDescription: `Backups failed to replicate from ${source.bucketName} to ${props.replicaRegion} (OperationsFailedReplication)`,
      metric: metric('OperationsFailedReplication', 'Sum'),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const latency = props.latencyThreshold ?? Duration.minutes(RTC_MINUTES);
    this.latencyAlarm = new cloudwatch.Alarm(this, 'LatencyAlarm', {
      alarmDescription: `Backups take longer than ${latency.toMinutes()} minutes to reach the ${props.replicaRegion} replica (ReplicationLatency)`,
      metric: metric('ReplicationLatency', 'Maximum'),
      threshold: latency.toSeconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
