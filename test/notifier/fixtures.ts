/** Sample messages as they reach the notifier's topics (shapes from the services' documented examples). */
import type { SNSEvent } from 'aws-lambda';

export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';
export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:weaviate-security-events`;
export const CRITICAL_TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:weaviate-critical-security-events`;

function eventBridge<D>(source: string, detailType: string, detail: D, resources: string[] = []) {
  return {
    version: '0',
    id: 'c8a1b2c3-0000-4000-8000-000000000001',
    'detail-type': detailType,
    source,
    account: ACCOUNT,
    time: '2026-11-22T22:00:00Z',
    region: REGION,
    resources,
    detail,
  };
}

export function guardDutyFinding(overrides: { id?: string; severity?: number; title?: string } = {}) {
  return eventBridge('aws.guardduty', 'GuardDuty Finding', {
    schemaVersion: '2.0',
    accountId: ACCOUNT,
    region: REGION,
    partition: 'aws',
    id: overrides.id ?? '5ec1a2b3c4d5e6f7a8b9c0d1e2f3a4b5',
    arn: `arn:aws:guardduty:${REGION}:${ACCOUNT}:detector/d1/finding/${overrides.id ?? '5ec1a2b3c4d5e6f7a8b9c0d1e2f3a4b5'}`,
    type: 'Execution:Runtime/ReverseShell',
    resource: {
      resourceType: 'EKSCluster',
      eksClusterDetails: { name: 'weaviate', arn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/weaviate` },
      kubernetesDetails: {
        kubernetesWorkloadDetails: { name: 'weaviate-0', namespace: 'weaviate', type: 'pods' },
      },
    },
    service: {
      serviceName: 'guardduty',
      action: { actionType: 'PROCESS' },
      count: 3,
      eventFirstSeen: '2026-11-22T21:55:00Z',
      eventLastSeen: '2026-11-22T21:59:00Z',
    },
    severity: overrides.severity ?? 8,
    createdAt: '2026-11-22T21:55:10Z',
    updatedAt: '2026-11-22T21:59:10Z',
    title: overrides.title ?? 'A process in the container weaviate-0 opened a reverse shell.',
    description: 'A container process connected to a remote host and redirected its standard streams to it.',
  });
}

export function securityHubFindings(labels: string[] = ['CRITICAL']) {
  return eventBridge(
    'aws.securityhub',
    'Security Hub Findings - Imported',
    {
      findings: labels.map((label, i) => ({
        SchemaVersion: '2018-10-08',
        Id: `arn:aws:securityhub:${REGION}:${ACCOUNT}:subscription/aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/${i}`,
        ProductArn: `arn:aws:securityhub:${REGION}::product/aws/securityhub`,
        ProductName: 'Security Hub',
        GeneratorId: 'aws-foundational-security-best-practices/v/1.0.0/S3.8',
        AwsAccountId: ACCOUNT,
        Region: REGION,
        Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
        CreatedAt: '2026-11-22T21:00:00Z',
        UpdatedAt: '2026-11-22T22:00:00Z',
        Severity: { Label: label, Original: label },
        Title: 'S3.8 S3 general purpose buckets should block public access',
        Description: 'This control checks whether an S3 general purpose bucket blocks public access.',
        Remediation: {
          Recommendation: {
            Text: 'For information on how to correct this issue, consult the documentation.',
            Url: 'https://docs.aws.amazon.com/console/securityhub/S3.8/remediation',
          },
        },
        ProductFields: { ControlId: 'S3.8', 'aws/securityhub/ProductName': 'Security Hub' },
        Resources: [{ Type: 'AwsS3Bucket', Id: `arn:aws:s3:::weaviate-backups-${ACCOUNT}-${REGION}` }],
        Compliance: { Status: 'FAILED' },
        Workflow: { Status: 'NEW' },
        RecordState: 'ACTIVE',
      })),
    },
    [`arn:aws:securityhub:${REGION}:${ACCOUNT}:finding/0`],
  );
}

export function configComplianceChange(compliance = 'NON_COMPLIANT', resourceId = 'sg-0123456789abcdef0') {
  return eventBridge('aws.config', 'Config Rules Compliance Change', {
    resourceId,
    awsRegion: REGION,
    awsAccountId: ACCOUNT,
    configRuleName: 'vpc-sg-open-only-to-authorized-ports',
    recordVersion: '1.0',
    configRuleARN: `arn:aws:config:${REGION}:${ACCOUNT}:config-rule/config-rule-abc`,
    messageType: 'ComplianceChangeNotification',
    newEvaluationResult: {
      evaluationResultIdentifier: {
        evaluationResultQualifier: {
          configRuleName: 'vpc-sg-open-only-to-authorized-ports',
          resourceType: 'AWS::EC2::SecurityGroup',
          resourceId,
        },
        orderingTimestamp: '2026-11-22T21:59:00Z',
      },
      complianceType: compliance,
      resultRecordedTime: '2026-11-22T22:00:00Z',
      configRuleInvokedTime: '2026-11-22T21:59:30Z',
      annotation: 'Port 22 is open to 0.0.0.0/0 <unexpected>',
    },
    oldEvaluationResult: { complianceType: compliance === 'COMPLIANT' ? 'NON_COMPLIANT' : 'COMPLIANT' },
    notificationCreationTime: '2026-11-22T22:00:01Z',
    resourceType: 'AWS::EC2::SecurityGroup',
  });
}

/** What a CloudWatch alarm action publishes (the CloudTrail metric-filter alarms). */
export function directAlarm(state = 'ALARM', name = 'weaviate-console-signin-without-mfa') {
  return {
    AlarmName: name,
    AlarmDescription: 'Console sign-in without MFA',
    AWSAccountId: ACCOUNT,
    AlarmConfigurationUpdatedTimestamp: '2026-11-22T20:00:00.000+0000',
    NewStateValue: state,
    NewStateReason:
      'Threshold Crossed: 1 datapoint [1.0 (22/11/26 21:59:00)] was greater than or equal to the threshold (1.0).',
    StateChangeTime: '2026-11-22T22:00:00.000+0000',
    Region: 'EU (Ireland)',
    AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`,
    OldStateValue: state === 'OK' ? 'ALARM' : 'OK',
    OKActions: [],
    AlarmActions: [CRITICAL_TOPIC_ARN],
    InsufficientDataActions: [],
    Trigger: {
      MetricName: 'ConsoleSignInWithoutMfa',
      Namespace: 'vectorfort/CloudTrail',
      StatisticType: 'Statistic',
      Statistic: 'SUM',
      Unit: null,
      Dimensions: [],
      Period: 300,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    },
  };
}

/** The WAF blocked-requests spike alarm, as an EventBridge alarm state change. */
export function wafAlarmStateChange(state = 'ALARM') {
  const name = 'weaviate-waf-blocked-spike';
  return eventBridge(
    'aws.cloudwatch',
    'CloudWatch Alarm State Change',
    {
      alarmName: name,
      state: {
        value: state,
        reason:
          'Threshold Crossed: 1 out of the last 1 datapoints [912.0] was greater than the threshold (500.0).',
        timestamp: '2026-11-22T22:00:00.000+0000',
      },
      previousState: { value: state === 'OK' ? 'ALARM' : 'OK', timestamp: '2026-11-22T21:00:00.000+0000' },
      configuration: {
        description: 'A spike of requests blocked by the web ACL',
        metrics: [
          {
            id: 'm1',
            metricStat: {
              metric: {
                namespace: 'AWS/WAFV2',
                name: 'BlockedRequests',
                dimensions: { WebACL: 'weaviate-edge', Rule: 'ALL', Region: REGION },
              },
              period: 300,
              stat: 'Sum',
            },
            returnData: true,
          },
        ],
      },
    },
    [`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`],
  );
}

/** An SNS event for the handler. */
export function snsEvent(messages: { message: unknown; topicArn?: string; id?: string }[]): SNSEvent {
  return {
    Records: messages.map((m, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `${m.topicArn ?? TOPIC_ARN}:sub-${i}`,
      Sns: {
        Type: 'Notification',
        MessageId: m.id ?? `msg-${i}`,
        TopicArn: m.topicArn ?? TOPIC_ARN,
        Subject: '',
        Message: typeof m.message === 'string' ? m.message : JSON.stringify(m.message),
        Timestamp: '2026-11-22T22:00:02.000Z',
        SignatureVersion: '1',
        Signature: 'sig',
        SigningCertUrl: 'https://sns.eu-west-1.amazonaws.com/cert.pem',
        UnsubscribeUrl: 'https://sns.eu-west-1.amazonaws.com/unsubscribe',
        MessageAttributes: {},
      },
    })),
  };
}
