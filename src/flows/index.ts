export * from './types.js';
export { deriveFlowSpec, CAPABILITIES } from './derive.js';
export { parseFlowSpec, type FlowSpecSource } from './parse.js';
export {
  COMPONENT_IDS,
  DENIAL_IDS,
  NODE_GROUP_IDS,
  type ComponentId,
  type DenialId,
  type NodeGroupId,
} from './ids.js';
export {
  capabilityContext,
  FLOW_SECTIONS,
  type Capability,
  type CapabilityContext,
  type CapabilityParts,
} from './capability.js';
export { NETWORK_LAYERS, POD_LAYERS, ALL_LAYERS, NETWORK_TO_POD_LAYERS, ON_NODE_LAYERS } from './layers.js';
export {
  INSTANCE_METADATA_CIDR,
  POD_IDENTITY_AGENT_CIDR,
  POD_IDENTITY_AGENT_PORT,
  KUBELET_PORT,
  HTTPS_PORT,
  DNS_PORT,
} from './well-known.js';
export { planSubnets, subnetsOf, TIERS, type SubnetTier } from './network-plan.js';
export {
  workloadNames,
  NODE_GROUP_LABEL,
  NODE_ROLE_LABEL,
  WEAVIATE_NODE_TAINT,
  type JobNames,
  type WorkloadNames,
} from './names.js';
export { awsNames, KEY_PURPOSES, type AwsNames, type KeyPurpose } from './aws-names.js';
export { monitoringStackNames, ALERTMANAGER_PORT, type MonitoringStackNames } from './monitoring-names.js';
export { logCollectionNames, type LogCollectionNames } from './log-names.js';
export * from './protection.js';
export {
  INGRESS_GATEWAY_TLS,
  CERT_MANAGER,
  ingressGatewayServesTls,
  type CertManagerNames,
  type CertManagerPodNames,
} from './gateway-tls.js';
export { grafanaNames, GRAFANA_PORT, PROMETHEUS_WEB_PORT, type GrafanaNames } from './grafana-names.js';
