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
} as const;

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
    ],
  };
}
