/**
 * The monitoring stack in the synthesized template: the pinned kube-prometheus-stack release with values that
 * keep every pod under the restricted profile on encrypted volumes, Prometheus selecting exactly our rules,
 * Alertmanager's configuration (checked by the real amtool) publishing to the alert topics, and its Pod Identity
 * role allowed to publish there and nothing else.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { KUBE_PROMETHEUS_STACK_CHART } from '../../src/aws/monitoring-stack.js';
import { ALERTMANAGER_RECEIVERS } from '../../src/k8s/alertmanager-config.js';
import { STORAGE_CLASS } from '../../src/k8s/weaviate/storage.js';
import { logicalIdAt, resourcesOf, synth, type CfnResource } from './synth-helper.js';

type Json = Record<string, unknown>;

/** The chart's values, with each `Ref` written as `ref:<LogicalId>` (the topics' ARNs are references). */
function valuesOf(chart: CfnResource): Json {
  const values = chart.Properties!.Values as { 'Fn::Join': [string, unknown[]] };
  const text = values['Fn::Join'][1]
    .map((part) => (typeof part === 'string' ? part : `ref:${(part as { Ref: string }).Ref}`))
    .join('');
  return JSON.parse(text) as Json;
}

function kubePrometheusStack(input: Record<string, unknown> = {}) {
  const { json } = synth(input);
  const charts = resourcesOf(json, 'Custom::AWSCDK-EKS-HelmChart').filter(
    ([, r]) => r.Properties?.Chart === KUBE_PROMETHEUS_STACK_CHART.chart,
  );
  return { json, charts };
}

const at = (v: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Json | undefined)?.[k], v);

