/**
 * Routes security events to the alert topics: AWS Config non-compliance, GuardDuty findings of medium severity
 * or more (4.0+; high, 7.0+, also pages), Security Hub critical findings (page), active Inspector findings of
 * high or critical severity (critical ones page), and the stack's security
 * alarms, including those of the us-east-1 edge stack forwarded to this region's bus. The notifier behind the
 * topics collapses duplicates and summarises bursts.
 */
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { AlertTopics } from '../alerting.js';
import type { ForwardedAlarms } from '../edge/alarm-forwarding.js';

/** The event patterns, as data (tests and docs read them). */
export const EVENT_PATTERNS = {
  ConfigNonCompliant: {
    pattern: {
      source: ['aws.config'],
      detailType: ['Config Rules Compliance Change'],
      detail: { newEvaluationResult: { complianceType: ['NON_COMPLIANT'] } },
    },
    critical: false,
  },
  GuardDutyMediumOrHigher: {
    pattern: {
      source: ['aws.guardduty'],
      detailType: ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', 4] }] },
    },
    critical: false,
  },
  GuardDutyHigh: {
    pattern: {
      source: ['aws.guardduty'],
      detailType: ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', 7] }] },
    },
    critical: true,
  },
  SecurityHubCritical: {
    pattern: {
      source: ['aws.securityhub'],
      detailType: ['Security Hub Findings - Imported'],
      detail: {
        findings: {
          Severity: { Label: ['CRITICAL'] },
          Workflow: { Status: ['NEW'] },
          RecordState: ['ACTIVE'],
        },
      },
    },
    critical: true,
  },
  InspectorHighOrCritical: {
    pattern: {
      source: ['aws.inspector2'],
      detailType: ['Inspector2 Finding'],
      detail: { severity: ['HIGH', 'CRITICAL'], status: ['ACTIVE'] },
    },
    critical: false,
  },
  InspectorCritical: {
    pattern: {
      source: ['aws.inspector2'],
      detailType: ['Inspector2 Finding'],
      detail: { severity: ['CRITICAL'], status: ['ACTIVE'] },
    },
    critical: true,
  },
} as const satisfies Record<string, { pattern: events.EventPattern; critical: boolean }>;

export interface SecurityEventRoutingProps {
  readonly alerting: AlertTopics;
  /** Which event sources exist in this deployment. */
  readonly sources: {
    readonly config: boolean;
    readonly guardDuty: boolean;
    readonly securityHub: boolean;
    /** @default false */
    readonly inspector?: boolean;
  };
  /** Alarms to notify on: warnings go to the topic, critical ones to both topics. */
  readonly alarms: readonly { readonly alarm: cloudwatch.Alarm; readonly critical: boolean }[];
  /**
   * Alarms of another region whose ALARM transitions arrive on this region's default bus (an alarm action cannot
   * reach a topic in another region; edge/alarm-forwarding.ts). @default []
   */
  readonly forwardedAlarms?: readonly ForwardedAlarms[];
}

export class SecurityEventRouting extends Construct {
  readonly rules: readonly events.Rule[];

  constructor(scope: Construct, id: string, props: SecurityEventRoutingProps) {
    super(scope, id);
    const rules: events.Rule[] = [];
    for (const [name, spec] of Object.entries(EVENT_PATTERNS)) {
      const source = spec.pattern.source[0];
      const on =
        (source === 'aws.config' && props.sources.config) ||
        (source === 'aws.guardduty' && props.sources.guardDuty) ||
        (source === 'aws.securityhub' && props.sources.securityHub) ||
        (source === 'aws.inspector2' && props.sources.inspector === true);
      if (!on) continue;
      const topics = spec.critical
        ? [props.alerting.criticalTopic, props.alerting.topic]
        : [props.alerting.topic];
      // GuardDutyHigh and InspectorCritical are subsets of rules that already reach the chat topic.
      const targetsFor =
        name === 'GuardDutyHigh' || name === 'InspectorCritical' ? [props.alerting.criticalTopic] : topics;
      rules.push(
        new events.Rule(this, name, {
          description: `vectorfort: ${name} → alerts`,
          eventPattern: spec.pattern as events.EventPattern,
          targets: targetsFor.map((t) => new targets.SnsTopic(t)),
        }),
      );
    }
    for (const forwarded of props.forwardedAlarms ?? [])
      rules.push(
        new events.Rule(this, `Forwarded${forwarded.name}`, {
          description: `vectorfort: forwarded ${forwarded.name} alarms → alerts`,
          eventPattern: forwarded.pattern,
          targets: (forwarded.critical
            ? [props.alerting.criticalTopic, props.alerting.topic]
            : [props.alerting.topic]
          ).map((t) => new targets.SnsTopic(t)),
        }),
      );
    this.rules = rules;
    for (const { alarm, critical } of props.alarms) {
      alarm.addAlarmAction(new actions.SnsAction(props.alerting.topic));
      if (critical) alarm.addAlarmAction(new actions.SnsAction(props.alerting.criticalTopic));
    }
  }
}
