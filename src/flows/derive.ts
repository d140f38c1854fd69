/**
 * Derives the flow spec from a blueprint by composing the capabilities (capabilities/*.ts): a capability that
 * opens a path adds its module to CAPABILITIES; the security groups, NACLs, NetworkPolicies and
 * AuthorizationPolicies follow.
 */
import type { Blueprint } from '../blueprint/index.js';
import { capabilityContext, FLOW_SECTIONS, type Capability } from './capability.js';
import { adminAccess } from './capabilities/admin-access.js';
import { apiKeyRotation } from './capabilities/api-key-rotation.js';
import { backups } from './capabilities/backups.js';
import { certificates } from './capabilities/certificates.js';
import { cluster, exceptPublicEndpoint, podsToInstanceMetadata } from './capabilities/cluster.js';
import { coreNetwork } from './capabilities/core-network.js';
import { deployment } from './capabilities/deployment.js';
import { edge } from './capabilities/edge.js';
import { enclave } from './capabilities/enclave.js';
import { grafana } from './capabilities/grafana.js';
import { logCollection } from './capabilities/log-collection.js';
import { lattice } from './capabilities/lattice.js';
import { mesh } from './capabilities/mesh.js';
import { monitoring } from './capabilities/monitoring.js';
import { nodeAwsApis } from './capabilities/node-aws-apis.js';
import { notifier } from './capabilities/notifier.js';
import { oidc } from './capabilities/oidc.js';
import { workload } from './capabilities/workload.js';
import { COMPONENT_IDS, DENIAL_IDS, type ComponentId } from './ids.js';
import { TIERS } from './network-plan.js';
import type { FlowSpec } from './types.js';

/**
 * Every capability, in the order their flows appear inside a flow section (FLOW_SECTIONS): a node group's own
 * flows come before Prometheus scraping it, which comes before its AWS traffic, for instance.
 */
export const CAPABILITIES: readonly Capability[] = [
  coreNetwork,
  workload,
  oidc,
  cluster,
  monitoring,
  nodeAwsApis,
  mesh,
  deployment,
  edge,
  adminAccess,
  notifier,
  backups,
  apiKeyRotation,
  enclave,
  certificates,
  logCollection,
  lattice,
  grafana,
];

export function deriveFlowSpec(bp: Blueprint): FlowSpec<ComponentId> {
  const context = capabilityContext(bp);
  const parts = CAPABILITIES.map((capability) => capability(context));
  // One claim covers the workload pods every capability declares.
  const workloads = parts.flatMap((p) => p.workloads ?? []);
  const components = parts.flatMap((p) => p.components);
  const claims = [
    ...parts.flatMap((p) => p.denials),
    podsToInstanceMetadata(workloads, bp.cluster.allowPodInstanceMetadata),
  ];
  const denials = bp.cluster.allowPublicEndpoint ? exceptPublicEndpoint(claims, components) : claims;
  return {
    version: 1,
    name: bp.name,
    vpcCidr: bp.network.vpcCidr,
    subnets: context.subnets,
    ...externalNetworkOf(bp),
    components: inTableOrder(components, COMPONENT_IDS),
    flows: FLOW_SECTIONS.flatMap((section) => parts.flatMap((p) => p.flows[section] ?? [])),
    denials: inTableOrder(denials, DENIAL_IDS),
  };
}

/** The existing VPC the blueprint deploys into, as the verifier needs to know it. */
function externalNetworkOf(bp: Blueprint): Pick<FlowSpec, 'externalNetwork'> {
  const vpc = bp.network.existingVpc;
  if (!vpc) return {};
  return {
    externalNetwork: {
      vpcId: vpc.vpcId,
      subnets: TIERS.flatMap((tier) => (vpc.subnets[tier] ?? []).map((s) => s.id)),
      ...(vpc.acknowledgement ? { acknowledged: vpc.acknowledgement } : {}),
    },
  };
}

/** Entries sorted by the position of their id in an id table (ids.ts). */
function inTableOrder<T extends { readonly id: string }>(
  entries: readonly T[],
  table: readonly string[],
): T[] {
  const position = (entry: T) => table.indexOf(entry.id);
  return [...entries].sort((a, b) => position(a) - position(b));
}
