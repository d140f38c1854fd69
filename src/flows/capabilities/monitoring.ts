/**
 * Prometheus scraping Weaviate's metrics and the kubelets; with the monitoring stack installed, also its
 * Alertmanager (alerts from Prometheus, out to SNS with Pod Identity credentials) and the Prometheus Operator
 * (which only talks to the API server: its admission webhooks are off).
 */
import { dnsLookups, flow, NOTHING, perNodeGroup, type Capability } from '../capability.js';
import type { ComponentId } from '../ids.js';
import { ON_NODE_LAYERS, POD_LAYERS, podLayers } from '../layers.js';
import { monitoringStackNames } from '../monitoring-names.js';
import {
  AWS_API_TLS,
  KUBE_API_TLS,
  KUBELET_TLS,
  meshOrPlaintext,
  POD_IDENTITY_AGENT_PLAINTEXT,
} from '../protection.js';
import type { Component, Flow, FlowProtection } from '../types.js';
import { HTTPS_PORT, KUBELET_PORT, POD_IDENTITY_AGENT_PORT } from '../well-known.js';

export const monitoring: Capability = (context) => {
  const { blueprint, names } = context;
  if (!blueprint.monitoring.enabled) return NOTHING;
  const stack = blueprint.monitoring.stack.enabled ? monitoringStack(context) : undefined;
  const meshEnabled = blueprint.mesh.enabled;
  return {
    components: [
      {
        id: 'prometheus',
        description: stack
          ? 'Prometheus (kube-prometheus-stack) scraping Weaviate and evaluating its alerts'
          : 'Prometheus (Prometheus Operator) scraping Weaviate',
        tier: 'data',
        k8s: { namespace: names.prometheus.namespace, labels: names.prometheus.labels },
        nodeGroup: 'system',
        // Prometheus scrapes with the Istio workload certificate its sidecar writes out (the monitoring
        // namespace's injection and the proxy's OUTPUT_CERTS), so it presents a mesh identity.
        meshed: meshEnabled,
      },
      ...(stack?.components ?? []),
    ],
    flows: {
      scraping: [
        flow({
          from: 'prometheus',
          to: 'weaviate',
          port: blueprint.weaviate.ports.metrics,
          purpose: 'metrics',
          description: 'Prometheus scrapes Weaviate metrics',
          enforcedBy: podLayers(meshEnabled),
          viaMesh: meshEnabled,
          protection: meshOrPlaintext(meshEnabled),
        }),
        flow({
          from: 'prometheus',
          to: 'eks-api',
          port: HTTPS_PORT,
          purpose: 'discovery',
          description: 'Prometheus service discovery',
          enforcedBy: POD_LAYERS,
          protection: KUBE_API_TLS,
        }),
      ],
      dns: [...dnsLookups('prometheus'), ...(stack?.dns ?? [])],
      // The disk alerts read the kubelet's volume statistics (kubelet_volume_stats_*): Prometheus scrapes each node.
      ...perNodeGroup((nodes) => [
        flow({
          from: 'prometheus',
          to: nodes,
          port: KUBELET_PORT,
          purpose: 'kubelet-metrics',
          description: 'Prometheus scrapes kubelet volume metrics',
          enforcedBy: POD_LAYERS,
          protection: KUBELET_TLS,
        }),
      ]),
      ...(stack ? { alerting: stack.alerting } : {}),
    },
    denials: [],
    workloads: ['prometheus', ...(stack ? (['alertmanager', 'prometheus-operator'] as const) : [])],
  };
};

/**
 * Prometheus to Alertmanager: kube-prometheus-stack serves Alertmanager's API over HTTP, and Prometheus' sidecar
 * (there only to write out its mesh certificates for scraping) intercepts none of its outbound traffic.
 */
const ALERTMANAGER_PLAINTEXT: FlowProtection = {
  kind: 'none',
  terminatedBy: 'alertmanager',
  acknowledged:
    "Alerts carry metric labels and annotations, never data or credentials; the flow stays inside the system node group's pod network, and NetworkPolicy admits only Prometheus to Alertmanager's port.",
};

interface MonitoringStackParts {
  readonly components: Component<ComponentId>[];
  readonly dns: Flow<ComponentId>[];
  readonly alerting: Flow<ComponentId>[];
}

function monitoringStack({ blueprint }: Parameters<Capability>[0]): MonitoringStackParts {
  const names = monitoringStackNames(blueprint);
  // Without the alert topics Alertmanager has nowhere to publish, and no identity to publish with.
  const publishes = blueprint.detection.alerting.enabled;
  const components: Component<ComponentId>[] = [
    {
      id: 'alertmanager',
      description: 'Alertmanager (kube-prometheus-stack): routes alerts by severity to the alert topics',
      tier: 'data',
      k8s: {
        namespace: names.namespace,
        labels: names.alertmanager.labels,
        serviceAccount: names.alertmanager.serviceAccount,
      },
      nodeGroup: 'system',
    },
    {
      id: 'prometheus-operator',
      description:
        'Prometheus Operator (kube-prometheus-stack): runs Prometheus and Alertmanager from their resources',
      tier: 'data',
      k8s: {
        namespace: names.namespace,
        labels: names.operator.labels,
        serviceAccount: names.operator.serviceAccount,
      },
      nodeGroup: 'system',
    },
  ];
  return {
    components,
    dns: [...dnsLookups('alertmanager'), ...dnsLookups('prometheus-operator')],
    alerting: [
      flow({
        from: 'prometheus',
        to: 'alertmanager',
        port: names.alertmanager.port,
        purpose: 'alerts',
        description: 'Prometheus sends firing and resolved alerts',
        enforcedBy: POD_LAYERS,
        protection: ALERTMANAGER_PLAINTEXT,
      }),
      ...(publishes ? alertmanagerPublishing() : []),
      flow({
        from: 'prometheus-operator',
        to: 'eks-api',
        port: HTTPS_PORT,
        purpose: 'watch',
        description: 'The operator watches its resources and manages the Prometheus and Alertmanager pods',
        enforcedBy: POD_LAYERS,
        protection: KUBE_API_TLS,
      }),
    ],
  };
}

function alertmanagerPublishing(): Flow<ComponentId>[] {
  return [
    flow({
      from: 'alertmanager',
      to: 'aws-endpoints',
      port: HTTPS_PORT,
      purpose: 'sns',
      description: 'Alertmanager publishes to the alert topics (SNS and STS interface endpoints)',
      enforcedBy: POD_LAYERS,
      protection: AWS_API_TLS,
    }),
    flow({
      from: 'alertmanager',
      to: 'pod-identity-agent',
      port: POD_IDENTITY_AGENT_PORT,
      purpose: 'credentials',
      description: 'Pod Identity credentials for publishing to the alert topics',
      enforcedBy: ON_NODE_LAYERS,
      protection: POD_IDENTITY_AGENT_PLAINTEXT,
    }),
  ];
}
