/**
 * Names of the monitoring stack the stack installs (the kube-prometheus-stack chart): its release, the pods'
 * labels the flow spec selects them by, and the service accounts, shared by the flow spec, the chart's values
 * and the Alertmanager's Pod Identity role so they cannot drift apart.
 */
import type { Blueprint } from '../blueprint/index.js';

/** Alertmanager's web and API port (Prometheus sends alerts to it). */
export const ALERTMANAGER_PORT = 9093;

export interface MonitoringStackNames {
  readonly namespace: string;
  /** The Helm release, and the chart's `fullnameOverride` (object names start with it). */
  readonly release: string;
  readonly alertmanager: {
    readonly labels: Readonly<Record<string, string>>;
    readonly serviceAccount: string;
    readonly port: number;
  };
  readonly operator: { readonly labels: Readonly<Record<string, string>>; readonly serviceAccount: string };
  readonly prometheus: { readonly serviceAccount: string };
}

export function monitoringStackNames(bp: Blueprint): MonitoringStackNames {
  return {
    namespace: bp.monitoring.namespace,
    release: 'kube-prometheus-stack',
    // The operator labels every Alertmanager pod with the application's name.
    alertmanager: {
      labels: { 'app.kubernetes.io/name': 'alertmanager' },
      serviceAccount: 'alertmanager',
      port: ALERTMANAGER_PORT,
    },
    // Set through the chart's podLabels: the chart's own labels carry the release name.
    operator: {
      labels: { 'vectorfort.dev/component': 'prometheus-operator' },
      serviceAccount: 'prometheus-operator',
    },
    prometheus: { serviceAccount: 'prometheus' },
  };
}
