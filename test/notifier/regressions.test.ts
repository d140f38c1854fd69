/**
 * Regression tests for the adversarial review of the alert path: critical events lost behind bursts and an
 * unset pager (10), claims leaked by a timeout (11), and chat injection, forged fingerprints and batch-wide
 * rejection (12). Inputs are crafted here; dependencies are in memory (harness.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryBurstLedger } from '../../src/notifier/burst-ledger.js';
import { MemoryDedupStore } from '../../src/notifier/dedup-store.js';
import { parseMessage } from '../../src/notifier/parse.js';
import {
  REGION,
  configComplianceChange,
  directAlarm,
  guardDutyFinding,
  securityHubFindings,
  wafAlarmStateChange,
} from './fixtures.js';
import { harness, incoming, textsOf, unsafeSpans } from './harness.js';

const at = (iso: string) => () => new Date(iso);

describe('10: a critical event reaches chat and the pager, or the dead-letter queue', () => {
  it('posts a critical copy to chat and the pager when its warning copy was held back by a burst', async () => {
    const h = harness({ config: { burstThreshold: 1 } });
    const warnings = ['weaviate-a', 'weaviate-b', 'weaviate-c'].map((name) =>
      incoming(directAlarm('ALARM', name)),
    );
    const first = await h.notifier.process(warnings);
    assert.deepEqual(
      [first.events.posted, first.events.summarised, first.events['burst-suppressed']],
      [1, 1, 1],
    );
    assert.ok(!h.posts.chat.some((m) => m.text.includes('weaviate-c is in state')), 'c was held back');

    const critical = await h.notifier.process([
      incoming(directAlarm('ALARM', 'weaviate-c'), { critical: true }),
    ]);

    assert.equal(critical.events.posted, 1);
    assert.equal(critical.events.escalated, 0);
    for (const destination of ['chat', 'paging'] as const)
      assert.ok(
        h.posts[destination].some((m) =>
          m.text.startsWith(
            ':rotating_light: CRITICAL CloudWatch alarm: Metric alarm weaviate-c is in state ALARM',
          ),
        ),
        `${destination} has the critical alarm`,
      );
    assert.deepEqual(h.letters, []);
  });

  it('never holds a critical event back, however many arrive in the window', async () => {
    const h = harness({ config: { burstThreshold: 2 } });
    const ids = Array.from({ length: 6 }, (_, i) => `${i}`.repeat(32));
    const report = await h.notifier.process(ids.map((id) => incoming(guardDutyFinding({ id, severity: 8 }))));
    assert.equal(report.events.posted, 6);
    assert.equal(report.events.summarised + report.events['burst-suppressed'], 0);
    assert.equal(h.posts.chat.length, 6);
    assert.equal(h.posts.paging.length, 6);
  });

  it('dead-letters the page of a critical copy, not "escalated", while the paging secret is still empty', async () => {
    const h = harness({ secrets: { paging: '{"url":""}' } });
    const alarm = directAlarm('ALARM', 'weaviate-root-usage');
    await h.notifier.process([incoming(alarm)]);
    const report = await h.notifier.process([incoming(alarm, { critical: true, id: 'msg-critical' })]);
    assert.equal(report.events.escalated, 0);
    assert.equal(report.events['dead-lettered'], 1);
    assert.equal(h.posts.chat.length, 1, 'chat already had the warning copy');
    assert.deepEqual(
      h.letters.map((l) => [l.destination, l.reason, l.snsMessageId]),
      [['paging', 'the paging webhook secret holds no URL yet', 'msg-critical']],
    );
  });

  it('dead-letters the page of a critical event when no paging webhook is configured at all', async () => {
    const h = harness({ config: { pagingSecretId: undefined } });
    const report = await h.notifier.process([incoming(securityHubFindings(['CRITICAL']), { id: 'msg-sh' })]);
    assert.equal(report.events['dead-lettered'], 1);
    assert.equal(h.posts.chat.length, 1);
    assert.deepEqual(
      h.letters.map((l) => [l.destination, l.reason]),
      [['paging', 'no paging webhook is configured']],
    );
  });

  it('accounts for every event of a burst: posted, summarised, or counted in the closing summary', async () => {
    let now = new Date('2026-11-22T22:00:00Z');
    const h = harness({ config: { burstThreshold: 2 }, now: () => now });
    const burst = Array.from({ length: 10 }, (_, i) =>
      incoming(configComplianceChange('NON_COMPLIANT', `sg-${i}`)),
    );
    const report = await h.notifier.process(burst);
    assert.deepEqual(
      [report.events.posted, report.events.summarised, report.events['burst-suppressed']],
      [2, 1, 7],
    );

    // The window ends; the first invocation afterwards (even one with nothing to deliver) reports the rest.
    now = new Date('2026-11-22T22:15:00Z');
    const after = await h.notifier.process([]);

    assert.equal(after.heldBackReported, 1);
    const closing = h.posts.chat.at(-1)!;
    assert.match(
      closing.text,
      /: 7 further AWS Config compliance change\(s\) \(warning\) were held back between 2026-11-22T22:00:00\.000Z and 2026-11-22T22:15:00\.000Z/,
    );
    const listed = textsOf(closing).join('\n');
    for (let i = 3; i < 10; i++) assert.ok(listed.includes(`sg-${i} is NON_COMPLIANT`), `sg-${i} listed`);
    assert.equal((await h.notifier.process([])).heldBackReported, 0, 'reported once');
  });

  it('puts a closing summary back when chat does not take it, and posts it with the next invocation', async () => {
    let now = new Date('2026-11-22T22:00:00Z');
    let chatDown = false;
    const h = harness({
      config: { burstThreshold: 1 },
      now: () => now,
      answer: () => (chatDown ? 503 : 200),
    });
    await h.notifier.process(
      ['sg-1', 'sg-2', 'sg-3'].map((sg) => incoming(configComplianceChange('NON_COMPLIANT', sg))),
    );
    now = new Date('2026-11-22T22:20:00Z');
    chatDown = true;
    assert.equal((await h.notifier.process([])).heldBackReported, 0);
    chatDown = false;
    assert.equal((await h.notifier.process([])).heldBackReported, 1);
    assert.match(h.posts.chat.at(-1)!.text, /: 1 further AWS Config compliance change\(s\)/);
  });
});

describe('11: a delivery that dies mid-way does not leak its claim', () => {
  const message = incoming(guardDutyFinding({ severity: 5 }), { id: 'msg-timeout' });

  /** Plays an invocation that claims the event and is then killed by the Lambda timeout while posting. */
  async function dyingInvocation(dedup: MemoryDedupStore, bursts: MemoryBurstLedger, now: () => Date) {
    const dying = harness({ dedup, bursts, now, answer: () => 'hang' });
    const reached = dying.nextRequest();
    void dying.notifier.process([message]);
    await reached;
  }

  it('posts the retried message at once: its own pending claim is taken over, not collapsed', async () => {
    const dedup = new MemoryDedupStore();
    const bursts = new MemoryBurstLedger();
    await dyingInvocation(dedup, bursts, at('2026-11-22T22:00:00Z'));
    const retry = harness({ dedup, bursts, now: at('2026-11-22T22:01:00Z') });
    const report = await retry.notifier.process([message]);
    assert.equal(report.events.posted, 1);
    assert.equal(retry.posts.chat.length, 1);
  });

  it('collapses another copy while the lease runs, and posts it once the lease has run out', async () => {
    const dedup = new MemoryDedupStore();
    const bursts = new MemoryBurstLedger();
    await dyingInvocation(dedup, bursts, at('2026-11-22T22:00:00Z'));
    const copy = { ...message, messageId: 'msg-other-copy' };
    const during = await harness({ dedup, bursts, now: at('2026-11-22T22:01:00Z') }).notifier.process([copy]);
    assert.equal(during.events.duplicate, 1);
    const later = harness({ dedup, bursts, now: at('2026-11-22T22:02:01Z') });
    const after = await later.notifier.process([copy]);
    assert.equal(after.events.posted, 1);
    assert.equal(later.posts.chat.length, 1);
  });

  it('keeps the claim only once delivered: a copy after a successful post is a duplicate', async () => {
    const dedup = new MemoryDedupStore();
    const h = harness({ dedup });
    await h.notifier.process([message]);
    const copy = await harness({ dedup }).notifier.process([{ ...message, messageId: 'msg-copy' }]);
    assert.equal(copy.events.duplicate, 1);
  });
});

