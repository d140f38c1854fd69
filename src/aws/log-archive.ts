/**
 * The log archive for SIEM export: every log group of the stack is subscribed (all events) to one Kinesis Data
 * Firehose delivery stream that writes them to an archive bucket, and optionally a second stream sends them on
 * to a customer's SIEM over Firehose's HTTP endpoint delivery, keeping what it fails to deliver in the archive.
 *
 * The archive has its own KMS key (the stream's server-side encryption and the bucket's objects), the shared
 * hardened bucket settings (public access blocked, no ACLs, TLS only, versioned, server access logs), optional
 * Object Lock, and expiry after the blueprint's archive retention. Object access is denied to everyone except
 * through the VPC's S3 endpoint, the delivery role and the break-glass role, like the backups: credentials that
 * leak cannot read or rewrite the archive from outside.
 *
 * Records are kept as CloudWatch Logs delivers them to a subscription: gzip-compressed JSON envelopes (log
 * group, stream, events), so Firehose adds no compression of its own. The SIEM stream decompresses them and
 * extracts the messages first, the form HTTP endpoint SIEMs ingest.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as destinations from 'aws-cdk-lib/aws-logs-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { DATA_ACTIONS } from './backup-bucket.js';
import { Keys } from './keys.js';
import { acknowledgeNag } from './nag.js';
import { hardenedBucketProps } from './private/hardened-bucket.js';
import { logGroupEncryptionStatement } from './private/kms-statements.js';

/** Key prefixes of the archive: delivered records, and what a stream could not deliver. */
export const ARCHIVE_PREFIXES = { logs: 'logs/', failed: 'delivery-failed/', siemFailed: 'siem-failed/' };

export interface LogArchiveProps {
  /** The blueprint's name: names the key alias, the streams and the delivery log group. */
  readonly name: string;
  /** The stack's key aliases, of which this archive's own replaces the logs alias. */
  readonly keyAliases: ConstructorParameters<typeof Keys>[2]['aliases'];
  readonly keyRotationPeriod: Duration;
  readonly keyPendingWindow: Duration;
  /** @default - the account principal only */
  readonly keyAdministratorArns?: readonly string[];
  /** The stack's logs key, for the streams' own delivery-error log group. */
  readonly logsKey: kms.IKey;
  readonly deliveryLogRetention: logs.RetentionDays;
  readonly serverAccessLogBucket: s3.IBucket;
  /** Object access only through this S3 endpoint (besides the delivery role and the break-glass role). */
  readonly s3Endpoint: ec2.InterfaceVpcEndpoint;
  /** @default - no break-glass role */
  readonly breakGlassRoleArn?: string;
  readonly expiration: Duration;
  /** @default - no Object Lock */
  readonly objectLock?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly retention: Duration };
  /** @default - the archive only */
  readonly siem?: { readonly endpointUrl: string; readonly accessKeySecretName: string };
}

