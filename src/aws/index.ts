/**
 * The package's entry point: the platform as one construct for an existing CDK app, its parts with typed
 * props, the blueprint loader, and in-process synthesis as `vectorfort synth` runs it.
 */
export { WeaviatePlatform, type WeaviatePlatformProps, type ExistingVpcSelection } from './platform.js';
export {
  loadBlueprint,
  validateBlueprint,
  blueprintSchema,
  type Blueprint,
  type LoadedBlueprint,
  type ExistingVpc,
  type ExistingSubnet,
} from '../blueprint/index.js';
export { deriveFlowSpec, type FlowSpec } from '../flows/index.js';
export { InputError, InputErrors } from '../errors.js';
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
export {
  Network,
  REQUIRED_INTERFACE_ENDPOINTS,
  type NetworkProps,
  type ExistingVpcNetwork,
} from './network.js';
export { importExistingVpc } from './existing-vpc.js';
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
export { Edge, type EdgeProps, type EdgeCertificateProps } from './edge/index.js';
export { addWorkload, type Workload, type WorkloadProps, type MeshOptions } from './workload.js';
export { Alerting, type AlertingProps, type AlertTopics } from './alerting.js';
export { addAdminAccess, type AdminAccess, type AdminAccessProps } from './admin-access/index.js';
export { addDetection, type Detection, type DetectionProps } from './detection/index.js';
export { BackupJobs, type BackupJobsProps } from './backup-jobs.js';
export { MonitoringStack, type MonitoringStackProps } from './monitoring-stack.js';
export { BackupReplication, type BackupReplicationProps } from './backup-replica/replication.js';
export {
  VectorfortBackupReplicaStack,
  type VectorfortBackupReplicaStackProps,
} from './backup-replica/replica-stack.js';
export { VectorfortEdgeStack, type VectorfortEdgeStackProps } from './edge/edge-stack.js';
export { ApiKeyRotation, type ApiKeyRotationProps } from './api-key-rotation.js';
