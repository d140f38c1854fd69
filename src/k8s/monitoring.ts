/**
 * Monitoring for an existing Prometheus Operator: a ServiceMonitor for Weaviate's metrics Service, the alerts
 * the requirements ask for as a PrometheusRule, and a Grafana dashboard ConfigMap (picked up by Grafana's
 * sidecar through the `grafana_dashboard` label). Memory comes from Weaviate's own process metrics; volume
 * usage from the kubelet's volume statistics, which Prometheus scrapes from the nodes.
 */
import {
  type IPrometheusRule,
  PodMonitor,
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { longestGapMinutes } from '../contract/cron.js';
import { drillStalenessMinutes } from '../contract/drill-staleness.js';
import { WEAVIATE_APP_LABEL } from '../flows/names.js';
import { BACKUP_METRICS } from '../jobs/backup-run.js';
import { DRILL_METRICS } from '../jobs/restore-drill.js';
import { ConfigMap } from 'kubernetes-models/v1';
import { acknowledgementAnnotation } from '../contract/acknowledgement.js';
import type { RenderContext } from './context.js';
import { heartbeatRules } from './heartbeat-rule.js';
import { metricsEndpoint } from './scrape-tls.js';
import { raftVoters } from './weaviate/env.js';
import { METRICS_SERVICE, METRICS_SERVICE_LABEL } from './weaviate/services.js';
import { DATA_VOLUME } from './weaviate/statefulset.js';

export const DASHBOARD_CONFIGMAP = 'weaviate-dashboard';

export function monitoringObjects(
  ctx: RenderContext,
): (ServiceMonitor | PodMonitor | PrometheusRule | ConfigMap)[] {
  const { bp, names } = ctx;
  const monNs = names.prometheus.namespace;
  const labels = { ...ctx.commonLabels, ...bp.monitoring.selectorLabels };
  const selectors = selectorsOf(ctx);

  const serviceMonitor = new ServiceMonitor({
    metadata: { name: 'weaviate', namespace: monNs, labels },
    spec: {
      namespaceSelector: { matchNames: [names.weaviate.namespace] },
      selector: { matchLabels: { ...METRICS_SERVICE_LABEL } },
      endpoints: [{ ...metricsEndpoint(ctx) }],
    },
  });

  const rule = new PrometheusRule({
    metadata: { name: 'weaviate', namespace: monNs, labels, ...existingOperatorAcknowledgement(ctx) },
    spec: {
      groups: [
        availabilityRules(ctx, selectors),
        saturationRules(ctx, selectors),
        backupRules(ctx),
        ...heartbeatRules(ctx),
      ],
    },
  });

  const dashboard = new ConfigMap({
    metadata: {
      name: DASHBOARD_CONFIGMAP,
      namespace: monNs,
      labels: { ...ctx.commonLabels, grafana_dashboard: '1' },
    },
    data: { 'weaviate.json': JSON.stringify(dashboardJson(selectors.job, selectors.pvc)) },
  });
  return [serviceMonitor, rule, dashboard, jobPodMonitor(ctx, labels)];
}

/**
 * Without our monitoring stack the rules go to an operator this output does not contain, and without the alert
 * topics our Alertmanager has no receiver: the blueprint's choice is recorded as an acknowledgement.
 */
function existingOperatorAcknowledgement(ctx: RenderContext): { annotations?: Record<string, string> } {
  const reason = !ctx.bp.monitoring.stack.enabled
    ? "monitoring.stack.enabled is false: an existing Prometheus Operator evaluates these rules, and its Alertmanager's routing lies outside this output"
    : !ctx.bp.detection.alerting.enabled
      ? 'detection.alerting.enabled is false: there are no alert topics, so Alertmanager has no receiver; the alerts are visible in Prometheus and Alertmanager only'
      : undefined;
  return reason ? { annotations: acknowledgementAnnotation({ 'VF-DETECTION-005': reason }) } : {};
}

/** PromQL label selectors of Weaviate's metrics Service and of its data volumes' claims. */
interface Selectors {
  readonly job: string;
  readonly pvc: string;
}

type RuleGroup = NonNullable<IPrometheusRule['spec']['groups']>[number];

function selectorsOf(ctx: RenderContext): Selectors {
  const { names } = ctx;
  const sel = `namespace="${names.weaviate.namespace}"`;
  return {
    job: `${sel},service="${METRICS_SERVICE}"`,
    pvc: `${sel},persistentvolumeclaim=~"${DATA_VOLUME}-${names.weaviate.statefulSet}-[0-9]+"`,
  };
}

const runbook = (anchor: string, section?: string) =>
  section ? { runbook: `docs/${anchor}.md#${section}` } : { runbook: `docs/workload.md#${anchor}` };

function availabilityRules(ctx: RenderContext, { job }: Selectors): RuleGroup {
  const quorum = Math.floor(raftVoters(ctx).length / 2) + 1;
  return {
    name: 'weaviate.availability',
    rules: [
      {
        alert: 'WeaviatePodDown',
        expr: `up{${job}} == 0`,
        for: '5m',
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A Weaviate pod is not answering metrics scrapes',
          description: '{{ $labels.pod }} has been down for 5 minutes.',
          ...runbook('alerts'),
        },
      },
      {
        alert: 'WeaviateQuorumAtRisk',
        expr: `(count(up{${job}} == 1) or vector(0)) <= ${quorum}`,
        for: '2m',
        labels: { severity: 'critical' },
        annotations: {
          summary: 'Weaviate is one node away from losing its Raft quorum',
          description: `At most ${quorum} Weaviate pods are up; the Raft quorum needs ${quorum} of ${raftVoters(ctx).length} voters.`,
          ...runbook('alerts'),
        },
      },
    ],
  };
}

