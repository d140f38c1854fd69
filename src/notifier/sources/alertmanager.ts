/**
 * Prometheus alerts as our Alertmanager configuration publishes them (k8s/alertmanager-config.ts): one JSON
 * message per notification, `{source, status, alerts: [{status, labels, annotations, startsAt, fingerprint}]}`.
 * Each alert becomes one event: `severity: critical` pages, anything else goes to chat.
 *
 * Alertmanager 0.25 has no JSON function, so the template quotes strings with Go's `%q`. That is JSON for
 * printable text; for control characters Go writes `\a`, `\v`, `\xNN` and `\UNNNNNNNN`, which JSON lacks, so
 * those escapes are rewritten before parsing (by hand: no library reads Go-quoted strings).
 *
 * The fingerprint is Alertmanager's fingerprint of the label set with the moment the alert started, both
 * assigned when the alert fires, and its status: a resolution is a new event, a repeat is a duplicate.
 */
import { z } from 'zod';
import { ALERTMANAGER_MESSAGE_SOURCE } from '../../contract/keys.js';
import { MalformedEventError, type EventField, type SecurityEvent } from '../events.js';
import { clip, validate } from './validate.js';

const PREFIX = `{"source":"${ALERTMANAGER_MESSAGE_SOURCE}"`;

/** True for a message our Alertmanager configuration published (recognised before it is parsed as JSON). */
export function isAlertmanagerMessage(message: string): boolean {
  return message.startsWith(PREFIX);
}

/** Rewrites the escapes Go's `%q` uses and JSON lacks into JSON's `\uXXXX` form. */
export function goQuotedToJson(text: string): string {
  const u = (code: number) =>
    code > 0xffff ? String.fromCodePoint(code) : `\\u${code.toString(16).padStart(4, '0')}`;
  return text.replace(/\\(\\|a|v|x[0-9a-fA-F]{2}|U[0-9a-fA-F]{8})/g, (whole, esc: string) => {
    if (esc === '\\') return whole;
    if (esc === 'a') return u(7);
    if (esc === 'v') return u(11);
    return u(Number.parseInt(esc.slice(1), 16));
  });
}

const alertSchema = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: z
    .record(z.string(), z.string())
    .refine((l) => typeof l.alertname === 'string' && l.alertname !== '', {
      message: 'an alertname label',
    }),
  annotations: z.record(z.string(), z.string()).default({}),
  startsAt: z.string().min(1),
  fingerprint: z.string().min(1),
});

const messageSchema = z.looseObject({
  source: z.literal(ALERTMANAGER_MESSAGE_SOURCE),
  status: z.string(),
  alerts: z.array(z.unknown()).min(1),
});

/** Labels shown with the alert, in this order when present. */
const SHOWN_LABELS = ['severity', 'namespace', 'pod', 'persistentvolumeclaim', 'service'] as const;

export function parseAlertmanagerMessage(
  message: string,
  context: { readonly topicRegion: string; readonly topicAccount?: string },
): { events: SecurityEvent[]; rejected: string[] } {
  let body: unknown;
  try {
    body = JSON.parse(goQuotedToJson(message));
  } catch {
    throw new MalformedEventError('Alertmanager message: not JSON');
  }
  const m = validate(messageSchema, body, 'Alertmanager message');
  const events: SecurityEvent[] = [];
  const rejected: string[] = [];
  m.alerts.forEach((raw, i) => {
    try {
      events.push(toEvent(validate(alertSchema, raw, `Alertmanager alert ${i}`), context));
    } catch (e) {
      if (!(e instanceof MalformedEventError)) throw e;
      rejected.push(`alerts.${i}: ${e.reason}`);
    }
  });
  return { events, rejected };
}

function toEvent(
  a: z.output<typeof alertSchema>,
  context: { readonly topicRegion: string; readonly topicAccount?: string },
): SecurityEvent {
  const { labels, annotations } = a;
  const fields: EventField[] = SHOWN_LABELS.filter((k) => labels[k] !== undefined).map((k) => ({
    name: k,
    value: clip(labels[k]!, 200),
  }));
  if (annotations.runbook) fields.push({ name: 'runbook', value: clip(annotations.runbook, 200) });
  const resource = [labels.namespace, labels.pod ?? labels.persistentvolumeclaim].filter(Boolean).join('/');
  return {
    kind: 'prometheus',
    tier: labels.severity === 'critical' ? 'critical' : 'warning',
    title: clip(annotations.summary ?? labels.alertname!, 200),
    ...(annotations.description ? { description: clip(annotations.description, 1000) } : {}),
    severity: (labels.severity ?? 'none').toUpperCase(),
    account: context.topicAccount ?? '',
    region: context.topicRegion,
    resource: resource || labels.alertname!,
    fields,
    time: a.startsAt,
    fingerprint: `prometheus:${a.fingerprint}:${a.startsAt}:${a.status}`,
    resolved: a.status === 'resolved',
  };
}
