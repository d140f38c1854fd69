/**
 * The EKS cluster: its private API endpoint, the two node groups, CoreDNS and the services every node runs
 * (instance metadata, the Pod Identity agent). The control plane and the kubelets reach each other; the API
 * admits nothing from outside the VPC, and pods never reach the instance metadata service.
 */
import {
  cidrRange,
  formatCidr,
  parseCidr,
  rangeToCidrs,
  subtractRanges,
  type Cidr,
} from '../../contract/cidr.js';
import { flow, perNodeGroup, type Capability, type CapabilityParts } from '../capability.js';
import type { Component, DenialClaim, Flow } from '../types.js';
import type { ComponentId } from '../ids.js';
import { NETWORK_LAYERS } from '../layers.js';
import {
  HTTP_PORT,
  HTTPS_PORT,
  INSTANCE_METADATA_CIDR,
  KUBELET_PORT,
  POD_IDENTITY_AGENT_CIDR,
} from '../well-known.js';
import { KUBE_API_TLS, KUBELET_TLS } from '../protection.js';

export const cluster: Capability = ({ blueprint, names }) => ({
  components: [
    {
      id: 'kube-dns',
      description: 'CoreDNS pods',
      tier: 'data',
      k8s: { namespace: names.kubeDns.namespace, labels: names.kubeDns.labels },
      nodeGroup: 'system',
    },
    {
      id: 'eks-api',
      description: 'EKS control plane (private endpoint)',
      tier: 'endpoints',
      awsTag: 'eks-control-plane',
    },
    {
      id: 'nodes-system',
      description: 'System node group (add-ons, mesh, monitoring)',
      tier: 'data',
      awsTag: 'nodes-system',
    },
    {
      id: 'nodes-weaviate',
      description: 'Dedicated Weaviate node group',
      tier: 'data',
      awsTag: 'nodes-weaviate',
    },
    {
      id: 'instance-metadata',
      description: 'EC2 instance metadata service',
      tier: 'on-node',
      cidrs: [INSTANCE_METADATA_CIDR],
    },
    {
      id: 'pod-identity-agent',
      description: 'EKS Pod Identity agent on each node',
      tier: 'on-node',
      cidrs: [POD_IDENTITY_AGENT_CIDR],
    },
    ...(blueprint.cluster.allowPublicEndpoint
      ? publicEndpointComponents(blueprint.cluster.publicAccessCidrs)
      : []),
  ],
  flows: {
    ...perNodeGroup((nodes) => [
      flow({
        from: nodes,
        to: 'eks-api',
        port: HTTPS_PORT,
        purpose: 'kubelet-api',
        description: 'Kubelet and node agents to the Kubernetes API',
        enforcedBy: NETWORK_LAYERS,
        protection: KUBE_API_TLS,
      }),
      flow({
        from: 'eks-api',
        to: nodes,
        port: KUBELET_PORT,
        purpose: 'kubelet',
        description: 'Control plane to kubelet (logs, exec, metrics)',
        enforcedBy: NETWORK_LAYERS,
        protection: KUBELET_TLS,
      }),
    ]),
    ...(blueprint.cluster.allowPublicEndpoint ? { admin: [publicEndpointFlow()] } : {}),
  },
  denials: [
    blueprint.cluster.allowPublicEndpoint
      ? {
          id: 'eks-api-from-outside',
          class: 'api-access',
          description:
            'Weakening cluster.allowPublicEndpoint: the Kubernetes API is reachable from the internet only from cluster.publicAccessCidrs',
          from: ['internet-except-eks-api-clients'],
          to: ['eks-api'],
          // Every port: it stands in for the internet-isolation claim, which no longer covers the API.
          ports: [],
        }
      : {
          id: 'eks-api-from-outside',
          class: 'api-access',
          description: 'The Kubernetes API is reachable only inside the VPC and from the VPN',
          from: ['internet'],
          to: ['eks-api'],
          ports: [HTTPS_PORT],
        },
  ],
});

/**
 * With the named weakening `cluster.allowPublicEndpoint`, the ranges allowed to reach the public endpoint and
 * the rest of the IPv4 internet, so the claim narrows to what the weakening leaves closed instead of being
 * dropped: every address outside the allow-list is still proved unable to reach the API.
 */
function publicEndpointComponents(allowed: readonly string[]): Component<ComponentId>[] {
  const cut = allowed.map((text) => parseCidr(text)).filter((c): c is Cidr => c?.version === 4);
  const rest = subtractRanges(cidrRange(parseCidr('0.0.0.0/0')!), cut.map(cidrRange)).flatMap(rangeToCidrs);
  return [
    {
      id: 'eks-api-public-clients',
      description:
        "Weakening: the ranges allowed to reach the API's public endpoint (cluster.publicAccessCidrs)",
      tier: 'internet',
      cidrs: [...allowed],
    },
    {
      id: 'internet-except-eks-api-clients',
      description: "Every IPv4 address outside the public endpoint's allow-list",
      tier: 'internet',
      cidrs: rest.map(formatCidr),
    },
  ];
}

/**
 * With the public endpoint the internet-isolation claim cannot hold for the API from every address: the API is
 * taken out of its destinations (the endpoints tier's other components named one by one) and the narrowed
 * `eks-api-from-outside` claim covers it, on every port, from the rest of the internet.
 */
export function exceptPublicEndpoint<D extends DenialClaim<ComponentId>>(
  denials: readonly D[],
  components: readonly Component<ComponentId>[],
): D[] {
  const otherEndpoints = components
    .filter((c) => c.tier === 'endpoints' && c.id !== 'eks-api')
    .map((c) => c.id);
  return denials.map((d) =>
    d.id !== 'internet-to-private-tiers'
      ? d
      : {
          ...d,
          description: `${d.description}, except the API's public endpoint (weakening cluster.allowPublicEndpoint: see eks-api-from-outside)`,
          to: d.to.flatMap((party) => (party === 'tier:endpoints' ? otherEndpoints : [party])),
        },
  );
}

/** The weakening as a flow, so the report shows who may reach the API from outside (the endpoint's own list). */
function publicEndpointFlow(): Flow<ComponentId> {
  return flow({
    from: 'eks-api-public-clients',
    to: 'eks-api',
    port: HTTPS_PORT,
    purpose: 'public-endpoint',
    description: "Weakening: the API's public endpoint, to cluster.publicAccessCidrs only",
    // The endpoint's CIDR allow-list admits it; no security group, ACL or policy of ours is on the path.
    enforcedBy: [],
    protection: KUBE_API_TLS,
  });
}

/**
 * The claim that no workload pod reaches the instance metadata service (their credentials come from Pod
 * Identity). With the named weakening `cluster.allowPodInstanceMetadata` the nodes' hop limit lets pods' packets
 * reach it, so the AWS network alone no longer enforces the claim: the NetworkPolicies' metadata exceptions do.
 */
export function podsToInstanceMetadata(
  workloads: readonly ComponentId[],
  podMetadataAllowed: boolean,
): CapabilityParts['denials'][number] {
  return {
    id: 'pods-to-instance-metadata',
    class: 'instance-metadata',
    description: podMetadataAllowed
      ? 'Pods cannot reach the instance metadata service (weakening cluster.allowPodInstanceMetadata: enforced by NetworkPolicies alone, the hop limit admits pods)'
      : 'Pods cannot reach the instance metadata service',
    from: [...workloads],
    to: ['instance-metadata'],
    ports: [HTTP_PORT],
    ...(podMetadataAllowed ? { defenseInDepth: false } : {}),
  };
}
