/**
 * The parts of the log pipeline the other log tests leave to the defaults: Istio's access logs as the
 * synthesized istiod release writes them, the collected logs kept for the preset's retention (or the one the
 * blueprint sets), and the archive without its options (no Object Lock, no SIEM stream) and with a public ALB,
 * whose WAF log is archived with the rest.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { logicalIdAt, resourcesOf, synth, type CfnTemplate } from './synth-helper.js';

const COLLECTED = ['/containers', '/weaviate', '/nodes'];

function collectedRetention(json: CfnTemplate, name: string): Record<string, unknown> {
  const groups = resourcesOf(json, 'AWS::Logs::LogGroup').filter(([, r]) =>
    COLLECTED.some((suffix) => r.Properties?.LogGroupName === `/vectorfort/${name}${suffix}`),
  );
  assert.equal(groups.length, 3);
  return Object.fromEntries(
    groups.map(([, r]) => [r.Properties!.LogGroupName, r.Properties!.RetentionInDays]),
  );
}

describe('Istio access logs', () => {
  it('are written by every proxy as JSON to its standard output, where Fluent Bit collects them', () => {
    const { json } = synth();
    const istiod = resourcesOf(json, 'Custom::AWSCDK-EKS-HelmChart').filter(
      ([, r]) => r.Properties?.Release === 'istiod',
    );
    assert.equal(istiod.length, 1);
    const values = JSON.parse(istiod[0]![1].Properties!.Values as string) as {
      meshConfig?: Record<string, unknown>;
    };
    assert.deepEqual(values.meshConfig, { accessLogFile: '/dev/stdout', accessLogEncoding: 'JSON' });
  });
});

describe("collected logs' retention", () => {
  it("keeps the container, Weaviate and node logs for the development preset's 90 days", () => {
    const { json } = synth({ preset: 'development' });
    assert.deepEqual(collectedRetention(json, 'weaviate'), {
      '/vectorfort/weaviate/containers': 90,
      '/vectorfort/weaviate/weaviate': 90,
      '/vectorfort/weaviate/nodes': 90,
    });
  });

  it('keeps them for the retention the blueprint sets, over the preset', () => {
    const { json } = synth({ preset: 'development', logs: { collection: { retentionDays: 731 } } });
    assert.deepEqual(Object.values(collectedRetention(json, 'weaviate')), [731, 731, 731]);
  });
});

describe('the log archive without Object Lock or a SIEM, in front of a public ALB', () => {
  const { json } = synth({
    exposure: 'alb',
    edge: {
      domainName: 'vectors.example.com',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      hostedZoneName: 'example.com',
    },
    logs: { archive: { enabled: true } },
  });

  it('leaves the bucket unlocked, and runs the archive stream alone', () => {
    const bucket = json.Resources[logicalIdAt(json, 'LogArchive/Bucket/Resource')]!.Properties!;
    assert.equal(bucket.ObjectLockEnabled, undefined);
    assert.equal(bucket.ObjectLockConfiguration, undefined);
    const streams = resourcesOf(json, 'AWS::KinesisFirehose::DeliveryStream');
    assert.deepEqual(
      streams.map(([, s]) => s.Properties!.DeliveryStreamName),
      ['vectorfort-weaviate-log-archive'],
    );
  });

  it("subscribes every log group once, the WAF's included, and never the streams' own error log", () => {
    const delivery = logicalIdAt(json, 'LogArchive/DeliveryLogs/Resource');
    const groups = resourcesOf(json, 'AWS::Logs::LogGroup').map(([id]) => id);
    const subscribed = resourcesOf(json, 'AWS::Logs::SubscriptionFilter').map(
      ([, f]) => (f.Properties!.LogGroupName as { Ref: string }).Ref,
    );
    assert.ok(groups.length >= 10);
    assert.deepEqual([...subscribed].sort(), groups.filter((g) => g !== delivery).sort());
    const waf = logicalIdAt(json, 'Edge/Waf/Logs/Resource');
    assert.ok(subscribed.includes(waf), 'the web ACL log group is archived');
  });
});
