/**
 * Turns one SNS message into the security events it carries. Recognised: EventBridge events from GuardDuty,
 * Security Hub, Amazon Inspector, AWS Config and CloudWatch alarms (delivered whole, without an input transformer), and the
 * message a CloudWatch alarm action publishes, and Prometheus alerts from our Alertmanager. Anything else is a MalformedEventError.
 */
import { z } from 'zod';
import { MalformedEventError, type SecurityEvent } from './events.js';
import { isAlertmanagerMessage, parseAlertmanagerMessage } from './sources/alertmanager.js';
import { isDirectAlarmMessage, parseAlarmStateChange, parseDirectAlarm } from './sources/alarm.js';
import { parseConfigComplianceChange } from './sources/config.js';
import { parseGuardDutyFinding } from './sources/guardduty.js';
import { parseInspectorFinding } from './sources/inspector.js';
import { parseSecurityHubFindings } from './sources/security-hub.js';
import { validate } from './sources/validate.js';

const envelopeSchema = z.looseObject({
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  account: z.string().min(1),
  region: z.string().min(1),
  time: z.string().min(1),
  resources: z.array(z.string()).optional(),
  detail: z.unknown(),
});

export interface MessageContext {
  /** Region of the topic the message came through: the fallback when a message names none. */
  readonly topicRegion: string;
  /** Account of the topic: the account of messages that name none (Alertmanager's). @default - unknown */
  readonly topicAccount?: string;
}

export interface ParsedMessage {
  readonly events: SecurityEvent[];
  /**
   * Items of a batch (Security Hub findings) that failed the schema, each with its index and reason; the other
   * items are in `events`.
   */
  readonly rejected: string[];
}

/** The events a message carries; throws MalformedEventError when the message as a whole is not understood. */
export function parseMessage(message: string, context: MessageContext): ParsedMessage {
  const events = (list: SecurityEvent[]): ParsedMessage => ({ events: list, rejected: [] });
  if (isAlertmanagerMessage(message)) return parseAlertmanagerMessage(message, context);
  let body: unknown;
  try {
    body = JSON.parse(message);
  } catch {
    throw new MalformedEventError('the SNS message is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new MalformedEventError('the SNS message is not a JSON object');
  if (isDirectAlarmMessage(body as Record<string, unknown>))
    return events([parseDirectAlarm(body, context.topicRegion)]);
  if (!('detail-type' in body))
    throw new MalformedEventError(
      'neither an EventBridge event (detail-type) nor a CloudWatch alarm message',
    );
  const e = validate(envelopeSchema, body, 'EventBridge event');
  const kind = `${e.source}|${e['detail-type']}`;
  switch (kind) {
    case 'aws.guardduty|GuardDuty Finding':
      return events([parseGuardDutyFinding(e.detail, e.time)]);
    case 'aws.securityhub|Security Hub Findings - Imported':
      return parseSecurityHubFindings(e.detail, e.region, e.time);
    case 'aws.config|Config Rules Compliance Change':
      return events([parseConfigComplianceChange(e.detail, e.time)]);
    case 'aws.inspector2|Inspector2 Finding':
      return events([parseInspectorFinding(e.detail, e.region, e.time)]);
    case 'aws.cloudwatch|CloudWatch Alarm State Change':
      return events([parseAlarmStateChange(e.detail, e)]);
    default:
      throw new MalformedEventError(
        `EventBridge event: unsupported source/detail-type ${JSON.stringify(e.source)} / ${JSON.stringify(e['detail-type']).slice(0, 80)}`,
      );
  }
}
