/**
 * The Alertmanager configuration: every alert goes to the security-events topic (chat), critical ones to the
 * critical topic as well (paging), the same tiers the AWS findings and alarms use, so Weaviate's alerts reach the
 * same notifier, deduplication and paging. Alertmanager publishes with SigV4 (credentials from the pod's
 * identity), and the message is a JSON document the notifier parses (src/notifier/sources/alertmanager.ts).
 *
 * The topic ARNs are parameters: the stack passes CloudFormation references, tests pass local topics.
 */

import { ALERTMANAGER_MESSAGE_SOURCE } from '../contract/keys.js';

/** The severity label value that pages. */
export const CRITICAL_SEVERITY = 'critical';

/** Receiver names; routes refer to them. */
export const ALERTMANAGER_RECEIVERS = {
  normal: 'security-events',
  critical: 'security-events-critical',
  heartbeat: 'heartbeat',
} as const;

/**
 * The always-firing alert that proves the path works (the dead-man's switch): its own route sends it to the
 * heartbeat topic only, where a CloudWatch alarm pages when it stops arriving (aws/alert-heartbeat.ts).
 */
export const HEARTBEAT_ALERT = 'Watchdog';
/** The severity label of the heartbeat: not a condition anyone acts on. */
export const HEARTBEAT_SEVERITY = 'none';
/**
 * How often the heartbeat is republished. Alertmanager checks the repeat interval at each group interval, so a
 * one-minute group interval keeps the gap near five minutes (with both at five it would be ten).
 */
export const HEARTBEAT_TIMING = { groupWait: '0s', groupInterval: '1m', repeatInterval: '5m' } as const;

export { ALERTMANAGER_MESSAGE_SOURCE };

/** How long Alertmanager waits, groups and repeats; production values by default. */
export interface AlertmanagerTiming {
  /** @default '30s' */
  readonly groupWait?: string;
  /** @default '5m' */
  readonly groupInterval?: string;
  /** @default '4h' */
  readonly repeatInterval?: string;
}

export interface AlertmanagerConfigProps {
  /** Region of the topics (SigV4 signs for it). */
  readonly region: string;
  /** ARN of the topic for every alert (the notifier posts it to chat). */
  readonly topicArn: string;
  /** ARN of the topic for critical alerts (the notifier pages). */
  readonly criticalTopicArn: string;
  /** ARN of the heartbeat topic the always-firing alert goes to, and nothing else. */
  readonly heartbeatTopicArn: string;
  /** @default - production timing (see AlertmanagerTiming) */
  readonly timing?: AlertmanagerTiming;
}

/** A Go-template expression that renders a string as a JSON string literal (`%q` quoting). */
const q = (expr: string) => `{{ printf "%q" ${expr} }}`;

/**
 * `"name":"value"` pairs of a label or annotation set, sorted by name. Starts by trimming the space before it:
 * a JSON `{` directly before `{{` would read as `{{` followed by `{`.
 */
const pairs = (set: string) =>
  `{{- range $j, $p := ${set}.SortedPairs }}{{ if $j }},{{ end }}${q('$p.Name')}:${q('$p.Value')}{{ end }}`;

/**
 * The SNS message: the group's status and each alert's status, labels, annotations, start and fingerprint, as
 * JSON. Alertmanager 0.25 has no JSON function, so strings are quoted with Go's `%q`, which is JSON for every
 * printable string; the notifier also accepts the escapes `%q` uses for control characters.
 */
export const ALERTMANAGER_MESSAGE_TEMPLATE =
  `{"source":"${ALERTMANAGER_MESSAGE_SOURCE}","status":${q('.Status')},"alerts":[` +
  '{{ range $i, $a := .Alerts }}{{ if $i }},{{ end }}' +
  `{"status":${q('$a.Status')},"labels":{ ${pairs('$a.Labels')}},"annotations":{ ${pairs('$a.Annotations')}},` +
  `"startsAt":${q('($a.StartsAt.Format "2006-01-02T15:04:05Z07:00")')},"fingerprint":${q('$a.Fingerprint')}}` +
  '{{ end }}]}';

/** SNS subjects are ASCII, at most 100 characters: the status and the alert name are both. */
const SUBJECT_TEMPLATE = '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}';

export function alertmanagerConfig(props: AlertmanagerConfigProps): Record<string, unknown> {
  const timing = props.timing ?? {};
  const sns = (topicArn: string) => ({
    topic_arn: topicArn,
    sigv4: { region: props.region },
    subject: SUBJECT_TEMPLATE,
    message: ALERTMANAGER_MESSAGE_TEMPLATE,
    send_resolved: true,
  });
  return {
    route: {
      receiver: ALERTMANAGER_RECEIVERS.normal,
      group_by: ['alertname', 'namespace'],
      group_wait: timing.groupWait ?? '30s',
      group_interval: timing.groupInterval ?? '5m',
      repeat_interval: timing.repeatInterval ?? '4h',
      routes: [
        // First, and matching the name and severity both: no Weaviate alert can end up on the heartbeat topic,
        // which no person reads, and the heartbeat never reaches chat.
        {
          receiver: ALERTMANAGER_RECEIVERS.heartbeat,
          matchers: [`alertname="${HEARTBEAT_ALERT}"`, `severity="${HEARTBEAT_SEVERITY}"`],
          group_wait: HEARTBEAT_TIMING.groupWait,
          group_interval: HEARTBEAT_TIMING.groupInterval,
          repeat_interval: HEARTBEAT_TIMING.repeatInterval,
        },
        {
          receiver: ALERTMANAGER_RECEIVERS.critical,
          matchers: [`severity="${CRITICAL_SEVERITY}"`],
        },
      ],
    },
    receivers: [
      { name: ALERTMANAGER_RECEIVERS.normal, sns_configs: [sns(props.topicArn)] },
      // Critical alerts page and still reach chat, like the critical AWS findings.
      {
        name: ALERTMANAGER_RECEIVERS.critical,
        sns_configs: [sns(props.criticalTopicArn), sns(props.topicArn)],
      },
      // Never resolved: only its arrival counts, and a resolved message would look like one.
      {
        name: ALERTMANAGER_RECEIVERS.heartbeat,
        sns_configs: [{ ...sns(props.heartbeatTopicArn), send_resolved: false }],
      },
    ],
  };
}
