/**
 * Rotation schedules for the chat and paging webhook secrets, with the notifier as their rotation function
 * (src/notifier/webhook-rotation.ts): an operator stages the new URL the chat or paging service issued, the
 * notifier posts a test notification to it through its own egress, and only a 2xx answer promotes it. A
 * rotation that finds nothing staged, or whose test fails, fails its step; the notifier logs it, and a metric
 * filter on that line raises the secret's alarm, which says what to do.
 */
import { Duration, Stack, Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TAG_ROTATION_DAYS } from '../contract/keys.js';
import { WEBHOOK_ROTATION_FAILED } from '../notifier/rotation-log.js';

export interface WebhookRotationProps {
  /** Prefix of the metric namespace (the blueprint name). */
  readonly name: string;
  /** The notifier, which rotates the secrets. */
  readonly notifier: lambda.Function;
  /** The notifier's log group, where a failed step is logged. */
  readonly logGroup: logs.ILogGroup;
  /** The notifier's role (the managed policy below is attached to it). */
  readonly role: iam.IRole;
  /** The secrets by purpose, with their names (used in the alarm's instructions). */
  readonly secrets: readonly {
    readonly purpose: 'chat' | 'paging';
    readonly secret: secretsmanager.ISecret;
    readonly secretName: string;
  }[];
  /** @default Duration.days(90) */
  readonly interval?: Duration;
}

/** Schedules rotation of each secret and returns the alarms that fire when a rotation fails. */
export function rotateWebhookSecrets(scope: Construct, props: WebhookRotationProps): cloudwatch.Alarm[] {
  const stack = Stack.of(scope);
  const days = (props.interval ?? Duration.days(90)).toDays();
  props.notifier.addPermission('SecretsManagerRotates', {
    principal: new iam.ServicePrincipal('secretsmanager.amazonaws.com'),
    sourceAccount: stack.account,
  });
  const permission = props.notifier.node.findChild('SecretsManagerRotates');
  const policy = new iam.ManagedPolicy(scope, 'WebhookRotationPolicy', {
    description: `vectorfort ${props.name}: the notifier completes the rotation of its two webhook secrets`,
    roles: [props.role],
    statements: [
      new iam.PolicyStatement({
        sid: 'RotateWebhookSecrets',
        actions: [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        resources: props.secrets.map((s) => s.secret.secretArn),
      }),
    ],
  });
  const alarms: cloudwatch.Alarm[] = [];
  for (const { purpose, secret, secretName } of props.secrets) {
    const id = purpose === 'chat' ? 'ChatWebhook' : 'PagingWebhook';
    const schedule = new secretsmanager.CfnRotationSchedule(scope, `${id}Rotation`, {
      secretId: secret.secretArn,
      rotationLambdaArn: props.notifier.functionArn,
      rotationRules: { automaticallyAfterDays: days },
      // The first URL is set after deploying; a rotation right at creation would find nothing staged.
      rotateImmediatelyOnUpdate: false,
    });
    schedule.node.addDependency(permission, policy);
    // The blueprint's interval, on the secret: a verifier holds the schedule to it, not only to a generic ceiling.
    Tags.of(secret).add(TAG_ROTATION_DAYS, String(days));
    const filter = new logs.MetricFilter(scope, `${id}RotationFailures`, {
      logGroup: props.logGroup,
      filterPattern: logs.FilterPattern.all(
        logs.FilterPattern.stringValue('$.message', '=', WEBHOOK_ROTATION_FAILED),
        logs.FilterPattern.stringValue('$.webhook', '=', purpose),
      ),
      metricNamespace: `vectorfort/${props.name}/alerting`,
      metricName: `${id}RotationFailures`,
      metricValue: '1',
      defaultValue: 0,
    });
    alarms.push(
      new cloudwatch.Alarm(scope, `${id}RotationAlarm`, {
        alarmDescription:
          `vectorfort ${props.name}: the rotation of ${secretName} failed (due every ${days} days): no new ${purpose} webhook URL was staged, or the staged one refused the test notification. ` +
          `Create a new URL at the ${purpose} service, stage it (aws secretsmanager put-secret-value --secret-id ${secretName} --secret-string '{"url":"<new URL>"}' --version-stages AWSPENDING), run aws secretsmanager rotate-secret --secret-id ${secretName}, then revoke the old URL (docs/alerting.md). The current URL stays in use until then.`,
        metric: filter.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }
  return alarms;
}
