/**
 * The heartbeat topic and its alarm: Alertmanager publishes the always-firing Watchdog alert here every few
 * minutes (k8s/heartbeat-rule.ts), and a CloudWatch alarm pages through the critical topic when the publishes
 * stop. It catches what no alert inside the cluster can: a dead Prometheus or Alertmanager, a Pod Identity or
 * SigV4 failure, an SNS endpoint or topic policy that no longer admits the publish.
 *
 * Nobody subscribes: only the count of messages published matters. The topic uses the alerting key like the
 * other alert topics; its policy lets Alertmanager's role publish and denies everyone else, so nothing but
 * Alertmanager can keep the alarm quiet.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface AlertHeartbeatProps {
  /** The topic's name. */
  readonly topicName: string;
  /** The alerting key, which encrypts the other alert topics. */
  readonly key: kms.IKey;
  /** Alertmanager's role: the only principal that may publish. */
  readonly publisher: iam.IRole;
  /** Where the alarm goes: the critical topic, which pages. */
  readonly alarmTopic: sns.ITopic;
  /** Length of one evaluation period. @default Duration.minutes(5) */
  readonly period?: Duration;
  /**
   * Consecutive periods without a publish before the alarm: Alertmanager republishes about every five minutes
   * (HEARTBEAT_TIMING), so three periods tolerate one late publish and a restart. @default 3
   */
  readonly evaluationPeriods?: number;
}

export class AlertHeartbeat extends Construct {
  readonly topic: sns.Topic;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AlertHeartbeatProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: `${props.topicName}: Alertmanager heartbeat`,
      masterKey: props.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlertmanagerPublishes',
        principals: [props.publisher],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
      }),
    );
    // An IAM policy elsewhere in the account could otherwise allow a publish that hides a broken alert path.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyAlertmanagerPublishes',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': props.publisher.roleArn } },
      }),
    );
    const evaluationPeriods = props.evaluationPeriods ?? 3;
    this.alarm = new cloudwatch.Alarm(this, 'Missing', {
      alarmDescription:
        'Alertmanager stopped publishing its heartbeat (the always-firing Watchdog alert): Prometheus or Alertmanager is down, or their publish to SNS fails, so no Weaviate alert would arrive either. See docs/observability.md#the-heartbeat-dead-mans-switch.',
      metric: this.topic.metricNumberOfMessagesPublished({
        period: props.period ?? Duration.minutes(5),
        statistic: cloudwatch.Stats.SUM,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods,
      datapointsToAlarm: evaluationPeriods,
      // SNS emits no datapoint for a period without publishes: silence is the failure this alarm exists for.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    this.alarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));
    this.alarm.addOkAction(new actions.SnsAction(props.alarmTopic));
  }
}