function saturationRules(ctx: RenderContext, { job, pvc }: Selectors): RuleGroup {
  const m = ctx.bp.monitoring;
  const memoryLimitBytes = quantityBytes(ctx.bp.weaviate.resources.memory);
  return {
    name: 'weaviate.saturation',
    rules: [
      {
        alert: 'WeaviateHighErrorRate',
        expr:
          `(sum(rate(http_request_duration_seconds_count{${job},status_code=~"5.."}[5m])) or vector(0))` +
          ` / (sum(rate(http_request_duration_seconds_count{${job}}[5m])) > 0) * 100 > ${m.errorRateAlertPercent}`,
        for: '10m',
        labels: { severity: 'warning' },
        annotations: {
          summary: `More than ${m.errorRateAlertPercent}% of Weaviate requests fail with a server error`,
          ...runbook('alerts'),
        },
      },
      {
        alert: 'WeaviateMemoryHigh',
        // Weaviate's own process metric against the limit the blueprint sets: no dependency on cAdvisor or
        // kube-state-metrics, which the monitoring namespace's default-deny policies do not reach.
        expr: `max by (pod) (process_resident_memory_bytes{${job}}) / ${memoryLimitBytes} * 100 > ${m.memoryAlertPercent}`,
        for: '10m',
        labels: { severity: 'warning' },
        annotations: {
          summary: `A Weaviate pod uses more than ${m.memoryAlertPercent}% of its memory limit`,
          description: '{{ $labels.pod }} is at {{ $value | humanize }}% of its limit.',
          ...runbook('alerts'),
        },
      },
      {
        alert: 'WeaviateDiskHigh',
        expr:
          `max by (persistentvolumeclaim) (kubelet_volume_stats_used_bytes{${pvc}})` +
          ` / max by (persistentvolumeclaim) (kubelet_volume_stats_capacity_bytes{${pvc}}) * 100 > ${m.diskAlertPercent}`,
        for: '10m',
        labels: { severity: 'warning' },
        annotations: {
          summary: `A Weaviate volume is more than ${m.diskAlertPercent}% full`,
          description: '{{ $labels.persistentvolumeclaim }} is at {{ $value | humanize }}%.',
          ...runbook('alerts'),
        },
      },
    ],
  };
}

/**
 * Fires when the newest success `series` recorded (a timestamp) is older than `window`, or when it recorded
 * none within it (a run that was never scraped). It looks an hour past the window, so the success just before
 * it still counts.
 */
