/**
 * A rotation that fails part-way keeps every old key working and is retried only on the next schedule: the
 * failure must reach a person now. The rotation function's errors raise an alarm routed to the alert topic like
 * the other alarms of the stack.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logicalIdAt, resourcesOf, synth } from './synth-helper.js';

describe('the API-key rotation failure alarm', () => {
  const { json } = synth();
  const fn = logicalIdAt(json, '/WeaviateApiKeys/Function/Resource');
  const alarms = resourcesOf(json, 'AWS::CloudWatch::Alarm').filter(([, r]) =>
    JSON.stringify(r.Properties?.Dimensions ?? []).includes(fn),
  );

  it('fires on the first error of the rotation function in five minutes, and not on silence', () => {
    assert.equal(alarms.length, 1);
    const p = alarms[0]![1].Properties as Record<string, unknown>;
    assert.equal(p.MetricName, 'Errors');
    assert.equal(p.Namespace, 'AWS/Lambda');
    assert.equal(p.Statistic, 'Sum');
    assert.equal(p.Period, 300);
    assert.equal(p.Threshold, 1);
    assert.equal(p.ComparisonOperator, 'GreaterThanOrEqualToThreshold');
    assert.equal(p.TreatMissingData, 'notBreaching');
  });

  it('notifies the alert topic', () => {
    const actions = JSON.stringify(
      (alarms[0]![1].Properties as { AlarmActions?: unknown }).AlarmActions ?? [],
    );
    const topics = resourcesOf(json, 'AWS::SNS::Topic').map(([id]) => id);
    assert.ok(topics.length > 0);
    assert.ok(
      topics.some((id) => actions.includes(`"${id}"`)),
      `alarm actions ${actions} name none of the topics ${topics.join(', ')}`,
    );
  });
});
