/**
 * A small seeded fuzzer over event shapes: known events with hostile strings planted in their text, forged or
 * broken regions, removed or retyped fields, either topic, repeated copies, a moving clock, and webhooks that
 * fail, time out or refuse. The seed and the count are fixed, so a failure reproduces. For every run:
 *
 * - no throw escapes the handler (the dead-letter queue works, so nothing is undeliverable);
 * - every critical event reaches chat and the pager, or the dead-letter queue (for the leg that failed);
 * - no chat or paging message contains a mention or a link that came from the input.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MalformedEventError } from '../../src/notifier/events.js';
import { Logger } from '../../src/notifier/log.js';
import type { IncomingMessage } from '../../src/notifier/notifier.js';
import { parseMessage } from '../../src/notifier/parse.js';
import {
  CRITICAL_TOPIC_ARN,
  REGION,
  configComplianceChange,
  directAlarm,
  guardDutyFinding,
  securityHubFindings,
  wafAlarmStateChange,
} from './fixtures.js';
import { harness, incoming, textsOf, unsafeSpans, type Answer } from './harness.js';
import { prng } from '../seeded-random.js';

const SEED = 0x5eed_2026;
const RUNS = 60;
const MESSAGES_PER_RUN = 12;

const HOSTILE = [
  '<!channel>',
  '<!here|here>',
  '<@U0123ABCD>',
  '<#C0123ABCD>',
  '@here',
  '@channel',
  '@all',
  '@everyone',
  '@ceo',
  '<https://evil.example/login|Open in the AWS console>',
  '[Open in the AWS console](https://evil.example/login)',
  '![pixel](https://evil.example/p.png)',
  '[ref]: https://evil.example/ref',
  'https://evil.example/plain',
  'mailto://x@evil.example',
  '&lt;!channel&gt;',
  '*bold* _it_ ~s~ `code` > quote',
  '\u0000\u202e\ud800',
  'x'.repeat(5000),
];
const REGIONS = [
  'us-east-1',
  'cn-north-1',
  'us-gov-west-1',
  'evil.example/#',
  'us-east-1.evil.example',
  'a|b>c',
];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function baseEvent(random: () => number): Record<string, unknown> {
  const id = Math.floor(random() * 4)
    .toString(16)
    .repeat(32);
  switch (Math.floor(random() * 6)) {
    case 0:
      return guardDutyFinding({ id, severity: Math.round(random() * 100) / 10 });
    case 1:
      return securityHubFindings(
        Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
          pick(random, ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']),
        ),
      );
    case 2:
      return configComplianceChange(pick(random, ['NON_COMPLIANT', 'COMPLIANT']), `sg-${id.slice(0, 8)}`);
    case 3:
      return directAlarm(pick(random, ['ALARM', 'OK']), `weaviate-${id.slice(0, 4)}`);
    case 4:
      return wafAlarmStateChange(pick(random, ['ALARM', 'OK']));
    default:
      return { AlarmName: 'x', NewStateValue: 'ALARM' };
  }
}

/** Plants hostile strings and broken values into a copy of `value`, at random leaves. */
function mutate(random: () => number, value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => mutate(random, v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (random() < 0.02) continue; // a field removed
      out[k] = mutate(random, v, k);
    }
    return out;
  }
  if (/region/i.test(key) && random() < 0.3) return pick(random, REGIONS);
  if (typeof value === 'string' && random() < 0.35)
    return random() < 0.5 ? pick(random, HOSTILE) : `${value} ${pick(random, HOSTILE)}`;
  if (random() < 0.01) return pick(random, [null, 42, true, [], {}]);
  return value;
}

function answerFor(random: () => number): () => Answer {
  return () => {
    const r = random();
    if (r < 0.08) return 503;
    if (r < 0.12) return 410;
    if (r < 0.15) return 'network-error';
    return 200;
  };
}

/** The fingerprints of the critical events a message carries, as the notifier will tier them. */
function criticalFingerprints(message: IncomingMessage): string[] {
  try {
    const { events } = parseMessage(message.message, { topicRegion: REGION });
    const fromCritical = message.topicArn === CRITICAL_TOPIC_ARN;
    return events.filter((e) => fromCritical || e.tier === 'critical').map((e) => e.fingerprint);
  } catch (error) {
    // A message the parser rejects carries no event; one it fails on unexpectedly must be dead-lettered whole.
    return error instanceof MalformedEventError ? [] : [message.messageId];
  }
}

describe('the notifier under fuzzed input', () => {
  it(`keeps its guarantees over ${RUNS} seeded runs of ${MESSAGES_PER_RUN} messages`, async () => {
    const random = prng(SEED);
    let criticalChecked = 0;
    let bodiesChecked = 0;
    for (let run = 0; run < RUNS; run++) {
      let now = new Date('2026-11-22T22:00:00Z');
      const h = harness({
        config: { burstThreshold: 1 + Math.floor(random() * 4) },
        secrets: random() < 0.15 ? { paging: '{"url":""}' } : {},
        answer: answerFor(random),
        now: () => now,
      });
      const messages: IncomingMessage[] = [];
      for (let i = 0; i < MESSAGES_PER_RUN; i++) {
        const repeat = messages.length > 0 && random() < 0.2;
        const message = repeat
          ? { ...pick(random, messages), messageId: `run${run}-msg${i}` }
          : incoming(mutate(random, baseEvent(random)), {
              critical: random() < 0.3,
              id: `run${run}-msg${i}`,
            });
        messages.push(random() < 0.03 ? { ...message, message: message.message.slice(0, 40) } : message);
      }
      // Delivered in small batches, with the clock moving (now and then past the dedup window).
      for (let i = 0; i < messages.length; i += 3) {
        await assert.doesNotReject(h.notifier.process(messages.slice(i, i + 3)), `run ${run}`);
        now = new Date(now.getTime() + (random() < 0.2 ? 16 * 60_000 : Math.floor(random() * 60_000)));
      }

      const posted = (destination: string) =>
        new Set(
          h.logs
            .filter((l) => l.message === 'posted' && l.destination === destination)
            .map((l) => l.fingerprint),
        );
      const chat = posted('chat');
      const paging = posted('paging');
      const deadLettered = new Set(h.letters.map((l) => l.fingerprint ?? l.snsMessageId));
      // Logs redact URLs, fingerprints included: compare with the fingerprint as logged.
      const logged = (fingerprint: string) => new Logger(() => undefined).redact(fingerprint);
      for (const message of messages)
        for (const fingerprint of criticalFingerprints(message)) {
          criticalChecked += 1;
          assert.ok(
            (chat.has(logged(fingerprint)) && paging.has(logged(fingerprint))) ||
              deadLettered.has(fingerprint) ||
              deadLettered.has(message.messageId),
            `run ${run}: critical ${fingerprint} reached neither chat and pager nor the dead-letter queue`,
          );
        }
      for (const body of [...h.posts.chat, ...h.posts.paging]) {
        bodiesChecked += 1;
        for (const text of textsOf(body))
          assert.deepEqual(unsafeSpans(text), [], `run ${run}: ${text.slice(0, 300)}`);
      }
    }
    // The fuzzer exercised what it checks.
    assert.ok(criticalChecked >= 60, `only ${criticalChecked} critical events`);
    assert.ok(bodiesChecked >= 180, `only ${bodiesChecked} messages`);
  });
});
