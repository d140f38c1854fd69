/** The AWS side: constructs, the stack that composes them, and in-process synthesis. */
export {
  createApp,
  synthesize,
  nagErrorsOf,
  type SynthResult,
  type StackSummary,
  type NagFinding,
} from './app.js';
export { VectorfortStack, stackNameOf, type VectorfortStackProps } from './stack.js';
export {
  ValidationError,
  VALIDATION_ERROR_ORIGINS,
  type ValidationErrorCode,
  type ValidationErrorOrigin,
} from './errors.js';
export { Network, REQUIRED_INTERFACE_ENDPOINTS, type NetworkProps } from './network.js';
export {
  FlowSecurityGroups,
  type FlowSecurityGroupsProps,
  type GeneratedSecurityGroupRule,
} from './flow-security-groups.js';
export { FlowNetworkAcls, type FlowNetworkAclsProps } from './network-acls.js';
export { ManagedPrefixList, type ManagedPrefixListProps } from './managed-prefix-list.js';
export { Keys, KEY_ADMIN_ACTIONS, type KeysProps } from './keys.js';
export { Cluster, CONTROL_PLANE_LOG_TYPES, type ClusterProps, type AccessEntryConfig } from './cluster.js';
export {
  ClusterAddons,
  EBS_CSI_SERVICE_ACCOUNT,
  VPC_CNI_CONFIGURATION,
  type ClusterAddonsProps,
} from './cluster-addons.js';
export { NodeGroup, NODE_MANAGED_POLICIES, type NodeGroupProps } from './node-group.js';
export { PodIdentityRole, type PodIdentityRoleProps } from './pod-identity-role.js';
export { BackupBucket, DATA_ACTIONS, type BackupBucketProps } from './backup-bucket.js';
export {
  acknowledgeNag,
  acknowledgeManagedPolicies,
  addNagPacks,
  NAG_PACKS,
  MIN_NAG_REASON_LENGTH,
} from './nag.js';
export { planNetworkAcls, type AclEntry, type TierAcl, type VpcTier } from './private/acl-plan.js';