describe('monitoring stack (kube-prometheus-stack)', () => {
  const { json, charts } = kubePrometheusStack();
  assert.equal(charts.length, 1);
  const [chartId, chart] = charts[0]!;
  const values = valuesOf(chart);

  it('installs the pinned chart into the monitoring namespace after the CRDs, the policies and the rules', () => {
    assert.equal(chart.Properties!.Version, KUBE_PROMETHEUS_STACK_CHART.version);
    assert.equal(chart.Properties!.Namespace, 'monitoring');
    assert.equal(chart.Properties!.Release, 'kube-prometheus-stack');
    const after = chart.DependsOn ?? [];
    for (const suffix of [
      'chart-PrometheusOperatorCrds/Resource/Default',
      'manifest-Manifest-network-policies/Resource/Default',
      'manifest-Manifest-monitoring/Resource/Default',
      'AlertmanagerIdentity/Association',
    ])
      assert.ok(after.includes(logicalIdAt(json, suffix)), `${chartId} waits for ${suffix}`);
  });

  it('runs nothing the restricted profile forbids and keeps the chart from adding its own policies', () => {
    for (const off of ['nodeExporter', 'grafana', 'kubeStateMetrics', 'prometheusOperator.admissionWebhooks'])
      assert.equal(at(values, `${off}.enabled`), false, off);
    for (const ctx of [
      'prometheusOperator.securityContext',
      'prometheus.prometheusSpec.securityContext',
      'alertmanager.alertmanagerSpec.securityContext',
    ]) {
      assert.equal(at(values, `${ctx}.runAsNonRoot`), true, ctx);
      assert.equal(at(values, `${ctx}.seccompProfile.type`), 'RuntimeDefault', ctx);
    }
    const container = at(values, 'prometheusOperator.containerSecurityContext') as Json;
    assert.deepEqual(
      [container.allowPrivilegeEscalation, container.readOnlyRootFilesystem, container.capabilities],
      [false, true, { drop: ['ALL'] }],
    );
    for (const np of ['prometheusOperator', 'prometheus', 'alertmanager'])
      assert.equal(at(values, `${np}.networkPolicy.enabled`), false, np);
  });

  it('keeps Prometheus and Alertmanager data on encrypted volumes, with the blueprint retention', () => {
    for (const spec of ['prometheus.prometheusSpec.storageSpec', 'alertmanager.alertmanagerSpec.storage'])
      assert.equal(at(values, `${spec}.volumeClaimTemplate.spec.storageClassName`), STORAGE_CLASS, spec);
    assert.equal(at(values, 'prometheus.prometheusSpec.retention'), '35d');
  });

  it('evaluates exactly the rules and monitors our selector labels name', () => {
    for (const selector of ['ruleSelector', 'serviceMonitorSelector'])
      assert.deepEqual(at(values, `prometheus.prometheusSpec.${selector}`), {
        matchLabels: { release: 'kube-prometheus-stack' },
      });
    assert.deepEqual(at(values, 'prometheus.prometheusSpec.podMetadata.labels'), {
      'app.kubernetes.io/name': 'prometheus',
      // Its sidecar writes the mesh certificate it scrapes Weaviate's STRICT port with, and guards the query
      // port Grafana uses; it intercepts nothing outbound.
      'sidecar.istio.io/inject': 'true',
    });
    assert.deepEqual(at(values, 'prometheus.prometheusSpec.podMetadata.annotations'), {
      'traffic.sidecar.istio.io/includeInboundPorts': '9090',
      'traffic.sidecar.istio.io/includeOutboundIPRanges': '',
      'proxy.istio.io/config': '{"proxyMetadata":{"OUTPUT_CERTS":"/etc/istio-output-certs"}}',
      'sidecar.istio.io/userVolumeMount': '[{"name":"istio-certs","mountPath":"/etc/istio-output-certs"}]',
    });
    assert.deepEqual(at(values, 'prometheus.prometheusSpec.volumeMounts'), [
      { name: 'istio-certs', mountPath: '/etc/prom-certs/', readOnly: true },
    ]);
  });

  it('routes Alertmanager to the two alert topics, in a configuration amtool accepts', () => {
    const topic = logicalIdAt(json, 'Alerting/SecurityEvents/Resource');
    const critical = logicalIdAt(json, 'Alerting/CriticalSecurityEvents/Resource');
    const heartbeat = logicalIdAt(json, 'Monitoring/AlertHeartbeat/Topic/Resource');
    const config = at(values, 'alertmanager.config') as {
      receivers: { name: string; sns_configs: { topic_arn: string }[] }[];
    };
    assert.deepEqual(
      config.receivers.map((r) => [r.name, r.sns_configs.map((s) => s.topic_arn)]),
      [
        [ALERTMANAGER_RECEIVERS.normal, [`ref:${topic}`]],
        [ALERTMANAGER_RECEIVERS.critical, [`ref:${critical}`, `ref:${topic}`]],
        [ALERTMANAGER_RECEIVERS.heartbeat, [`ref:${heartbeat}`]],
      ],
    );
    assert.equal(at(values, 'alertmanager.tplConfig'), false);
    // amtool needs ARNs: the references become the ARNs they resolve to.
    const text = stringify(config).replace(
      /ref:(\w+)/g,
      (_, id: string) => `arn:aws:sns:us-east-1:111111111111:${id}`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'vectorfort-am-'));
    try {
      writeFileSync(join(dir, 'alertmanager.yml'), text);
      const out = execFileSync('amtool', ['check-config', join(dir, 'alertmanager.yml')], {
        encoding: 'utf8',
      });
      assert.match(out, /SUCCESS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets Alertmanager publish to the alert and heartbeat topics only, with the alerting key used through SNS', () => {
    const association = resourcesOf(json, 'AWS::EKS::PodIdentityAssociation').find(
      ([, r]) => r.Properties?.ServiceAccount === 'alertmanager',
    );
    assert.ok(association);
    assert.equal(association[1].Properties!.Namespace, 'monitoring');
    const policy = json.Resources[logicalIdAt(json, 'Monitoring/AlertmanagerPublishPolicy/Resource')]!;
    const statements = (policy.Properties!.PolicyDocument as { Statement: Json[] }).Statement;
    assert.deepEqual(
      statements.map((s) => [s.Sid, s.Action]),
      [
        ['PublishAlerts', 'sns:Publish'],
        ['AlertTopicKey', ['kms:Decrypt', 'kms:GenerateDataKey']],
      ],
    );
    const topic = logicalIdAt(json, 'Alerting/SecurityEvents/Resource');
    const critical = logicalIdAt(json, 'Alerting/CriticalSecurityEvents/Resource');
    const heartbeat = logicalIdAt(json, 'Monitoring/AlertHeartbeat/Topic/Resource');
    assert.deepEqual(
      new Set(statements[0]!.Resource as unknown[]),
      new Set([{ Ref: topic }, { Ref: critical }, { Ref: heartbeat }]),
    );
    assert.deepEqual(statements[1]!.Condition, {
      StringEquals: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' },
    });
    const endpoints = resourcesOf(json, 'AWS::EC2::VPCEndpoint').map(([, r]) =>
      JSON.stringify(r.Properties?.ServiceName),
    );
    assert.ok(
      endpoints.some((s) => s.includes('.sns')),
      'an SNS interface endpoint',
    );
  });

  it('installs nothing when the blueprint leaves the stack to an existing operator', () => {
    const off = kubePrometheusStack({ monitoring: { stack: { enabled: false } } });
    assert.equal(off.charts.length, 0);
    const endpoints = resourcesOf(off.json, 'AWS::EC2::VPCEndpoint').map(([, r]) =>
      JSON.stringify(r.Properties?.ServiceName),
    );
    assert.ok(!endpoints.some((s) => s.includes('.sns')));
  });
});
