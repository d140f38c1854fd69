/**
 * The EKS cluster: its private API endpoint, the two node groups, CoreDNS and the services every node runs
 * (instance metadata, the Pod Identity agent). The control plane and the kubelets reach each other; the API
 * admits nothing from outside the VPC, and pods never reach the instance metadata service.
 */
import { flow, perNodeGroup, type Capability, type CapabilityParts } from '../capability.js';
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

export const cluster: Capability = ({ names }) => ({
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
  ],
  flows: perNodeGroup((nodes) => [
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
  denials: [
    {
      id: 'eks-api-from-outside',
      class: 'api-access',
      description: 'The Kubernetes API is reachable only inside the VPC and from the VPN',
      from: ['internet'],
      to: ['eks-api'],
      ports: [HTTPS_PORT],
    },
  ],
});

/** The claim that no workload pod reaches the instance metadata service (their credentials come from Pod Identity). */
export function podsToInstanceMetadata(
  workloads: readonly ComponentId[],
): CapabilityParts['denials'][number] {
  return {
    id: 'pods-to-instance-metadata',
    class: 'instance-metadata',
    description: 'Pods cannot reach the instance metadata service',
    from: [...workloads],
    to: ['instance-metadata'],
    ports: [HTTP_PORT],
  };
}