describe('12: forged input cannot mention, link, pre-empt a real event or drop a batch', () => {
  const hostile =
    '<!channel> @here @channel @all @everyone <https://evil.example/x|click> [docs](https://evil.example/y) ![i](https://evil.example/p.png) [r]: https://evil.example/z <@U012> <#C012>';

  it('escapes the top-level text and neutralises mentions and links in every field', async () => {
    const h = harness();
    const alarm = {
      ...directAlarm('ALARM', `weaviate-x ${hostile}`),
      AlarmDescription: hostile,
      NewStateReason: hostile,
      AWSAccountId: hostile,
    };
    const sh = securityHubFindings(['HIGH']);
    const finding = (sh.detail.findings as Record<string, unknown>[])[0]!;
    Object.assign(finding, {
      Title: hostile,
      Description: hostile,
      ProductName: hostile,
      GeneratorId: hostile,
    });
    (finding.Remediation as { Recommendation: { Url: string } }).Recommendation.Url =
      'https://evil.example/fix';
    await h.notifier.process([incoming(alarm), incoming(sh)]);

    const bodies = [...h.posts.chat, ...h.posts.paging];
    assert.equal(bodies.length, 3);
    for (const body of bodies) {
      assert.ok(body.text.includes('&lt;!channel&gt;'), 'the top-level text is escaped');
      assert.equal(body.unfurl_links, false);
      for (const text of textsOf(body)) assert.deepEqual(unsafeSpans(text), [], text);
    }
    const remediation = textsOf(h.posts.chat[1]!).find((t) => t.startsWith('*Remediation*'))!;
    assert.equal(remediation, '*Remediation*\nhttps[:]//evil.example/fix');
  });

  it('builds no link from a region that is not an AWS region', async () => {
    const h = harness();
    const finding = guardDutyFinding({ severity: 5 });
    (finding.detail as { region: string }).region = 'evil.example/#';
    const alarm = {
      ...directAlarm('ALARM'),
      AlarmArn: 'arn:aws:cloudwatch:evil.example:111111111111:alarm:x',
    };
    await h.notifier.process([incoming(finding), incoming(alarm)]);

    const [gd, cw] = h.posts.chat;
    const gdTexts = textsOf(gd!).join('\n');
    assert.ok(!gdTexts.includes('https://evil'), 'no link to the forged host');
    assert.ok(gdTexts.includes('No console link: the event names no AWS region.'));
    assert.ok(gdTexts.includes('evil.example/# (not an AWS region)'));
    // An alarm ARN with a forged region is not trusted: the topic's region stands in.
    assert.ok(
      textsOf(cw!).some((t) => t.startsWith(`<https://${REGION}.console.aws.amazon.com/cloudwatch/`)),
    );
  });

  it('accepts the regions of every partition with a public console, and nothing else', async () => {
    const url = (region: string) =>
      parseMessage(
        JSON.stringify({ ...guardDutyFinding(), detail: { ...guardDutyFinding().detail, region } }),
        {
          topicRegion: REGION,
        },
      ).events[0]!.consoleUrl;
    assert.match(url('ap-southeast-2')!, /^https:\/\/ap-southeast-2\.console\.aws\.amazon\.com\/guardduty\//);
    assert.match(url('cn-north-1')!, /^https:\/\/console\.amazonaws\.cn\/guardduty\//);
    assert.match(url('us-gov-west-1')!, /^https:\/\/console\.amazonaws-us-gov\.com\/guardduty\//);
    for (const bad of ['evil.example', 'us-east-1.evil.example', 'eu-west-1/../x', 'xx-east-1', 'us-east-1#'])
      assert.equal(url(bad), undefined, bad);
  });

  it('does not collapse a real alarm transition into a forged one sent before it', async () => {
    const h = harness();
    // A forger knows the alarm's name and ARN, but not when CloudWatch will record the transition.
    const forged = {
      ...directAlarm('ALARM', 'weaviate-waf-blocked-spike'),
      StateChangeTime: '2026-11-22T21:59:00.000+0000',
    };
    const real = directAlarm('ALARM', 'weaviate-waf-blocked-spike');
    const report = await h.notifier.process([
      incoming(forged),
      incoming(real),
      incoming(wafAlarmStateChange('ALARM')),
    ]);
    // The real transition is posted; its EventBridge copy still collapses into it.
    assert.deepEqual([report.events.posted, report.events.duplicate], [2, 1]);
  });

  it('does not collapse a real Config change into a forged one sent before it', async () => {
    const h = harness();
    const forged = configComplianceChange();
    (forged.detail.newEvaluationResult as { resultRecordedTime: string }).resultRecordedTime =
      '2026-11-22T21:00:00Z';
    const report = await h.notifier.process([incoming(forged), incoming(configComplianceChange())]);
    assert.equal(report.events.posted, 2);
  });

  it('delivers the valid findings of a batch with a malformed one, and dead-letters it from the critical topic', async () => {
    const h = harness();
    const batch = securityHubFindings(['CRITICAL', 'HIGH', 'CRITICAL']);
    delete (batch.detail.findings as Record<string, unknown>[])[1]!.Title;
    const report = await h.notifier.process([incoming(batch, { critical: true, id: 'msg-batch' })]);
    assert.equal(report.rejected, 1);
    assert.equal(report.events.posted, 2);
    assert.equal(h.posts.chat.length, 2);
    assert.equal(h.posts.paging.length, 2);
    assert.deepEqual(
      h.letters.map((l) => [l.destination, l.reason, l.snsMessageId]),
      [
        [
          'notifier',
          'Security Hub finding 1: Title: Invalid input: expected string, received undefined',
          'msg-batch',
        ],
      ],
    );
    assert.ok(
      h.logs.some(
        (l) => l.message === 'dropped a malformed item of a batch' && l.snsMessageId === 'msg-batch',
      ),
    );
  });

  it('dead-letters a malformed message from the critical topic, and only logs one from the other topic', async () => {
    const h = harness();
    const report = await h.notifier.process([
      incoming('{"AlarmName": 1, "NewStateValue": "ALARM"}', { critical: true, id: 'msg-bad-critical' }),
      incoming('not json', { id: 'msg-bad' }),
    ]);
    assert.equal(report.malformed, 2);
    assert.deepEqual(
      h.letters.map((l) => [l.destination, l.snsMessageId]),
      [['notifier', 'msg-bad-critical']],
    );
  });
});
