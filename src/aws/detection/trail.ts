/**
 * CloudTrail: a multi-region trail with global service events, log file validation, KMS encryption (the logs
 * key), delivery to the audit bucket and to a KMS-encrypted CloudWatch log group, and S3 data events for the
 * backup bucket (who read or wrote which backup object).
 *
 * Metric filters on the log group feed alarms for what seed 001 asks people to see at once: a burst of
 * AccessDenied / UnauthorizedOperation errors (credential probing, or a broken deployment), a console sign-in
 * without MFA, and any use of the root user.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag.js';
import { logGroupEncryptionStatement } from '../private/kms-statements.js';

/** Metric filters and their alarms: pattern, threshold per five minutes, whether it pages. */
export const TRAIL_ALARMS = {
  UnauthorizedApiCalls: {
    pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    threshold: 10,
    critical: false,
    description:
      'A burst of AccessDenied / UnauthorizedOperation errors (credential probing or a broken role)',
  },
  ConsoleSignInWithoutMfa: {
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    threshold: 1,
    critical: true,
    description: 'An IAM user signed in to the console without MFA',
  },
  RootUserActivity: {
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    threshold: 1,
    critical: true,
    description: 'The root user was used',
  },
} as const;

export interface AuditTrailProps {
  readonly name: string;
  readonly key: kms.IKey;
  readonly bucket: s3.IBucket;
  /** Buckets whose object-level operations are recorded (data events). */
  readonly dataEventBuckets: readonly s3.IBucket[];
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
}

export class AuditTrail extends Construct {
  readonly trail: cloudtrail.Trail;
  readonly logGroup: logs.LogGroup;
  readonly alarms: Readonly<Record<keyof typeof TRAIL_ALARMS, cloudwatch.Alarm>>;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const trailName = `${props.name}-audit`;
    const trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });
    const cloudTrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailEncryptLogs',
        principals: [cloudTrail],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceArn': trailArn },
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': stack.formatArn({
              service: 'cloudtrail',
              region: '*',
              resource: 'trail',
              resourceName: '*',
            }),
          },
        },
      }),
    );
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDescribeKey',
        principals: [cloudTrail],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
      }),
    );

    const logGroupName = `/vectorfort/${props.name}/cloudtrail`;
    props.key.addToResourcePolicy(logGroupEncryptionStatement(this, logGroupName));
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName,
      encryptionKey: props.key,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
    });

    this.trail = new cloudtrail.Trail(this, 'Trail', {
      trailName,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      encryptionKey: props.key,
      bucket: props.bucket,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: this.logGroup,
      managementEvents: cloudtrail.ReadWriteType.ALL,
    });
    const logsPolicy = this.trail.node.tryFindChild('LogsRole')?.node.tryFindChild('DefaultPolicy');
    if (logsPolicy)
      acknowledgeNag(
        logsPolicy,
        'NIST.800.53.R5-IAMNoInlinePolicy',
        'Inline policy CDK generates for the CloudTrail delivery role: create streams and put events in this one log group.',
      );
    if (props.dataEventBuckets.length > 0)
      this.trail.addS3EventSelector(
        props.dataEventBuckets.map((bucket) => ({ bucket })),
        { readWriteType: cloudtrail.ReadWriteType.ALL, includeManagementEvents: true },
      );

    const alarms = {} as Record<keyof typeof TRAIL_ALARMS, cloudwatch.Alarm>;
    for (const [name, spec] of Object.entries(TRAIL_ALARMS) as [
      keyof typeof TRAIL_ALARMS,
      (typeof TRAIL_ALARMS)[keyof typeof TRAIL_ALARMS],
    ][]) {
      const filter = new logs.MetricFilter(this, `${name}Filter`, {
        logGroup: this.logGroup,
        filterPattern: logs.FilterPattern.literal(spec.pattern),
        metricNamespace: `vectorfort/${props.name}/security`,
        metricName: name,
        metricValue: '1',
        defaultValue: 0,
      });
      alarms[name] = new cloudwatch.Alarm(this, `${name}Alarm`, {
        alarmDescription: spec.description,
        metric: filter.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
        threshold: spec.threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    this.alarms = alarms;
  }
}
