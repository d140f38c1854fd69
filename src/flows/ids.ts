/**
 * The ids of the components and denial claims the derived flow spec may name. The spec lists components and
 * denials in the order of these tables: that order is part of what is generated (security groups and policies
 * follow it), so a new id goes where its entries should appear.
 */

export const COMPONENT_IDS = [
  'internet',
  'weaviate',
  'ingress-gateway',
  'kube-dns',
  'outsider',
  'eks-api',
  'eks-api-public-clients',
  'internet-except-eks-api-clients',
  'nodes-system',
  'nodes-weaviate',
  'aws-endpoints',
  's3',
  's3-endpoint',
  'kubectl-handler',
  'instance-metadata',
  'pod-identity-agent',
  'istiod',
  'prometheus',
  'alertmanager',
  'prometheus-operator',
  'alb',
  'lb-controller',
  'cloudfront',
  'vpn-clients',
  'vpn-endpoint',
  'notifier',
  'on-premises',
  'dns-resolver',
  'backup-job',
  'backup-role-setup',
  'restore-drill',
  'scratch-weaviate',
  'api-key-rotation',
  'control-plane',
  'ipv6-internet',
  'ipv6-except-control-plane',
  'cert-manager',
  'cert-manager-webhook',
  'cert-manager-cainjector',
  'cert-manager-startupapicheck',
  'fluent-bit',
  'lattice',
  'lattice-association',
  'grafana',
  'oidc-issuer',
  'grafana-oidc-issuer',
] as const;
export type ComponentId = (typeof COMPONENT_IDS)[number];

/** The node groups' components, one per node group role. */
export const NODE_GROUP_IDS = ['nodes-system', 'nodes-weaviate'] as const satisfies readonly ComponentId[];
export type NodeGroupId = (typeof NODE_GROUP_IDS)[number];

export const DENIAL_IDS = [
  'internet-to-private-tiers',
  'internet-to-weaviate',
  'data-tier-exfiltration',
  'pods-to-instance-metadata',
  'other-namespaces-to-weaviate',
  'eks-api-from-outside',
  'ipv6-internet-to-enclave',
  'enclave-ipv6-egress',
  'enclave-ipv4-egress',
  'nothing-reaches-grafana',
] as const;
export type DenialId = (typeof DENIAL_IDS)[number];
