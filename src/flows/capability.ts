/**
 * What a capability contributes to the flow spec, and the helpers capabilities build their flows with. A
 * capability (capabilities/*.ts) is a function of the blueprint returning its components, flows and denial
 * claims; derive.ts composes them.
 */
import { resolvedAvailabilityZones, type Blueprint } from '../blueprint/index.js';
import { NODE_GROUP_IDS, type ComponentId, type DenialId, type NodeGroupId } from './ids.js';
import { POD_LAYERS } from './layers.js';
import { workloadNames, type WorkloadNames } from './names.js';
import { existingVpcSubnets, planSubnets } from './network-plan.js';
import type {
  Component,
  DenialClaim,
  Flow,
  FlowProtection,
  Layer,
  PlannedSubnet,
  Protocol,
} from './types.js';
import { DNS_PLAINTEXT } from './protection.js';
import { DNS_PORT } from './well-known.js';

/**
 * The spec lists its flows section by section, and inside a section in the order of the capabilities. That
 * order is part of what is generated (security group rules and policies follow it).
 */
export const FLOW_SECTIONS = [
  'client-requests', // clients to Weaviate through the ingress gateway
  'weaviate-cluster', // between Weaviate pods
  'scraping', // Prometheus to its targets
  'dns', // pods to CoreDNS
  'mesh-control', // sidecars, gateways and the API server with istiod
  'weaviate-aws', // Weaviate to S3, AWS APIs and its credentials
  'weaviate-oidc', // Weaviate to its OIDC issuer (discovery document and signing keys)
  'nodes-system', // one section per node group: the node group's own traffic
  'nodes-weaviate',
  'deployment', // the kubectl handler
  'edge', // the load balancer, its controller and the sources it admits
  'admin', // administrators to the Kubernetes API
  'alerting', // the security-event notifier
  'backups', // the backup and restore-drill jobs, and the drill's scratch Weaviate
  'key-rotation', // the API-key rotation function
  'certificates', // cert-manager, which issues the ingress gateway's certificate
  'logging', // the log collector to CloudWatch Logs
  'dashboards', // Grafana to Prometheus and CloudWatch
] as const;
export type FlowSection = (typeof FLOW_SECTIONS)[number];

export interface CapabilityContext {
  readonly blueprint: Blueprint;
  readonly names: WorkloadNames;
  /** The subnet plan of the VPC. */
  readonly subnets: readonly PlannedSubnet[];
}

export interface CapabilityParts {
  readonly components: readonly Component<ComponentId>[];
  readonly flows: Partial<Readonly<Record<FlowSection, readonly Flow<ComponentId>[]>>>;
  readonly denials: readonly (DenialClaim<ComponentId> & { readonly id: DenialId })[];
  /**
   * Pods of this capability that run workloads; the cluster's instance-metadata claim covers each of them.
   * @default - none
   */
  readonly workloads?: readonly ComponentId[];
}

export type Capability = (context: CapabilityContext) => CapabilityParts;

export function capabilityContext(blueprint: Blueprint): CapabilityContext {
  return {
    blueprint,
    names: workloadNames(blueprint),
    subnets: blueprint.network.existingVpc
      ? existingVpcSubnets(blueprint.network.existingVpc)
      : planSubnets(blueprint.network.vpcCidr, resolvedAvailabilityZones(blueprint)),
  };
}

/** A capability the blueprint switches off contributes nothing. */
export const NOTHING: CapabilityParts = { components: [], flows: {}, denials: [] };

export interface FlowOptions {
  readonly from: ComponentId;
  readonly to: ComponentId;
  readonly port: number;
  /** @default 'tcp' */
  readonly protocol?: Protocol;
  /** What the flow is for; the last part of its id, `<from>-to-<to>-<purpose>`. */
  readonly purpose: string;
  readonly description: string;
  readonly enforcedBy: readonly Layer[];
  /** Whether the flow passes through the sidecars (see Flow.viaMesh). @default false */
  readonly viaMesh?: boolean;
  /** How the flow is encrypted in transit (see protection.ts for the common cases). */
  readonly protection: FlowProtection;
}

export function flow(options: FlowOptions): Flow<ComponentId> {
  const { from, to, port, purpose, description, enforcedBy } = options;
  return {
    id: `${from}-to-${to}-${purpose}`,
    from,
    to,
    port,
    protocol: options.protocol ?? 'tcp',
    description,
    enforcedBy,
    viaMesh: options.viaMesh ?? false,
    protection: options.protection,
  };
}

/** A pod's DNS lookups to CoreDNS, over UDP and TCP. */
export function dnsLookups(client: ComponentId): Flow<ComponentId>[] {
  return [
    flow({
      from: client,
      to: 'kube-dns',
      port: DNS_PORT,
      protocol: 'udp',
      purpose: 'dns',
      description: 'DNS lookups',
      enforcedBy: POD_LAYERS,
      protection: DNS_PLAINTEXT,
    }),
    flow({
      from: client,
      to: 'kube-dns',
      port: DNS_PORT,
      purpose: 'dns-tcp',
      description: 'DNS lookups over TCP',
      enforcedBy: POD_LAYERS,
      protection: DNS_PLAINTEXT,
    }),
  ];
}

/** Flows every node group has, each in its node group's section. */
export function perNodeGroup(flowsOf: (nodes: NodeGroupId) => Flow<ComponentId>[]): CapabilityParts['flows'] {
  return Object.fromEntries(NODE_GROUP_IDS.map((nodes) => [nodes, flowsOf(nodes)]));
}
