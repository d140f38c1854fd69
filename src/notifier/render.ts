/**
 * Slack-compatible messages (incoming-webhook JSON: `text` for notifications and clients without blocks,
 * `blocks` for the layout). Mattermost, Rocket.Chat and other Slack-compatible webhooks read `text`.
 * Written by hand: the Slack SDKs wrap the Web API, not the few block shapes a webhook message needs.
 */
import { KIND_LABELS, type EventKind, type SecurityEvent, type Tier } from './events.js';

export interface ChatMessage {
  readonly text: string;
  readonly blocks: readonly Record<string, unknown>[];
}

/** Slack's limits: header text 150 characters, section text 3000, at most 10 fields of 2000 each. */
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;
const MAX_FIELDS = 10;

const TIER_BADGE: Readonly<Record<Tier, string>> = {
  critical: ':rotating_light: CRITICAL',
  warning: ':warning: WARNING',
};

export interface RenderOptions {
  /** Identical events collapsed in the previous window (shown so the count is not lost). @default 0 */
  readonly previousDuplicates?: number;
}

export function renderEvent(event: SecurityEvent, options: RenderOptions = {}): ChatMessage {
  const badge = event.resolved ? ':white_check_mark: RESOLVED' : TIER_BADGE[event.tier];
  const label = KIND_LABELS[event.kind];
  const fields = [
    { name: 'Severity', value: event.severity },
    { name: 'Account / region', value: `${event.account} / ${event.region}` },
    { name: 'Resource', value: event.resource },
    ...event.fields,
  ].slice(0, MAX_FIELDS);
  const summary = event.description
    ? `*${escape(event.title)}*\n${escape(event.description)}`
    : `*${escape(event.title)}*`;
  const context = [`${label} at ${event.time}`];
  if (options.previousDuplicates)
    context.push(`${options.previousDuplicates} identical event(s) were collapsed in the previous window`);
  return {
    text: `${badge} ${label}: ${event.title} (${event.account}, ${event.region})`,
    blocks: [
      {
        type: 'header',
        text: { type: 'plain_text', text: clip(`${badge} ${label}`, HEADER_MAX), emoji: true },
      },
      { type: 'section', text: { type: 'mrkdwn', text: clip(summary, SECTION_MAX) } },
      {
        type: 'section',
        fields: fields.map((f) => ({
          type: 'mrkdwn',
          text: clip(`*${escape(f.name)}*\n${escape(f.value)}`, FIELD_MAX),
        })),
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `<${linkSafe(event.consoleUrl)}|Open in the AWS console>` },
      },
      { type: 'context', elements: context.map((text) => ({ type: 'mrkdwn', text: escape(text) })) },
    ],
  };
}

export interface BurstSummary {
  readonly kind: EventKind;
  readonly tier: Tier;
  /** Events of this kind and tier seen in the window, this one included. */
  readonly count: number;
  readonly threshold: number;
  readonly windowEnd: Date;
  /** The event that crossed the threshold: its link and account stand in for the burst. */
  readonly sample: SecurityEvent;
}

/** One message instead of a flood: says what is bursting and until when further events are held back. */
export function renderBurstSummary(s: BurstSummary): ChatMessage {
  const label = KIND_LABELS[s.kind];
  const until = s.windowEnd.toISOString();
  const line = `More than ${s.threshold} ${label}s (${s.tier}) within the window; further ones are not posted until ${until}.`;
  return {
    text: `${TIER_BADGE[s.tier]} Burst of ${label}s: ${line}`,
    blocks: [
      {
        type: 'header',
        text: {
          type: 'plain_text',
          text: clip(`${TIER_BADGE[s.tier]} Burst of ${label}s`, HEADER_MAX),
          emoji: true,
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: escape(line) } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Events so far*\n${s.count}` },
          {
            type: 'mrkdwn',
            text: `*Account / region*\n${escape(`${s.sample.account} / ${s.sample.region}`)}`,
          },
          { type: 'mrkdwn', text: clip(`*Latest*\n${escape(s.sample.title)}`, FIELD_MAX) },
        ],
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `<${linkSafe(s.sample.consoleUrl)}|Open the latest in the AWS console>`,
        },
      },
    ],
  };
}

/** Slack mrkdwn control characters; everything from AWS is untrusted text (resource names, annotations). */
function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A URL inside `<url|label>` must not contain the delimiters. */
function linkSafe(url: string): string {
  return url.replaceAll('|', '%7C').replaceAll('>', '%3E').replaceAll('<', '%3C');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
