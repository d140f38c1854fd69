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
export { workloadNames, type WorkloadNames } from './names.js';
export { awsNames, KEY_PURPOSES, type AwsNames, type KeyPurpose } from './aws-names.js';
