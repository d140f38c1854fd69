/** Prometheus (an existing Prometheus Operator) scraping Weaviate's metrics and the kubelets. */
import { dnsLookups, flow, NOTHING, perNodeGroup, type Capability } from '../capability.js';
import { POD_LAYERS } from '../layers.js';
import { HTTPS_PORT, KUBELET_PORT } from '../well-known.js';

export const monitoring: Capability = ({ blueprint, names }) => {
  if (!blueprint.monitoring.enabled) return NOTHING;
  return {
    components: [
      {
        id: 'prometheus',
        description: 'Prometheus (Prometheus Operator) scraping Weaviate',
        tier: 'data',
        k8s: { namespace: names.prometheus.namespace, labels: names.prometheus.labels },
        nodeGroup: 'system',
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
          enforcedBy: POD_LAYERS,
        }),
        flow({
          from: 'prometheus',
          to: 'eks-api',
          port: HTTPS_PORT,
          purpose: 'discovery',
          description: 'Prometheus service discovery',
          enforcedBy: POD_LAYERS,
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
        }),
      ]),
    },
    denials: [],
    workloads: ['prometheus'],
  };
};
