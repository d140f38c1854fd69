/** Amazon Inspector in the synthesized template: enabled for ECR and EC2, its findings routed to the alert topics. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logicalIdAt, resourcesOf, synth } from './synth-helper.js';

describe('Amazon Inspector', () => {
  const { json } = synth({});

  it('is enabled for ECR images and EC2 nodes, and left on when the stack goes', () => {
    const [, enable] = resourcesOf(json, 'Custom::AWS').find(([id]) => id.startsWith('InspectorEnable'))!;
    const create = JSON.parse(JSON.stringify(enable.Properties!.Create)) as unknown;
    const text = typeof create === 'string' ? create : JSON.stringify(create);
    assert.match(text, /"service":"Inspector2"/);
    assert.match(text, /"action":"Enable"/);
    assert.match(text, /"resourceTypes":\["EC2","ECR"\]/);
    assert.equal(enable.Properties!.Delete, undefined);
  });

  it('sends high and critical findings to the topic, and pages on critical ones', () => {
    const topic = logicalIdAt(json, 'Alerting/SecurityEvents/Resource');
    const critical = logicalIdAt(json, 'Alerting/CriticalSecurityEvents/Resource');
    const rules = resourcesOf(json, 'AWS::Events::Rule').filter(([, r]) =>
      JSON.stringify(r.Properties?.EventPattern).includes('aws.inspector2'),
    );
    const summary = rules.map(([, r]) => [
      (r.Properties!.EventPattern as { detail: { severity: string[] } }).detail.severity,
      (r.Properties!.Targets as { Arn: { Ref: string } }[]).map((t) => t.Arn.Ref),
    ]);
    assert.deepEqual(summary, [
      [['HIGH', 'CRITICAL'], [topic]],
      [['CRITICAL'], [critical]],
    ]);
  });

  it('is absent when the blueprint turns it off', () => {
    const off = synth({ detection: { inspector: { enabled: false } } }).json;
    assert.equal(
      resourcesOf(off, 'Custom::AWS').filter(([id]) => id.startsWith('InspectorEnable')).length,
      0,
    );
  });
});
