/**
 * CloudWatch alarm state changes, in both shapes they arrive in: the message an alarm action publishes to SNS
 * directly (`AlarmName`, `NewStateValue`, `Trigger` …), and the EventBridge event (`detail-type: CloudWatch
 * Alarm State Change`). Both describe the same transition, so both produce the same fingerprint.
 *
 * The fingerprint is the alarm's ARN (account and region included), the new state and the moment CloudWatch
 * recorded the transition. Alarm names are predictable; the transition's timestamp is not, so a forged message
 * (an EventBridge rule with a constant input can publish any JSON to the topic) cannot pre-empt the real
 * transition and have it collapsed as a duplicate.
 */
import { z } from 'zod';
import type { EventField, SecurityEvent } from '../events.js';
import { alarmUrl } from './console.js';
import { parseRegionalArn } from './region.js';
import { clip, validate } from './validate.js';

interface AlarmTransition {
  readonly name: string;
  readonly description?: string;
  readonly account: string;
  readonly region: string;
  readonly arn?: string;
  readonly state: string;
  readonly previousState?: string;
  readonly reason?: string;
  readonly time: string;
  /** When CloudWatch recorded the transition (part of the fingerprint). */
  readonly transitionTime?: string;
  readonly namespace?: string;
  readonly metric?: string;
  readonly dimensions: readonly { readonly name: string; readonly value: string }[];
  readonly threshold?: string;
}

const dimensionSchema = z.looseObject({ name: z.string(), value: z.string() });

const directSchema = z.looseObject({
  AlarmName: z.string().min(1),
  AlarmDescription: z.string().nullish(),
  AWSAccountId: z.string().min(1),
  AlarmArn: z.string().optional(),
  NewStateValue: z.string().min(1),
  OldStateValue: z.string().optional(),
  NewStateReason: z.string().optional(),
  StateChangeTime: z.string().optional(),
  Trigger: z
    .looseObject({
      MetricName: z.string().optional(),
      Namespace: z.string().optional(),
      Dimensions: z.array(dimensionSchema).optional(),
      ComparisonOperator: z.string().optional(),
      Threshold: z.number().optional(),
    })
    .optional(),
});

/** True when a parsed SNS message looks like an alarm action's own message (not an EventBridge event). */
export function isDirectAlarmMessage(message: Record<string, unknown>): boolean {
  return 'AlarmName' in message && 'NewStateValue' in message;
}

/**
 * An alarm action's message; `fallbackRegion` (the topic's) is used when the message carries no valid alarm ARN.
 */
export function parseDirectAlarm(message: unknown, fallbackRegion: string): SecurityEvent {
  const m = validate(directSchema, message, 'CloudWatch alarm message');
  const arn = alarmArn(m.AlarmArn);
  return toEvent({
    name: m.AlarmName,
    description: m.AlarmDescription ?? undefined,
    account: m.AWSAccountId,
    region: arn ? (parseRegionalArn(arn)?.region ?? fallbackRegion) : fallbackRegion,
    arn,
    state: m.NewStateValue,
    previousState: m.OldStateValue,
    reason: m.NewStateReason,
    time: m.StateChangeTime ?? new Date(0).toISOString(),
    transitionTime: m.StateChangeTime,
    namespace: m.Trigger?.Namespace,
    metric: m.Trigger?.MetricName,
    dimensions: m.Trigger?.Dimensions ?? [],
    threshold:
      m.Trigger?.Threshold !== undefined
        ? `${m.Trigger.ComparisonOperator ?? ''} ${m.Trigger.Threshold}`.trim()
        : undefined,
  });
}

const eventDetailSchema = z.looseObject({
  alarmName: z.string().min(1),
  state: z.looseObject({
    value: z.string().min(1),
    reason: z.string().optional(),
    timestamp: z.string().optional(),
  }),
  previousState: z.looseObject({ value: z.string().optional() }).optional(),
  configuration: z
    .looseObject({
      description: z.string().optional(),
      metrics: z
        .array(
          z.looseObject({
            metricStat: z
              .looseObject({
                metric: z
                  .looseObject({
                    namespace: z.string().optional(),
                    name: z.string().optional(),
                    dimensions: z.record(z.string(), z.string()).optional(),
                  })
                  .optional(),
              })
              .optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

export function parseAlarmStateChange(
  detail: unknown,
  envelope: { account: string; region: string; time: string; resources?: readonly string[] },
): SecurityEvent {
  const d = validate(eventDetailSchema, detail, 'CloudWatch alarm state change');
  const metric = d.configuration?.metrics?.find((m) => m.metricStat?.metric)?.metricStat?.metric;
  return toEvent({
    name: d.alarmName,
    description: d.configuration?.description,
    account: envelope.account,
    region: envelope.region,
    arn: alarmArn(envelope.resources?.[0]),
    state: d.state.value,
    previousState: d.previousState?.value,
    reason: d.state.reason,
    time: envelope.time,
    transitionTime: d.state.timestamp,
    namespace: metric?.namespace,
    metric: metric?.name,
    dimensions: Object.entries(metric?.dimensions ?? {}).map(([name, value]) => ({ name, value })),
  });
}

function toEvent(a: AlarmTransition): SecurityEvent {
  const source = a.namespace === 'AWS/WAFV2' ? 'WAF' : a.namespace ? 'Metric' : 'Alarm';
  const fields: EventField[] = [
    { name: 'State', value: a.previousState ? `${a.previousState} → ${a.state}` : a.state },
  ];
  if (a.namespace || a.metric)
    fields.push({ name: 'Metric', value: [a.namespace, a.metric].filter(Boolean).join(' / ') });
  for (const d of a.dimensions.slice(0, 3)) fields.push({ name: d.name, value: d.value });
  if (a.threshold) fields.push({ name: 'Threshold', value: a.threshold });
  if (a.reason) fields.push({ name: 'Reason', value: clip(a.reason, 500) });
  const webAcl = a.dimensions.find((d) => d.name === 'WebACL')?.value;
  const resolved = a.state === 'OK';
  return {
    kind: 'alarm',
    tier: 'warning',
    title: resolved
      ? `${source} alarm ${a.name} is back to OK`
      : `${source} alarm ${a.name} is in state ${a.state}`,
    description: a.description,
    severity: a.state,
    account: a.account,
    region: a.region,
    resource: webAcl ? `WAF web ACL ${webAcl}` : (a.arn ?? `alarm ${a.name}`),
    consoleUrl: alarmUrl(a.region, a.name),
    fields,
    time: a.time,
    // Each transition is one event: the alarm action and the EventBridge event for it collapse into one.
    fingerprint: [
      'alarm',
      a.arn ?? `${a.account}:${a.region}:${a.name}`,
      a.state,
      normalizedTime(a.transitionTime),
    ].join(':'),
    resolved,
  };
}

/** A CloudWatch alarm ARN whose partition, region and account are well formed; undefined otherwise. */
function alarmArn(raw: string | undefined): string | undefined {
  const arn = raw === undefined ? undefined : parseRegionalArn(raw);
  return arn?.service === 'cloudwatch' && arn.resource.startsWith('alarm:') ? raw : undefined;
}

/** The two shapes write the same instant differently (`…000+0000` and `…000Z`); compare instants. */
function normalizedTime(raw: string | undefined): string {
  if (raw === undefined) return 'unknown-time';
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? raw : new Date(ms).toISOString();
}
