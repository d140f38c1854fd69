/**
 * Slack-compatible messages (incoming-webhook JSON: `text` for notifications and clients without blocks,
 * `blocks` for the layout). Mattermost, Rocket.Chat and other Slack-compatible webhooks read `text`.
 * Written by hand: the Slack SDKs wrap the Web API, not the few block shapes a webhook message needs.
 *
 * Every piece of text from a message goes through chatText (chat-text.ts), in `text` as in the blocks; the only
 * links are the console and remediation links the sources built or verified. mrkdwn objects are `verbatim`
 * (Slack does not auto-link or parse mentions in them) and unfurling is off (no fetch of a URL in the text).
 */
import { chatText, clip, linkTarget } from './chat-text.js';
import { KIND_LABELS, type EventKind, type SecurityEvent, type Tier } from './events.js';
import { isAwsRegion } from './sources/region.js';

export interface ChatMessage {
  readonly text: string;
  readonly blocks: readonly Record<string, unknown>[];
  readonly unfurl_links: false;
  readonly unfurl_media: false;
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
    { name: 'Account / region', value: `${event.account} / ${regionText(event.region)}` },
    { name: 'Resource', value: event.resource },
    ...event.fields,
  ].slice(0, MAX_FIELDS);
  const summary = event.description
    ? `*${chatText(event.title)}*\n${chatText(event.description)}`
    : `*${chatText(event.title)}*`;
  const context = [`${label} at ${chatText(event.time)}`];
  if (options.previousDuplicates)
    context.push(`${options.previousDuplicates} identical event(s) were collapsed in the previous window`);
  const links = [
    event.consoleUrl && `<${linkTarget(event.consoleUrl)}|Open in the AWS console>`,
    event.remediationUrl && `<${linkTarget(event.remediationUrl)}|Remediation>`,
  ].filter(Boolean);
  return message(
    `${badge} ${label}: ${chatText(event.title)} (${chatText(event.account)}, ${chatText(event.region)})`,
    [
      header(`${badge} ${label}`),
      section(clip(summary, SECTION_MAX)),
      {
        type: 'section',
        fields: fields.map((f) => mrkdwn(clip(`*${chatText(f.name)}*\n${chatText(f.value)}`, FIELD_MAX))),
      },
      section(links.length ? links.join(' · ') : 'No console link: the event names no AWS region.'),
      { type: 'context', elements: context.map(mrkdwn) },
    ],
  );
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

/** One message instead of a flood: says what is bursting and when the held-back rest will be reported. */
export function renderBurstSummary(s: BurstSummary): ChatMessage {
  const label = KIND_LABELS[s.kind];
  const until = s.windowEnd.toISOString();
  const line = `More than ${s.threshold} ${label}s (${s.tier}) within the window; further ones are held back until ${until} and then summarised.`;
  return message(`${TIER_BADGE[s.tier]} Burst of ${label}s: ${line}`, [
    header(`${TIER_BADGE[s.tier]} Burst of ${label}s`),
    section(line),
    {
      type: 'section',
      fields: [
        mrkdwn(`*Events so far*\n${s.count}`),
        mrkdwn(`*Account / region*\n${chatText(s.sample.account)} / ${regionText(s.sample.region)}`),
        mrkdwn(clip(`*Latest*\n${chatText(s.sample.title)}`, FIELD_MAX)),
      ],
    },
    section(
      s.sample.consoleUrl
        ? `<${linkTarget(s.sample.consoleUrl)}|Open the latest in the AWS console>`
        : 'No console link: the latest event names no AWS region.',
    ),
  ]);
}

export interface HeldBackSummary {
  readonly kind: EventKind;
  readonly tier: Tier;
  readonly windowStart: Date;
  readonly windowEnd: Date;
  /** Events held back after the burst summary. */
  readonly held: number;
  /** Titles of the first ones held back (the store keeps a bounded number). */
  readonly titles: readonly string[];
}

/** Accounts for every event a burst held back: how many, in which window, and the first titles. */
export function renderHeldBackSummary(s: HeldBackSummary): ChatMessage {
  const label = KIND_LABELS[s.kind];
  const line = `${s.held} further ${label}(s) (${s.tier}) were held back between ${s.windowStart.toISOString()} and ${s.windowEnd.toISOString()}; their details are in the notifier's log.`;
  const titles = s.titles.map((t) => `• ${clip(chatText(t), 200)}`);
  if (s.held > s.titles.length) titles.push(`… and ${s.held - s.titles.length} more`);
  return message(`${TIER_BADGE[s.tier]} End of a burst of ${label}s: ${line}`, [
    header(`${TIER_BADGE[s.tier]} End of a burst of ${label}s`),
    section(line),
    ...(titles.length ? [section(clip(titles.join('\n'), SECTION_MAX))] : []),
  ]);
}

function message(text: string, blocks: Record<string, unknown>[]): ChatMessage {
  return { text, blocks, unfurl_links: false, unfurl_media: false };
}

function header(text: string): Record<string, unknown> {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, HEADER_MAX), emoji: true } };
}

function section(text: string): Record<string, unknown> {
  return { type: 'section', text: mrkdwn(text) };
}

function mrkdwn(text: string): Record<string, unknown> {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** The region as text, marked when it is not one (it then has no console link either). */
function regionText(region: string): string {
  return isAwsRegion(region) ? region : `${chatText(region)} (not an AWS region)`;
}