export class LogArchive extends Construct {
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;
  readonly stream: firehose.DeliveryStream;
  /** The stream to the customer's SIEM; undefined without one. */
  readonly siemStream?: firehose.DeliveryStream;
  /** Where the streams log their delivery errors (never itself archived: it would feed itself). */
  readonly deliveryLogGroup: logs.LogGroup;
  private readonly subscriptionRole: iam.Role;
  private readonly deliveryRole: iam.Role;
  private subscribed = 0;
  private acknowledged = false;

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new Keys(this, 'Keys', {
      aliases: { ...props.keyAliases, logs: `alias/${props.name}/log-archive` },
      purposes: ['logs'],
      descriptions: { logs: 'The log archive bucket and its delivery streams' },
      rotationPeriod: props.keyRotationPeriod,
      pendingWindow: props.keyPendingWindow,
      administratorArns: props.keyAdministratorArns,
    }).key('logs');
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...hardenedBucketProps({
        key: this.key,
        accessLogBucket: props.serverAccessLogBucket,
        accessLogPrefix: 'log-archive/',
        objectLock: props.objectLock,
      }),
      lifecycleRules: [
        {
          id: 'expire-archived-logs',
          expiration: props.expiration,
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeNag(
      this.bucket,
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'The log archive is a copy of logs CloudWatch Logs keeps as well, not a backup of data; versioning with optional Object Lock protects its integrity. Replicating it to a second region, as the backups are, is a follow-up.',
    );

    const deliveryLogName = `/vectorfort/${props.name}/log-archive-delivery`;
    props.logsKey.addToResourcePolicy(logGroupEncryptionStatement(this, deliveryLogName));
    this.deliveryLogGroup = new logs.LogGroup(this, 'DeliveryLogs', {
      logGroupName: deliveryLogName,
      encryptionKey: props.logsKey,
      retention: props.deliveryLogRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const sameAccount = { StringEquals: { 'aws:SourceAccount': stack.account } };
    this.deliveryRole = new iam.Role(this, 'DeliveryRole', {
      description: 'Kinesis Data Firehose: deliver subscribed log events to the log archive',
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', { conditions: sameAccount }),
    });
    this.allowKeyUse(this.deliveryRole, ['kms:GenerateDataKey', 'kms:Decrypt'], 's3');
    this.stream = new firehose.DeliveryStream(this, 'Stream', {
      deliveryStreamName: `vectorfort-${props.name}-log-archive`,
      encryption: firehose.StreamEncryption.customerManagedKey(this.key),
      destination: new firehose.S3Bucket(this.bucket, {
        role: this.deliveryRole,
        encryptionKey: this.key,
        dataOutputPrefix: `${ARCHIVE_PREFIXES.logs}!{timestamp:yyyy/MM/dd/HH}/`,
        errorOutputPrefix: `${ARCHIVE_PREFIXES.failed}!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/`,
        bufferingInterval: Duration.minutes(5),
        loggingConfig: new firehose.EnableLogging(this.deliveryLogGroup),
      }),
    });
    if (props.siem) this.siemStream = this.addSiemStream(props.name, props.siem);
    this.admitOnlyThroughVpcEndpoint(props.s3Endpoint, props.breakGlassRoleArn);

    // CloudWatch Logs puts the subscribed events into the streams with one role, for this account's groups only.
    this.subscriptionRole = new iam.Role(this, 'SubscriptionRole', {
      description: 'CloudWatch Logs: put subscribed log events into the log archive streams',
      assumedBy: new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`, {
        conditions: {
          ...sameAccount,
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'logs', resource: '*' }) },
        },
      }),
    });
  }

  /**
   * Send every event of these log groups to the archive (and the SIEM). A log group takes two subscription
   * filters at most; ours take one each.
   */
  subscribe(groups: readonly logs.ILogGroup[]): void {
    const streams = [this.stream, ...(this.siemStream ? [this.siemStream] : [])];
    for (const group of groups) {
      if (group === this.deliveryLogGroup) continue;
      for (const stream of streams) {
        new logs.SubscriptionFilter(this, `Subscription${this.subscribed++}`, {
          logGroup: group,
          destination: new destinations.FirehoseDestination(stream, { role: this.subscriptionRole }),
          filterPattern: logs.FilterPattern.allEvents(),
        });
      }
    }
    this.acknowledgeGeneratedGrants();
  }

  /**
   * The L2 constructs write the delivery and subscription grants as inline policies with their usual wildcards:
   * each names only this archive's bucket, key and streams.
   */
  private acknowledgeGeneratedGrants(): void {
    if (this.acknowledged) return;
    this.acknowledged = true;
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    const policies: [Construct | undefined, string[]][] = [
      [
        this.deliveryRole,
        [
          'Action::s3:Abort*',
          'Action::s3:DeleteObject*',
          'Action::s3:GetBucket*',
          'Action::s3:GetObject*',
          'Action::s3:List*',
          `Resource::<${bucketId}.Arn>/*`,
          'Action::kms:GenerateDataKey*',
          'Action::kms:ReEncrypt*',
        ],
      ],
      [
        this.stream.node.tryFindChild('Service Role'),
        ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'],
      ],
      [
        this.siemStream?.node.tryFindChild('Service Role'),
        ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'],
      ],
      [this.subscriptionRole, []],
    ];
    for (const [role, findings] of policies) {
      const policy = role?.node.tryFindChild('DefaultPolicy');
      if (!policy) continue;
      acknowledgeNag(
        policy,
        'NIST.800.53.R5-IAMNoInlinePolicy',
        "Inline policy the Firehose and CloudWatch Logs constructs write for the log archive's delivery; it names only the archive's bucket, key and streams.",
      );
      for (const finding of findings)
        acknowledgeNag(
          policy,
          'AwsSolutions-IAM5',
          "Firehose's S3 delivery and stream encryption grants as the CDK writes them, on the archive's own bucket objects and key only.",
          finding,
        );
    }
  }

  private addSiemStream(name: string, siem: NonNullable<LogArchiveProps['siem']>): firehose.DeliveryStream {
    const secret = secretsmanager.Secret.fromSecretNameV2(this, 'SiemAccessKey', siem.accessKeySecretName);
    return new firehose.DeliveryStream(this, 'SiemStream', {
      deliveryStreamName: `vectorfort-${name}-siem`,
      encryption: firehose.StreamEncryption.customerManagedKey(this.key),
      destination: new firehose.HttpEndpoint({
        endpointConfig: { url: siem.endpointUrl, secret, name: `vectorfort-${name}-siem` },
        role: this.deliveryRole,
        requestCompression: firehose.HttpCompression.GZIP,
        retryOptions: { duration: Duration.hours(2) },
        processors: [
          new firehose.DecompressionProcessor(),
          new firehose.CloudWatchLogProcessor({ dataMessageExtraction: true }),
        ],
        loggingConfig: new firehose.EnableLogging(this.deliveryLogGroup),
        s3Backup: {
          mode: firehose.BackupMode.FAILED,
          bucket: this.bucket,
          encryptionKey: this.key,
          dataOutputPrefix: ARCHIVE_PREFIXES.siemFailed,
          errorOutputPrefix: `${ARCHIVE_PREFIXES.siemFailed}errors/`,
          loggingConfig: new firehose.EnableLogging(this.deliveryLogGroup),
        },
      }),
    });
  }

  /** The key leaves use to its policy, not to IAM: name the role there, for one service's use only. */
  private allowKeyUse(role: iam.IRole, actions: string[], service: string): void {
    const region = Stack.of(this).region;
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `ArchiveDelivery${service.toUpperCase()}`,
        principals: [role],
        actions,
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `${service}.${region}.amazonaws.com` } },
      }),
    );
  }

  private admitOnlyThroughVpcEndpoint(endpoint: ec2.InterfaceVpcEndpoint, breakGlassRoleArn?: string): void {
    const exempt = [this.deliveryRole.roleArn, ...(breakGlassRoleArn ? [breakGlassRoleArn] : [])];
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyObjectAccessOutsideVpcEndpoint',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...DATA_ACTIONS],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        conditions: {
          StringNotEquals: { 'aws:SourceVpce': endpoint.vpcEndpointId },
          ArnNotEquals: { 'aws:PrincipalArn': exempt },
        },
      }),
    );
    endpoint.addToPolicy(
      new iam.PolicyStatement({
        sid: 'LogArchiveRead',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject', 's3:ListBucket'],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
      }),
    );
  }
}
