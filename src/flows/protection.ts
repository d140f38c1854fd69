/**
 * The protections flows declare, one constant per kind of receiver, so the same receiver is described the same
 * way in every capability and every plaintext flow carries its reason where it is declared.
 */
import type { FlowProtection } from './types.js';

/** The load balancer's listener ends TLS: the prover checks the listeners on the flow's port speak HTTPS. */
export const TERMINATED_BY_LOAD_BALANCER = 'alb';
/** A load balancer's target ends TLS: the prover checks the target groups on the flow's port speak HTTPS. */
export const TERMINATED_BY_LOAD_BALANCER_TARGET = 'load-balancer-target';
/**
 * The Istio ingress gateway ends TLS for the load balancer in front of it: the prover checks the target groups on
 * the flow's port speak HTTPS and the gateway's servers on that port end TLS.
 */
export const TERMINATED_BY_INGRESS_GATEWAY = 'ingress-gateway';

/** Between meshed pods: the sidecars (or the ingress gateway) present Istio workload certificates both ways. */
export const MESH_MTLS: FlowProtection = { kind: 'mtls', terminatedBy: 'istio-sidecar' };

/** AWS APIs behind interface endpoints and S3: HTTPS, ended by the AWS service. */
export const AWS_API_TLS: FlowProtection = { kind: 'tls', terminatedBy: 'aws-service' };

/** The Kubernetes API server (EKS control plane) serves only HTTPS. */
export const KUBE_API_TLS: FlowProtection = { kind: 'tls', terminatedBy: 'kube-apiserver' };

/** The kubelet's API (10250) serves only HTTPS, with the cluster CA's serving certificate. */
export const KUBELET_TLS: FlowProtection = { kind: 'tls', terminatedBy: 'kubelet' };

/** Admission webhooks: the API server calls them only over HTTPS. */
export const WEBHOOK_TLS: FlowProtection = { kind: 'tls', terminatedBy: 'webhook-server' };

/** Sidecars and gateways fetch configuration and certificates from istiod over TLS (15012). */
export const ISTIOD_TLS: FlowProtection = { kind: 'tls', terminatedBy: 'istiod' };

/** Clients and CloudFront reach the load balancer over HTTPS; the listener ends TLS. */
export const ALB_TLS: FlowProtection = { kind: 'tls', terminatedBy: TERMINATED_BY_LOAD_BALANCER };

/** Servers on the internet (webhooks, registries, chart repositories) over HTTPS. */
export const INTERNET_TLS: FlowProtection = { kind: 'tls', terminatedBy: 'remote-server' };

/** The enclave's channel to its control plane: both ends present certificates (mutual TLS). */
export const CONTROL_PLANE_MTLS: FlowProtection = { kind: 'mtls', terminatedBy: 'control-plane' };

/** DNS lookups: plaintext by the protocol, and accepted for what they carry. */
export const DNS_PLAINTEXT: FlowProtection = {
  kind: 'none',
  terminatedBy: 'dns-server',
  acknowledged:
    'DNS queries carry names only, never data or credentials; neither CoreDNS as EKS runs it nor the Route 53 Resolver offers DNS over TLS inside a VPC, and the queries are admitted only on port 53 to the resolver.',
};

/** The Pod Identity agent: plain HTTP on a link-local address of the pod's own node. */
export const POD_IDENTITY_AGENT_PLAINTEXT: FlowProtection = {
  kind: 'none',
  terminatedBy: 'pod-identity-agent',
  acknowledged:
    "The agent listens on 169.254.170.23 on the pod's own node and serves HTTP only (AWS offers no TLS there); the request never leaves the host, and NetworkPolicy admits only the pods that use it.",
};

/** The load balancer's plain-HTTP listener: it answers with a redirect and forwards nothing. */
export const HTTP_REDIRECT_PLAINTEXT: FlowProtection = {
  kind: 'none',
  terminatedBy: TERMINATED_BY_LOAD_BALANCER,
  acknowledged:
    'The port 80 listener only answers with a redirect to HTTPS; no request reaches a target, and no credential should be sent to it.',
};

/** memberlist's UDP probes between Weaviate pods: Istio does not proxy UDP and Weaviate sets no gossip key. */
export const GOSSIP_UDP_PLAINTEXT: FlowProtection = {
  kind: 'none',
  terminatedBy: 'weaviate',
  acknowledged:
    "Istio's sidecars proxy TCP only, and Weaviate sets no memberlist encryption key (no SecretKey or Keyring, and no setting to supply one), so the UDP probes stay plaintext. They carry membership state only (node names, addresses, liveness), never objects, queries or credentials; NetworkPolicy admits them between Weaviate pods only, and the TCP half of gossip, the data port and Raft go through the mesh with mutual TLS.",
};

/**
 * The load balancer to the ingress gateway: HTTPS to the gateway's TLS listener, whose certificate comes from the
 * cluster's own CA. The prover checks both ends: the target groups on the port speak HTTPS, and the Istio Gateway
 * servers on the port end TLS with a certificate.
 */
export const GATEWAY_TLS: FlowProtection = { kind: 'tls', terminatedBy: TERMINATED_BY_INGRESS_GATEWAY };

/** A flow between pods without the mesh (the blueprint turns it off): the named weakening. */
export const MESH_OFF_PLAINTEXT: FlowProtection = {
  kind: 'none',
  terminatedBy: 'weaviate',
  acknowledged:
    'Weakening: the blueprint turns the mesh off (mesh.enabled: false), so pod-to-pod traffic is plaintext, limited by NetworkPolicy and Weaviate authentication only.',
};

/** Mutual TLS through the mesh when it is on, else the named weakening. */
export function meshOrPlaintext(meshEnabled: boolean): FlowProtection {
  return meshEnabled ? MESH_MTLS : MESH_OFF_PLAINTEXT;
}

/** A VPC Lattice listener ends TLS: the prover checks the Lattice listeners on the flow's port speak HTTPS. */
export const TERMINATED_BY_LATTICE_LISTENER = 'vpc-lattice-listener';

/** Consumers reach the Lattice service over HTTPS, signed with SigV4; the service's listener ends TLS. */
export const LATTICE_TLS: FlowProtection = { kind: 'tls', terminatedBy: TERMINATED_BY_LATTICE_LISTENER };
