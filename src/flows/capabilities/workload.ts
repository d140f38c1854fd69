/**
 * Weaviate and the ingress gateway in front of it: client requests enter only through the gateway, the
 * cluster's own ports stay between Weaviate pods, backups go to S3 with Pod Identity credentials.
 */
import { dnsLookups, flow, type Capability } from '../capability.js';
import { ON_NODE_LAYERS, POD_LAYERS, podLayers } from '../layers.js';
import { HTTPS_PORT, POD_IDENTITY_AGENT_PORT } from '../well-known.js';

export const workload: Capability = ({ blueprint, names }) => {
  const ports = blueprint.weaviate.ports;
  const meshEnabled = blueprint.mesh.enabled;
  // Cluster-internal ports stay outside the sidecar (memberlist and Raft break under sidecar mTLS); NetworkPolicy
  // limits them to Weaviate pods and the data port requires Weaviate's cluster basic auth.
  const clusterPort = (port: number, purpose: string, description: string, protocol: 'tcp' | 'udp' = 'tcp') =>
    flow({ from: 'weaviate', to: 'weaviate', port, protocol, purpose, description, enforcedBy: POD_LAYERS });
  return {
    components: [
      {
        id: 'weaviate',
        description: 'Weaviate pods (StatefulSet)',
        tier: 'data',
        k8s: { ...names.weaviate, labels: names.weaviate.labels },
        nodeGroup: 'weaviate',
        meshed: meshEnabled,
      },
      {
        id: 'ingress-gateway',
        description: 'Istio ingress gateway pods: the only way into Weaviate',
        tier: 'data',
        k8s: {
          namespace: names.ingressGateway.namespace,
          labels: names.ingressGateway.labels,
          serviceAccount: names.ingressGateway.serviceAccount,
        },
        nodeGroup: 'system',
        meshed: meshEnabled,
      },
      {
        id: 'outsider',
        description: 'A pod in any other namespace (hypothetical, to prove other namespaces are shut out)',
        tier: 'data',
        k8s: { namespace: names.outsider.namespace, labels: names.outsider.labels },
        nodeGroup: 'system',
      },
    ],
    flows: {
      'client-requests': [
        flow({
          from: 'ingress-gateway',
          to: 'weaviate',
          port: ports.http,
          purpose: 'http',
          description: 'Client REST/GraphQL requests',
          enforcedBy: podLayers(meshEnabled),
          viaMesh: meshEnabled,
        }),
        flow({
          from: 'ingress-gateway',
          to: 'weaviate',
          port: ports.grpc,
          purpose: 'grpc',
          description: 'Client gRPC requests',
          enforcedBy: podLayers(meshEnabled),
          viaMesh: meshEnabled,
        }),
      ],
      'weaviate-cluster': [
        clusterPort(ports.gossip, 'gossip', 'memberlist gossip (TCP)'),
        clusterPort(ports.gossip, 'gossip-udp', 'memberlist gossip (UDP)', 'udp'),
        clusterPort(ports.data, 'data', 'Intra-cluster data (replication)'),
        clusterPort(ports.raft, 'raft', 'Raft consensus'),
        clusterPort(ports.raftRpc, 'raft-rpc', 'Raft internal RPC'),
      ],
      dns: [...dnsLookups('weaviate'), ...dnsLookups('ingress-gateway')],
      // S3 and every other AWS API through interface endpoints; credentials from the Pod Identity agent, never
      // from the instance metadata service.
      'weaviate-aws': [
        flow({
          from: 'weaviate',
          to: 's3-endpoint',
          port: HTTPS_PORT,
          purpose: 'backups',
          description: 'Backups to the S3 bucket (interface endpoint)',
          enforcedBy: POD_LAYERS,
        }),
        flow({
          from: 'weaviate',
          to: 'aws-endpoints',
          port: HTTPS_PORT,
          purpose: 'aws-apis',
          description: 'STS and KMS through interface endpoints',
          enforcedBy: POD_LAYERS,
        }),
        flow({
          from: 'weaviate',
          to: 'pod-identity-agent',
          port: POD_IDENTITY_AGENT_PORT,
          purpose: 'credentials',
          description: 'Pod Identity credentials for the backup role',
          enforcedBy: ON_NODE_LAYERS,
        }),
      ],
    },
    denials: [
      {
        id: 'internet-to-weaviate',
        class: 'internet-isolation',
        description: 'The internet never reaches Weaviate directly (only through WAF and the load balancer)',
        from: ['internet'],
        to: ['weaviate'],
        ports: [],
      },
      {
        id: 'other-namespaces-to-weaviate',
        class: 'namespace-isolation',
        description: 'Pods in other namespaces cannot reach Weaviate',
        from: ['outsider'],
        to: ['weaviate'],
        ports: [],
      },
    ],
    workloads: ['weaviate', 'ingress-gateway'],
  };
};
