/**
 * The ingress gateway's TLS listener and the issuer behind its certificate: names shared by the flow spec, the
 * charts and the stack, so the load balancer's target groups, the gateway's Service, its Gateway server and the
 * Certificate cannot drift apart.
 *
 * The listener is reusable: any load balancer in front of the gateway (the ALB's target groups today) targets
 * `INGRESS_GATEWAY_TLS.port` over HTTPS, and the certificate is the Secret `INGRESS_GATEWAY_TLS.secretName` in
 * the gateway's namespace, issued by the cluster's own CA (cert-manager; the CA key never leaves the cluster).
 */
import type { Blueprint } from '../blueprint/index.js';

/** The ingress gateway's TLS listener: port, the Service port's name, and the certificate's Secret. */
export const INGRESS_GATEWAY_TLS = {
  /** Unprivileged, so the gateway needs no capability to bind it. */
  port: 8443,
  portName: 'https',
  /** The Secret (in the gateway's namespace) cert-manager writes and the Gateway server's credentialName names. */
  secretName: 'ingress-gateway-tls',
  /** The issuer of the gateway's certificate: a CA issuer in the gateway's namespace. */
  issuer: 'ingress-gateway-ca',
  /** The CA's own certificate and key (a Secret in the gateway's namespace). */
  caSecretName: 'ingress-gateway-ca',
  /** The self-signed issuer that signs the CA certificate once. */
  bootstrapIssuer: 'ingress-gateway-ca-bootstrap',
} as const;

/** cert-manager's pods, as its Helm chart labels them (`app.kubernetes.io/{name,instance,component}`). */
export interface CertManagerPodNames {
  readonly labels: Record<string, string>;
  readonly serviceAccount: string;
}

/** cert-manager: its namespace, Helm release, webhook port and pods. */
export interface CertManagerNames {
  readonly namespace: string;
  readonly release: string;
  /**
   * The webhook's serving port. Not the chart's 10250: that is the kubelet's port, and a flow to it would read as
   * one to the node.
   */
  readonly webhookPort: number;
  readonly controller: CertManagerPodNames;
  readonly webhook: CertManagerPodNames;
  readonly cainjector: CertManagerPodNames;
  readonly startupApiCheck: CertManagerPodNames;
}

const RELEASE = 'cert-manager';

/** A cert-manager pod: the chart names its service accounts `<release>-<component>` (the controller: the release). */
function pod(name: string, component: string, serviceAccount: string): CertManagerPodNames {
  return {
    labels: {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/instance': RELEASE,
      'app.kubernetes.io/component': component,
    },
    serviceAccount,
  };
}

export const CERT_MANAGER: CertManagerNames = {
  namespace: 'cert-manager',
  release: RELEASE,
  webhookPort: 10260,
  controller: pod('cert-manager', 'controller', RELEASE),
  webhook: pod('webhook', 'webhook', `${RELEASE}-webhook`),
  cainjector: pod('cainjector', 'cainjector', `${RELEASE}-cainjector`),
  startupApiCheck: pod('startupapicheck', 'startupapicheck', `${RELEASE}-startupapicheck`),
};

/**
 * Whether the ingress gateway serves TLS (and cert-manager issues its certificate): whenever something in front of
 * it forwards client traffic, today the load balancer of `exposure: alb | cloudfront`.
 */
export function ingressGatewayServesTls(bp: Blueprint): boolean {
  return bp.mesh.enabled && bp.exposure !== 'private';
}
