/**
 * The log collector (Fluent Bit, a DaemonSet on every node): it reads the nodes' log files, asks the API server
 * for each pod's metadata, and writes to CloudWatch Logs through the logs interface endpoint with Pod Identity
 * credentials. Nothing connects to it.
 */
import { dnsLookups, flow, NOTHING, type Capability } from '../capability.js';
import { ON_NODE_LAYERS, POD_LAYERS } from '../layers.js';
import { logCollectionNames } from '../log-names.js';
import { AWS_API_TLS, KUBE_API_TLS, POD_IDENTITY_AGENT_PLAINTEXT } from '../protection.js';
import { HTTPS_PORT, POD_IDENTITY_AGENT_PORT } from '../well-known.js';

export const logCollection: Capability = ({ blueprint }) => {
  if (!blueprint.logs.collection.enabled) return NOTHING;
  const names = logCollectionNames(blueprint);
  return {
    components: [
      {
        id: 'fluent-bit',
        description: "Fluent Bit (aws-for-fluent-bit): containers' and nodes' logs to CloudWatch Logs",
        tier: 'data',
        k8s: { namespace: names.namespace, labels: names.labels, serviceAccount: names.serviceAccount },
        // The DaemonSet runs on every node; placed here on the system nodes, whose security group carries its
        // flows. On the Weaviate nodes the same ports to the same peers are the nodes' own flows (the endpoints
        // and the API server), so no security group rule is added for it there.
        nodeGroup: 'system',
      },
    ],
    flows: {
      dns: dnsLookups('fluent-bit'),
      logging: [
        flow({
          from: 'fluent-bit',
          to: 'aws-endpoints',
          port: HTTPS_PORT,
          purpose: 'logs',
          description: 'Fluent Bit writes log events to CloudWatch Logs (logs interface endpoint)',
          enforcedBy: POD_LAYERS,
          protection: AWS_API_TLS,
        }),
        flow({
          from: 'fluent-bit',
          to: 'pod-identity-agent',
          port: POD_IDENTITY_AGENT_PORT,
          purpose: 'credentials',
          description: 'Pod Identity credentials for writing to the log groups',
          enforcedBy: ON_NODE_LAYERS,
          protection: POD_IDENTITY_AGENT_PLAINTEXT,
        }),
        flow({
          from: 'fluent-bit',
          to: 'eks-api',
          port: HTTPS_PORT,
          purpose: 'metadata',
          description: "Fluent Bit's kubernetes filter reads each pod's namespace, name and labels",
          enforcedBy: POD_LAYERS,
          protection: KUBE_API_TLS,
        }),
      ],
    },
    denials: [],
    workloads: ['fluent-bit'],
  };
};