function staleSuccess(series: string, window: number, unit: 'h' | 'm'): string {
  const lookBack = unit === 'h' ? window + 1 : window + 60;
  const seconds = window * (unit === 'h' ? 3600 : 60);
  return (
    `(time() - max(max_over_time(${series}[${lookBack}${unit}])) > ${seconds})` +
    ` or absent_over_time(${series}[${window}${unit}])`
  );
}

function backupRules(ctx: RenderContext): RuleGroup {
  const { bp, names } = ctx;
  const rpo = bp.backup.rpoHours;
  const sel = `namespace="${names.weaviate.namespace}"`;
  // The jobs' metrics exist only while a finished run lingers (job-pod.ts); *_over_time keeps a run's result
  // visible until the next run. A run that was never scraped leaves no success behind: the staleness alert fires.
  const backupWindow = `${Math.ceil(longestGapMinutes(bp.backup.schedule))}m`;
  const rules: RuleGroup['rules'] = [
    {
      alert: 'WeaviateBackupOlderThanRpo',
      expr: staleSuccess(`${BACKUP_METRICS.lastSuccess}{${sel}}`, rpo, 'h'),
      for: '10m',
      labels: { severity: 'critical' },
      annotations: {
        summary: `No successful Weaviate backup in the last ${rpo} hours (RPO)`,
        description: 'Backups failed, overlapped or did not run; see WeaviateBackupFailed and the CronJob.',
        ...runbook('backup-restore', 'when-an-alert-fires'),
      },
    },
    {
      alert: 'WeaviateBackupFailed',
      expr: `max by (outcome, backup_id) (max_over_time(${BACKUP_METRICS.outcome}{${sel},outcome!="success"}[${backupWindow}])) > 0`,
      labels: { severity: 'critical' },
      annotations: {
        summary: 'A scheduled Weaviate backup did not succeed ({{ $labels.outcome }})',
        description:
          'Backup {{ $labels.backup_id }} ended {{ $labels.outcome }}; the job log has the reason.',
        ...runbook('backup-restore', 'when-an-alert-fires'),
      },
    },
  ];
  if (bp.backup.restoreDrill.enabled) {
    const drillWindow = '24h';
    const drill = bp.backup.restoreDrill;
    // The drill's result is scraped once a month or so, longer ago than the 24-hour failure window: a drill that
    // is never scheduled, cannot pull its image, is killed or hits its deadline serves nothing, and only the
    // absence of a recent success shows it. Prometheus keeps samples long enough (blueprint rule on retentionDays).
    const stale = drillStalenessMinutes(drill.schedule, drill.timeoutMinutes);
    rules.push(
      {
        alert: 'WeaviateRestoreDrillOverdue',
        expr: staleSuccess(`${DRILL_METRICS.lastSuccess}{${sel}}`, stale, 'm'),
        for: '10m',
        labels: { severity: 'critical' },
        annotations: {
          summary: `No restore drill has passed in ${humanMinutes(stale)}`,
          description:
            'The drill did not run, did not finish or did not pass since; see WeaviateRestoreDrillFailed, the CronJob and its last Job.',
          ...runbook('backup-restore', 'when-an-alert-fires'),
        },
      },
      {
        alert: 'WeaviateRestoreDrillFailed',
        expr: `min_over_time(${DRILL_METRICS.success}{${sel}}[${drillWindow}]) == 0`,
        labels: { severity: 'critical' },
        annotations: {
          summary: 'The restore drill failed: the latest backup did not restore and check out',
          description: `The result document under s3://${ctx.aws.backupBucket}/${bp.backup.restoreDrill.evidencePrefix}/ names the failed check.`,
          ...runbook('backup-restore', 'when-an-alert-fires'),
        },
      },
      {
        alert: 'WeaviateRestoreDrillOverRto',
        expr: `max_over_time(${DRILL_METRICS.rto}{${sel}}[${drillWindow}]) > ${bp.backup.rtoMinutes * 60}`,
        labels: { severity: 'warning' },
        annotations: {
          summary: `The restore drill took longer than the RTO (${bp.backup.rtoMinutes} minutes)`,
          description: 'Restored in {{ $value | humanizeDuration }}.',
          ...runbook('backup-restore', 'when-an-alert-fires'),
        },
      },
      {
        alert: 'WeaviateRestoreDrillOverRpo',
        expr: `max_over_time(${DRILL_METRICS.rpo}{${sel}}[${drillWindow}]) > ${rpo * 3600}`,
        labels: { severity: 'warning' },
        annotations: {
          summary: `The restore drill's backup was older than the RPO (${rpo} hours)`,
          description: 'The latest successful backup was {{ $value | humanizeDuration }} old.',
          ...runbook('backup-restore', 'when-an-alert-fires'),
        },
      },
    );
  }
  return { name: 'weaviate.backups', rules };
}

