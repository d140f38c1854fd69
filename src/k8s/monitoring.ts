/**
 * Monitoring for an existing Prometheus Operator: a ServiceMonitor for Weaviate's metrics Service, the alerts
 * the requirements ask for as a PrometheusRule, and a Grafana dashboard ConfigMap (picked up by Grafana's
 * sidecar through the `grafana_dashboard` label). Memory comes from Weaviate's own process metrics; volume
 * usage from the kubelet's volume statistics, which Prometheus scrapes from the nodes.
 */
import {
  type IPrometheusRule,
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { ConfigMap } from 'kubernetes-models/v1';
import { acknowledgementAnnotation } from '../contract/acknowledgement.js';
import type { RenderContext } from './context.js';
import { metricsEndpoint } from './scrape-tls.js';
import { raftVoters } from './weaviate/env.js';
import { METRICS_SERVICE, METRICS_SERVICE_LABEL } from './weaviate/services.js';
import { DATA_VOLUME } from './weaviate/statefulset.js';

export const DASHBOARD_CONFIGMAP = 'weaviate-dashboard';

export function monitoringObjects(ctx: RenderContext): (ServiceMonitor | PrometheusRule | ConfigMap)[] {
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
        backupRules(ctx, selectors),
      ],
    },
  });

  const dashboard = new ConfigMap({
    metadata: {
      name: DASHBOARD_CONFIGMAP,
      namespace: monNs,
      labels: { ...ctx.commonLabels, grafana_dashboard: '1' },
    },
    data: { 'weaviate.json': JSON.stringify(dashboardJson(selectors.job, selectors.pvc), null, 2) },
  });
  return [serviceMonitor, rule, dashboard];
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

const runbook = (anchor: string) => ({ runbook: `docs/workload.md#${anchor}` });

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

function backupRules(ctx: RenderContext, { job }: Selectors): RuleGroup {
  const rpo = ctx.bp.backup.rpoHours;
  return {
    name: 'weaviate.backups',
    rules: [
      {
        // Weaviate exports no success/failure counter for backups; a backup that fails transfers nothing,
        // so "no bytes stored to the backend within the RPO" covers both a failed and a missing backup.
        alert: 'WeaviateBackupOlderThanRpo',
        expr: `(sum(increase(backup_store_data_transferred{${job}}[${rpo}h])) or vector(0)) == 0`,
        for: '30m',
        labels: { severity: 'critical' },
        annotations: {
          summary: `No Weaviate backup reached S3 in the last ${rpo} hours (RPO)`,
          description: 'The last backup failed or none ran; check the backup schedule and the S3 bucket.',
          ...runbook('alerts'),
        },
      },
    ],
  };
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
