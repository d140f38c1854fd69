/**
 * Names of Grafana (in the monitoring namespace, with the monitoring stack): the pods' labels the flow spec
 * selects them by, its service account (its mesh identity and its Pod Identity association), and the ports,
 * shared by the flow spec, the manifests and the Pod Identity role so they cannot drift apart.
 */
import type { Blueprint } from '../blueprint/index.js';

/** Prometheus' web and query port. */
export const PROMETHEUS_WEB_PORT = 9090;

/** The port Grafana listens on, on the pod's loopback address only. */
export const GRAFANA_PORT = 3000;

export interface GrafanaNames {
  readonly namespace: string;
  readonly deployment: string;
  readonly serviceAccount: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly port: number;
  /**
   * The Service Grafana queries Prometheus through (ours, beside the chart's, so the mesh's DestinationRule and
   * the verifier both see it), and its address: Grafana's Prometheus data source.
   */
  readonly prometheusService: string;
  readonly prometheusUrl: string;
  /** The log groups the security-signals dashboard queries with Logs Insights. */
  readonly logGroups: {
    /** The VPC flow log (the network's log group; the template test holds the two names together). */
    readonly flowLogs: string;
    /** Every GuardDuty finding, written by an EventBridge rule the Grafana construct creates. */
    readonly guardDutyFindings: string;
  };
}

export function grafanaNames(bp: Blueprint): GrafanaNames {
  return {
    namespace: bp.monitoring.namespace,
    deployment: 'grafana',
    serviceAccount: 'grafana',
    labels: { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': 'vectorfort' },
    port: GRAFANA_PORT,
    prometheusService: 'prometheus-query',
    prometheusUrl: `http://prometheus-query.${bp.monitoring.namespace}.svc:${PROMETHEUS_WEB_PORT}`,
    logGroups: {
      flowLogs: `/vectorfort/${bp.name}/vpc-flow-logs`,
      guardDutyFindings: `/vectorfort/${bp.name}/guardduty-findings`,
    },
  };
}
