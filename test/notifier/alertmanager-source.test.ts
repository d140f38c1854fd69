import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MalformedEventError } from '../../src/notifier/events.js';
import { parseMessage } from '../../src/notifier/parse.js';
import { goQuotedToJson } from '../../src/notifier/sources/alertmanager.js';

const context = { topicRegion: 'eu-west-1', topicAccount: '123456789012' };

/** A message as our Alertmanager template renders it (strings quoted with Go's %q). */
const message = (alerts: string[]) =>
  `{"source":"vectorfort.alertmanager","status":"firing","alerts":[${alerts.join(',')}]}`;
const alert = (labels: string, annotations = '"summary":"A Weaviate pod is down"', status = 'firing') =>
  `{"status":"${status}","labels":{${labels}},"annotations":{${annotations}},"startsAt":"2026-12-07T00:05:39Z","fingerprint":"24af16d0c1e2f3a4"}`;

describe('notifier: Prometheus alerts from Alertmanager', () => {
  it('turns each alert into an event, paging only the critical ones', () => {
    const parsed = parseMessage(
      message([
        alert('"alertname":"WeaviatePodDown","namespace":"weaviate","pod":"weaviate-2","severity":"warning"'),
        alert(
          '"alertname":"WeaviateQuorumAtRisk","severity":"critical"',
          '"summary":"Quorum at risk","runbook":"docs/workload.md#alerts"',
        ),
      ]),
      context,
    );
    assert.deepEqual(parsed.rejected, []);
    assert.deepEqual(
      parsed.events.map((e) => [
        e.kind,
        e.tier,
        e.title,
        e.severity,
        e.resource,
        e.account,
        e.region,
        e.resolved,
      ]),
      [
        [
          'prometheus',
          'warning',
          'A Weaviate pod is down',
          'WARNING',
          'weaviate/weaviate-2',
          '123456789012',
          'eu-west-1',
          false,
        ],
        [
          'prometheus',
          'critical',
          'Quorum at risk',
          'CRITICAL',
          'WeaviateQuorumAtRisk',
          '123456789012',
          'eu-west-1',
          false,
        ],
      ],
    );
    assert.deepEqual(parsed.events[1]!.fields, [
      { name: 'severity', value: 'critical' },
      { name: 'runbook', value: 'docs/workload.md#alerts' },
    ]);
  });

  it('gives a resolution its own fingerprint, and a repeat the same one', () => {
    const labels = '"alertname":"WeaviateDiskHigh","severity":"warning"';
    const [firing] = parseMessage(message([alert(labels)]), context).events;
    const [again] = parseMessage(message([alert(labels)]), context).events;
    const [resolved] = parseMessage(message([alert(labels, '"summary":"x"', 'resolved')]), context).events;
    assert.equal(firing!.fingerprint, again!.fingerprint);
    assert.notEqual(firing!.fingerprint, resolved!.fingerprint);
    assert.equal(resolved!.resolved, true);
  });

  it("reads the escapes Go's %q writes for control characters", () => {
    assert.equal(goQuotedToJson('"a\\x01b\\ac\\vd\\\\xe"'), '"a\\u0001b\\u0007c\\u000bd\\\\xe"');
    const parsed = parseMessage(
      message([alert('"alertname":"X","severity":"warning"', '"summary":"bell\\a and \\x1b[0m"')]),
      context,
    );
    assert.equal(parsed.events[0]!.title, 'bell\u0007 and \u001b[0m');
  });

  it('rejects an alert without a name and keeps the others; a broken message is malformed', () => {
    const parsed = parseMessage(
      message([alert('"severity":"critical"'), alert('"alertname":"Y","severity":"critical"')]),
      context,
    );
    assert.equal(parsed.events.length, 1);
    assert.match(parsed.rejected[0]!, /^alerts\.0: Alertmanager alert 0: labels/);
    assert.throws(
      () => parseMessage('{"source":"vectorfort.alertmanager","status":', context),
      (e) => e instanceof MalformedEventError && e.reason === 'Alertmanager message: not JSON',
    );
  });
});
