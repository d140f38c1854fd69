/**
 * Weaviate and the ingress gateway in front of it: client requests enter only through the gateway, the
 * cluster's own ports stay between Weaviate pods, backups go to S3 with Pod Identity credentials.
 */
import { dnsLookups, flow, type Capability } from '../capability.js';
import { ON_NODE_LAYERS, POD_LAYERS, podLayers } from '../layers.js';
import { HTTPS_PORT, POD_IDENTITY_AGENT_PORT } from '../well-known.js';
import {
  AWS_API_TLS,
  GOSSIP_UDP_PLAINTEXT,
  meshOrPlaintext,
  POD_IDENTITY_AGENT_PLAINTEXT,
} from '../protection.js';

export const workload: Capability = ({ blueprint, names }) => {
  const ports = blueprint.weaviate.ports;
  const meshEnabled = blueprint.mesh.enabled;
  // Weaviate encrypts none of its cluster traffic itself, so the TCP ports (gossip, data, Raft) go through the
  // sidecars, which the headless Service makes reach each pod by address with mutual TLS. Istio proxies no UDP:
  // memberlist's UDP probes stay outside it, limited by NetworkPolicy (see GOSSIP_UDP_PLAINTEXT).
  const clusterPort = (port: number, purpose: string, description: string) =>
    flow({
      from: 'weaviate',
      to: 'weaviate',
      port,
      purpose,
      description,
      enforcedBy: podLayers(meshEnabled),
      viaMesh: meshEnabled,
      protection: meshOrPlaintext(meshEnabled),
    });
  return {
    components: [
      {
        id: 'weaviate',
        description: 'Weaviate pods (StatefulSet)',
        tier: 'data',
        k8s: {
          namespace: names.weaviate.namespace,
          labels: names.weaviate.labels,
          serviceAccount: names.weaviate.serviceAccount,
        },
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
          protection: meshOrPlaintext(meshEnabled),
        }),
        flow({
          from: 'ingress-gateway',
          to: 'weaviate',
          port: ports.grpc,
          purpose: 'grpc',
          description: 'Client gRPC requests',
          enforcedBy: podLayers(meshEnabled),
          viaMesh: meshEnabled,
          protection: meshOrPlaintext(meshEnabled),
        }),
      ],
      'weaviate-cluster': [
        clusterPort(ports.gossip, 'gossip', 'memberlist gossip (TCP)'),
        flow({
          from: 'weaviate',
          to: 'weaviate',
          port: ports.gossip,
          protocol: 'udp',
          purpose: 'gossip-udp',
          description: 'memberlist gossip (UDP)',
          enforcedBy: POD_LAYERS,
          protection: GOSSIP_UDP_PLAINTEXT,
        }),
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
          protection: AWS_API_TLS,
        }),
        flow({
          from: 'weaviate',
          to: 'aws-endpoints',
          port: HTTPS_PORT,
          purpose: 'aws-apis',
          description: 'STS and KMS through interface endpoints',
          enforcedBy: POD_LAYERS,
          protection: AWS_API_TLS,
        }),
        flow({
          from: 'weaviate',
          to: 'pod-identity-agent',
          port: POD_IDENTITY_AGENT_PORT,
          purpose: 'credentials',
          description: 'Pod Identity credentials for the backup role',
          enforcedBy: ON_NODE_LAYERS,
          protection: POD_IDENTITY_AGENT_PLAINTEXT,
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
