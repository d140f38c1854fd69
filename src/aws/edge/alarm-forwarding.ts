/**
 * How the us-east-1 edge stack's alarms reach people. An alarm action cannot publish to an SNS topic in another
 * region, so the alarm has no action; instead CloudWatch's own "CloudWatch Alarm State Change" event is
 * forwarded by an EventBridge rule in us-east-1 to the default event bus of the main region, where the main
 * stack's security event routing sends it to the alert topic (the notifier reads the EventBridge form of an
 * alarm as it reads the SNS form).
 *
 * Both sides match the alarm by ARN: the edge side by the alarm's own ARN, the main side by the prefix every
 * alarm of the edge stack has (CloudFormation names an unnamed alarm `<stack name>-<logical id>-<suffix>`), so
 * the main stack needs no cross-region reference for it. Only transitions into ALARM are forwarded, as the SNS
 * alarm actions of the main stack's own alarms notify only on ALARM.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../nag.js';

const ALARM_STATE_CHANGE = 'CloudWatch Alarm State Change';

/** An alarm of another region whose state changes arrive on this region's default bus. */
export interface ForwardedAlarms {
  /** Names the routing rule (letters and digits). */
  readonly name: string;
  /** What the routing rule on the receiving bus matches. */
  readonly pattern: events.EventPattern;
  /** Critical alarms page as well. */
  readonly critical: boolean;
}

export interface AlarmForwardingProps {
  readonly alarms: readonly cloudwatch.IAlarm[];
  /** The region whose default event bus receives the events (same account). */
  readonly toRegion: string;
}

/** The EventBridge rule (in the alarms' region) forwarding their ALARM transitions to another region's bus. */
export class AlarmForwarding extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: AlarmForwardingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const bus = events.EventBus.fromEventBusArn(
      this,
      'TargetBus',
      stack.formatArn({
        service: 'events',
        region: props.toRegion,
        resource: 'event-bus',
        resourceName: 'default',
      }),
    );
    this.rule = new events.Rule(this, 'Rule', {
      description: `vectorfort: ALARM transitions of the ${stack.region} edge alarms → the ${props.toRegion} default event bus (alerting)`,
      eventPattern: {
        source: ['aws.cloudwatch'],
        detailType: [ALARM_STATE_CHANGE],
        resources: props.alarms.map((a) => a.alarmArn),
        detail: { state: { value: ['ALARM'] } },
      },
      // Cross-region bus targets need a role; CDK's grants events:PutEvents on that one bus only.
      targets: [new targets.EventBus(bus)],
    });
    const policy = this.rule.node.tryFindChild('EventsRole')?.node.tryFindChild('DefaultPolicy');
    if (policy)
      acknowledgeNag(
        policy,
        'NIST.800.53.R5-IAMNoInlinePolicy',
        `Inline policy CDK generates for the EventBridge role of the alarm forwarding: events:PutEvents on the ${props.toRegion} default event bus only.`,
      );
  }
}

/** The pattern the receiving stack's routing uses for the forwarded alarms of the stack `stackName` in `region`. */
export function forwardedAlarmPattern(
  receiver: Stack,
  stackName: string,
  region: string,
): events.EventPattern {
  const alarmArnPrefix = receiver.formatArn({
    service: 'cloudwatch',
    region,
    resource: 'alarm',
    resourceName: `${stackName}-`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  return {
    source: ['aws.cloudwatch'],
    detailType: [ALARM_STATE_CHANGE],
    account: [receiver.account],
    region: [region],
    resources: events.Match.prefix(alarmArnPrefix),
    detail: { state: { value: ['ALARM'] } },
  };
}
