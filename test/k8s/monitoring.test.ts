import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { one, render } from './helpers.js';
import { VARIANTS } from './variants.js';

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
}

const rules = (input: Record<string, unknown> = {}) => {
  const pr = one(render(input), 'PrometheusRule', 'weaviate', 'monitoring') as unknown as {
    spec: { groups: { rules: Rule[] }[] };
  };
  return new Map(pr.spec.groups.flatMap((g) => g.rules).map((x) => [x.alert, x]));
};

describe('monitoring', () => {
  const r = render({});

  it('scrapes the metrics Service in the Weaviate namespace, selected by the operator labels', () => {
    const sm = one(r, 'ServiceMonitor', 'weaviate', 'monitoring') as unknown as {
      metadata: { labels: Record<string, string> };
      spec: { namespaceSelector: unknown; selector: unknown; endpoints: { port: string }[] };
    };
    assert.equal(sm.metadata.labels.release, 'kube-prometheus-stack');
    assert.deepEqual(sm.spec.namespaceSelector, { matchNames: ['weaviate'] });
    assert.deepEqual(sm.spec.selector, { matchLabels: { 'vectorfort.dev/metrics': 'weaviate' } });
    assert.deepEqual(
      sm.spec.endpoints.map((e) => e.port),
      ['metrics'],
    );
    const svc = one(r, 'Service', 'weaviate-metrics', 'weaviate');
    assert.equal(svc.metadata.labels?.['vectorfort.dev/metrics'], 'weaviate');
  });

  it('alerts on a pod down, quorum at risk, errors, memory, disk, stale or failed backups and drills', () => {
    const m = rules();
    assert.deepEqual([...m.keys()].sort(), [
      'Watchdog',
      'WeaviateBackupFailed',
      'WeaviateBackupOlderThanRpo',
      'WeaviateDiskHigh',
      'WeaviateHighErrorRate',
      'WeaviateMemoryHigh',
      'WeaviatePodDown',
      'WeaviateQuorumAtRisk',
      'WeaviateRestoreDrillFailed',
      'WeaviateRestoreDrillOverRpo',
      'WeaviateRestoreDrillOverRto',
      'WeaviateRestoreDrillOverdue',
    ]);
    // 16Gi limit = 17179869184 bytes, from the blueprint (no kube-state-metrics needed).
    assert.match(
      m.get('WeaviateMemoryHigh')!.expr,
      /process_resident_memory_bytes\{namespace="weaviate",service="weaviate-metrics"\}\) \/ 17179869184 \* 100 > 85$/,
    );
    assert.match(m.get('WeaviateDiskHigh')!.expr, /kubelet_volume_stats_capacity_bytes.*\* 100 > 80$/);
    assert.match(m.get('WeaviateHighErrorRate')!.expr, /status_code=~"5\.\."/);
    // The backup job's own success timestamp, older than 24 hours or absent for 24 hours.
    assert.equal(
      m.get('WeaviateBackupOlderThanRpo')!.expr,
      '(time() - max(max_over_time(vectorfort_backup_last_success_timestamp_seconds{namespace="weaviate"}[25h])) > 86400)' +
        ' or absent_over_time(vectorfort_backup_last_success_timestamp_seconds{namespace="weaviate"}[24h])',
    );
    // A failed run stays visible until the next one (every 6 hours).
    assert.equal(
      m.get('WeaviateBackupFailed')!.expr,
      'max by (outcome, backup_id) (max_over_time(vectorfort_backup_last_run_outcome{namespace="weaviate",outcome!="success"}[360m])) > 0',
    );
    assert.match(
      m.get('WeaviateRestoreDrillOverRto')!.expr,
      /vectorfort_restore_drill_rto_seconds.* > 3600$/,
    );
    assert.match(
      m.get('WeaviateRestoreDrillOverRpo')!.expr,
      /vectorfort_restore_drill_rpo_seconds.* > 86400$/,
    );
    assert.match(
      m.get('WeaviateRestoreDrillFailed')!.expr,
      /min_over_time\(vectorfort_restore_drill_success.*== 0$/,
    );
    // No passing drill for the monthly gap (31 days), the 240-minute budget and a day: 46320 minutes.
    assert.equal(
      m.get('WeaviateRestoreDrillOverdue')!.expr,
      '(time() - max(max_over_time(vectorfort_restore_drill_last_success_timestamp_seconds{namespace="weaviate"}[46380m])) > 2779200)' +
        ' or absent_over_time(vectorfort_restore_drill_last_success_timestamp_seconds{namespace="weaviate"}[46320m])',
    );
    assert.equal(m.get('WeaviateRestoreDrillOverdue')!.labels.severity, 'critical');
    // The heartbeat always fires, with a severity no receiver but the heartbeat's takes.
    assert.equal(m.get('Watchdog')!.expr, 'vector(1)');
    assert.equal(m.get('Watchdog')!.labels.severity, 'none');
    assert.match(m.get('WeaviateQuorumAtRisk')!.expr, /<= 2$/);
    assert.equal(m.get('WeaviateQuorumAtRisk')!.labels.severity, 'critical');
  });

  it('follows the blueprint thresholds and RPO', () => {
    const m = rules({
      backup: { rpoHours: 6 },
      monitoring: { memoryAlertPercent: 70, diskAlertPercent: 60 },
    });
    assert.match(m.get('WeaviateBackupOlderThanRpo')!.expr, /\[6h\]\)$/);
    assert.match(m.get('WeaviateBackupOlderThanRpo')!.expr, / > 21600\)/);
    assert.match(m.get('WeaviateMemoryHigh')!.expr, /> 70$/);
    assert.match(m.get('WeaviateDiskHigh')!.expr, /> 60$/);
  });

  it('ships a Grafana dashboard with memory, latency, errors, disk and objects', () => {
    const cm = one(r, 'ConfigMap', 'weaviate-dashboard', 'monitoring') as unknown as {
      metadata: { labels: Record<string, string> };
      data: Record<string, string>;
    };
    assert.equal(cm.metadata.labels.grafana_dashboard, '1');
    const dash = JSON.parse(cm.data['weaviate.json']!) as { panels: { title: string }[] };
    assert.deepEqual(
      dash.panels.map((p) => p.title),
      ['Memory (resident)', 'Query latency p95', 'Server error rate', 'Disk used', 'Objects'],
    );
  });

  it('is left out, namespace included, when monitoring is off', () => {
    const off = render(VARIANTS['monitoring off']!);
    assert.equal(
      off.charts.some((c) => c.name === 'monitoring'),
      false,
    );
    assert.equal(
      off.objects.some((o) => o.kind === 'Namespace' && o.metadata.name === 'monitoring'),
      false,
    );
  });
});

describe('namespaces', () => {
  it('enforce, audit and warn on the restricted profile, pinned to the cluster version', () => {
    const r = render({ cluster: { kubernetesVersion: '1.34' } });
    const names = r.objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
    assert.deepEqual(names, ['weaviate', 'istio-ingress', 'monitoring', 'weaviate-restore-drill', 'logging']);
    for (const ns of r.objects.filter((o) => o.kind === 'Namespace'))
      for (const mode of ['enforce', 'audit', 'warn']) {
        // The log collector's namespace alone enforces privileged (hostPath), acknowledged on the namespace.
        const level = ns.metadata.name === 'logging' && mode === 'enforce' ? 'privileged' : 'restricted';
        assert.equal(ns.metadata.labels?.[`pod-security.kubernetes.io/${mode}`], level);
        assert.equal(ns.metadata.labels?.[`pod-security.kubernetes.io/${mode}-version`], 'v1.34');
      }
    const logging = r.objects.find((o) => o.kind === 'Namespace' && o.metadata.name === 'logging')!;
    assert.match(
      logging.metadata.annotations?.['vectorfort.dev/acknowledge'] ?? '',
      /"VF-K8S-012":"Fluent Bit reads/,
    );
  });
});