/** `46320` → `32 days 4 hours`: a window as the alert's summary states it. */
function humanMinutes(minutes: number): string {
  const parts: [number, string][] = [
    [Math.floor(minutes / 1440), 'day'],
    [Math.floor((minutes % 1440) / 60), 'hour'],
    [minutes % 60, 'minute'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(' ');
}

/** Scrapes the backup and drill jobs' result metrics while their pods linger. */
function jobPodMonitor(ctx: RenderContext, labels: Record<string, string>): PodMonitor {
  const jobs = ctx.names.backupJobs;
  const jobNames = [jobs.backup, ...(ctx.bp.backup.restoreDrill.enabled ? [jobs.drill] : [])].map(
    (j) => j.name,
  );
  return new PodMonitor({
    metadata: { name: 'weaviate-backup-jobs', namespace: ctx.names.prometheus.namespace, labels },
    spec: {
      namespaceSelector: { matchNames: [jobs.backup.namespace] },
      selector: { matchExpressions: [{ key: WEAVIATE_APP_LABEL, operator: 'In', values: jobNames }] },
      podMetricsEndpoints: [{ port: 'metrics', path: '/metrics', interval: '30s', scheme: 'http' }],
    },
  });
}

/** Bytes of a `<n>Mi` / `<n>Gi` quantity (the only forms the blueprint schema accepts). */
export function quantityBytes(q: string): number {
  return Number.parseInt(q, 10) * 1024 ** (q.endsWith('Gi') ? 3 : 2);
}

/** A Grafana dashboard model (schema 39): memory, latency, error rate, disk and objects. */
export function dashboardJson(job: string, pvc: string): Record<string, unknown> {
  const panel = (id: number, title: string, expr: string, unit: string, y: number, x: number) => ({
    id,
    title,
    type: 'timeseries',
    datasource: { type: 'prometheus', uid: '${datasource}' },
    gridPos: { h: 8, w: 12, x, y },
    fieldConfig: { defaults: { unit }, overrides: [] },
    targets: [{ refId: 'A', expr, legendFormat: '{{pod}}' }],
  });
  return {
    title: 'Weaviate',
    uid: 'vectorfort-weaviate',
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' }],
    },
    panels: [
      panel(1, 'Memory (resident)', `max by (pod) (process_resident_memory_bytes{${job}})`, 'bytes', 0, 0),
      panel(
        2,
        'Query latency p95',
        `histogram_quantile(0.95, sum by (le, pod) (rate(queries_durations_ms_bucket{${job}}[5m])))`,
        'ms',
        0,
        12,
      ),
      panel(
        3,
        'Server error rate',
        `sum by (pod) (rate(http_request_duration_seconds_count{${job},status_code=~"5.."}[5m])) / sum by (pod) (rate(http_request_duration_seconds_count{${job}}[5m]))`,
        'percentunit',
        8,
        0,
      ),
      panel(
        4,
        'Disk used',
        `max by (persistentvolumeclaim) (kubelet_volume_stats_used_bytes{${pvc}}) / max by (persistentvolumeclaim) (kubelet_volume_stats_capacity_bytes{${pvc}})`,
        'percentunit',
        8,
        12,
      ),
      panel(5, 'Objects', `sum by (pod) (object_count{${job}})`, 'short', 16, 0),
    ],
  };
}
