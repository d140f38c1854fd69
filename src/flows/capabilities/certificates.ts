/**
 * cert-manager, which issues the ingress gateway's certificate from a CA whose key is generated in the cluster and
 * never leaves it. Its pods talk to the Kubernetes API only (a CA issuer needs no ACME server, no DNS and no AWS
 * API), and the API server calls its admission webhook.
 */
import { flow, NOTHING, type Capability } from '../capability.js';
import { CERT_MANAGER, ingressGatewayServesTls, type CertManagerPodNames } from '../gateway-tls.js';
import type { ComponentId } from '../ids.js';
import { POD_LAYERS } from '../layers.js';
import { KUBE_API_TLS, WEBHOOK_TLS } from '../protection.js';
import type { Component, Flow } from '../types.js';
import { HTTPS_PORT } from '../well-known.js';

const component = (
  id: ComponentId,
  description: string,
  pod: CertManagerPodNames,
): Component<ComponentId> => ({
  id,
  description,
  tier: 'data',
  k8s: { namespace: CERT_MANAGER.namespace, labels: pod.labels, serviceAccount: pod.serviceAccount },
  nodeGroup: 'system',
});

const watchesApi = (from: ComponentId, description: string): Flow<ComponentId> =>
  flow({
    from,
    to: 'eks-api',
    port: HTTPS_PORT,
    purpose: 'watch',
    description,
    enforcedBy: POD_LAYERS,
    protection: KUBE_API_TLS,
  });

export const certificates: Capability = ({ blueprint }) => {
  if (!ingressGatewayServesTls(blueprint)) return NOTHING;
  const ids: ComponentId[] = [
    'cert-manager',
    'cert-manager-webhook',
    'cert-manager-cainjector',
    'cert-manager-startupapicheck',
  ];
  return {
    components: [
      component(
        'cert-manager',
        "cert-manager: issues the ingress gateway's certificate from the cluster's CA",
        CERT_MANAGER.controller,
      ),
      component('cert-manager-webhook', "cert-manager's admission webhook", CERT_MANAGER.webhook),
      component(
        'cert-manager-cainjector',
        "cert-manager's CA injector (its webhook's CA bundle)",
        CERT_MANAGER.cainjector,
      ),
      component(
        'cert-manager-startupapicheck',
        "cert-manager's install check (a Helm hook Job)",
        CERT_MANAGER.startupApiCheck,
      ),
    ],
    flows: {
      certificates: [
        watchesApi('cert-manager', 'Watches Certificates and Issuers, writes certificate Secrets'),
        watchesApi('cert-manager-webhook', "Reads and renews the webhook's own serving CA"),
        watchesApi('cert-manager-cainjector', "Writes the webhook's CA bundle"),
        watchesApi('cert-manager-startupapicheck', 'Checks the webhook answers before the install completes'),
        flow({
          from: 'eks-api',
          to: 'cert-manager-webhook',
          port: CERT_MANAGER.webhookPort,
          purpose: 'webhook',
          description: 'Admission webhooks (validation and defaults of cert-manager resources)',
          enforcedBy: POD_LAYERS,
          protection: WEBHOOK_TLS,
        }),
      ],
    },
    denials: [],
    workloads: ids,
  };
};
