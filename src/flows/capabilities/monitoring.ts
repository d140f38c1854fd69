/** Prometheus (an existing Prometheus Operator) scraping Weaviate's metrics and the kubelets. */
import { dnsLookups, flow, NOTHING, perNodeGroup, type Capability } from '../capability.js';
import { POD_LAYERS, podLayers } from '../layers.js';
import { KUBE_API_TLS, KUBELET_TLS, meshOrPlaintext } from '../protection.js';
import { HTTPS_PORT, KUBELET_PORT } from '../well-known.js';

export const monitoring: Capability = ({ blueprint, names }) => {
  if (!blueprint.monitoring.enabled) return NOTHING;
  const meshEnabled = blueprint.mesh.enabled;
  return {
    components: [
      {
        id: 'prometheus',
        description: 'Prometheus (Prometheus Operator) scraping Weaviate',
        tier: 'data',
        k8s: { namespace: names.prometheus.namespace, labels: names.prometheus.labels },
        nodeGroup: 'system',
        // Prometheus scrapes with the Istio workload certificate its sidecar writes out (the monitoring
        // namespace's injection and the proxy's OUTPUT_CERTS), so it presents a mesh identity.
        meshed: meshEnabled,
      },
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
      dns: dnsLookups('prometheus'),
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
    },
    denials: [],
    workloads: ['prometheus'],
  };
};
