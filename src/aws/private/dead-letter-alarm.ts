/**
 * An alarm on the notifier's dead-letter queue. A message there is a security event (or a page) that did not
 * reach people, so it must not wait for someone to look at the queue.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * Alarms as soon as one message waits in `queue`, and notifies `criticalTopic`: its pager subscriptions
 * (e-mail or HTTPS) reach people without the notifier, which may be what is failing.
 */
export function alarmOnDeadLetters(
  scope: Construct,
  queue: sqs.IQueue,
  criticalTopic: sns.ITopic,
): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, 'NotifierDeadLettersWaiting', {
    alarmDescription:
      'Security events or pages the notifier could not deliver are waiting in its dead-letter queue; read them, fix the cause, and republish each message to its topic.',
    metric: queue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: cloudwatch.Stats.MAXIMUM,
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new actions.SnsAction(criticalTopic));
  return alarm;
}
