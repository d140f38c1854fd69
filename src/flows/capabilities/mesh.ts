/**
 * Istio's control plane: sidecars and the ingress gateway fetch their configuration and certificates from
 * istiod, the API server calls its webhooks, and istiod watches the API.
 */
import { dnsLookups, flow, NOTHING, type Capability } from '../capability.js';
import { POD_LAYERS } from '../layers.js';
import { HTTPS_PORT } from '../well-known.js';
import { ISTIOD_TLS, KUBE_API_TLS, WEBHOOK_TLS } from '../protection.js';

export const mesh: Capability = ({ blueprint, names }) => {
  if (!blueprint.mesh.enabled) return NOTHING;
  const { xdsPort, webhookPort } = names.istiod;
  return {
    components: [
      {
        id: 'istiod',
        description: 'Istio control plane',
        tier: 'data',
        k8s: {
          namespace: names.istiod.namespace,
          labels: names.istiod.labels,
          serviceAccount: names.istiod.serviceAccount,
        },
        nodeGroup: 'system',
      },
    ],
    flows: {
      dns: dnsLookups('istiod'),
      'mesh-control': [
        flow({
          from: 'weaviate',
          to: 'istiod',
          port: xdsPort,
          purpose: 'xds',
          description: 'Sidecar configuration and certificates',
          enforcedBy: POD_LAYERS,
          protection: ISTIOD_TLS,
        }),
        flow({
          from: 'ingress-gateway',
          to: 'istiod',
          port: xdsPort,
          purpose: 'xds',
          description: 'Gateway configuration and certificates',
          enforcedBy: POD_LAYERS,
          protection: ISTIOD_TLS,
        }),
        flow({
          from: 'eks-api',
          to: 'istiod',
          port: webhookPort,
          purpose: 'webhook',
          description: 'Sidecar injection and validation webhooks',
          enforcedBy: POD_LAYERS,
          protection: WEBHOOK_TLS,
        }),
        flow({
          from: 'istiod',
          to: 'eks-api',
          port: HTTPS_PORT,
          purpose: 'watch',
          description: 'istiod watches the Kubernetes API',
          enforcedBy: POD_LAYERS,
          protection: KUBE_API_TLS,
        }),
      ],
    },
    denials: [],
  };
};
