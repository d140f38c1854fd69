export * from './types.js';
export {
  deriveFlowSpec,
  INSTANCE_METADATA_CIDR,
  POD_IDENTITY_AGENT_CIDR,
  POD_IDENTITY_AGENT_PORT,
  KUBELET_PORT,
  HTTPS_PORT,
  DNS_PORT,
} from './derive.js';
export { planSubnets, subnetsOf, TIERS, type SubnetTier } from './network-plan.js';
export {
  workloadNames,
  NODE_GROUP_LABEL,
  NODE_ROLE_LABEL,
  WEAVIATE_NODE_TAINT,
  type WorkloadNames,
} from './names.js';
export { awsNames, KEY_PURPOSES, type AwsNames, type KeyPurpose } from './aws-names.js';
