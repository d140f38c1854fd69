/**
 * The flow spec: the one list of intended communications. Security groups, NACLs, Kubernetes NetworkPolicies
 * and Istio AuthorizationPolicies are generated from it, and the reachability prover checks the synthesized
 * artefacts against it. It is plain data (JSON-serialisable) so it can travel inside a template's Metadata.
 *
 * The types take the component id type as a parameter: the derived spec names only the ids of ids.ts, while a
 * spec read back from a template (or written by a test) may name any.
 */
import { METADATA_FLOW_SPEC, TAG_COMPONENT } from '../contract/keys.js';

export type Protocol = 'tcp' | 'udp';

/** Network tiers of the VPC (see network-plan.ts) plus the places outside it. */
export const COMPONENT_TIERS = [
  'internet',
  'public',
  'application',
  'data',
  'endpoints',
  'admin',
  'aws',
  'on-node',
] as const;
export type Tier = (typeof COMPONENT_TIERS)[number];

/** The layers that enforce a flow; the generators emit a rule in each, the prover checks each. */
export const LAYERS = ['security-group', 'network-acl', 'network-policy', 'mesh'] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * What a denial claim protects against; the prover reports each class under its own control, so a claim's
 * class (not its id) decides which control proves it.
 */
export const DENIAL_CLASSES = [
  'internet-isolation',
  'exfiltration',
  'instance-metadata',
  'namespace-isolation',
  'api-access',
  'ipv6-internet-isolation',
  'enclave-egress',
] as const;
export type DenialClass = (typeof DENIAL_CLASSES)[number];

/** A denial claim's source or destination: a component id, or a whole tier (`tier:data`). */
export type ClaimParty<Id extends string = string> = Id | `tier:${Tier}`;

export interface K8sSelector {
  readonly namespace: string;
  /** Pod labels (matchLabels semantics). */
  readonly labels: Readonly<Record<string, string>>;
  /** Service account (mesh principal `cluster.local/ns/<namespace>/sa/<serviceAccount>`). */
  readonly serviceAccount?: string;
}

export interface Component<Id extends string = string> {
  /** Stable id used in flows and reports: `weaviate`, `ingress-gateway`, `internet`, … */
  readonly id: Id;
  readonly description: string;
  readonly tier: Tier;
  /** Pods: how to find them in manifests. */
  readonly k8s?: K8sSelector;
  /** Node group role the pods run on (their traffic leaves through that group's security group). */
  readonly nodeGroup?: 'system' | 'weaviate';
  /** Whether the pods carry an Istio sidecar (or are the mesh gateway). */
  readonly meshed?: boolean;
  /** AWS resources: the value of their `vectorfort:component` tag. */
  readonly awsTag?: string;
  /** Address ranges (external components, link-local services, tiers). */
  readonly cidrs?: readonly string[];
  /** A managed prefix list name (`com.amazonaws.global.cloudfront.origin-facing`, `com.amazonaws.<region>.s3`). */
  readonly prefixList?: string;
}

export interface Flow<Id extends string = string> {
  /** Stable id: `<from>-to-<to>-<purpose>`. */
  readonly id: string;
  readonly from: Id;
  readonly to: Id;
  readonly port: number;
  /** Last port of a range (inclusive), when the flow covers one (e.g. ephemeral ports). */
  readonly toPort?: number;
  readonly protocol: Protocol;
  readonly description: string;
  readonly enforcedBy: readonly Layer[];
  /**
   * False when the port is deliberately kept outside the sidecar (Weaviate's gossip, data and Raft ports and
   * the metrics port): NetworkPolicy, security groups and Weaviate's own cluster auth protect it instead.
   */
  readonly viaMesh: boolean;
  /**
   * How the flow is encrypted in transit. Every derived flow declares it; a spec written before protections
   * were declared leaves it out, and the controls that read it answer unknown.
   * @default - undeclared
   */
  readonly protection?: FlowProtection;
}

/**
 * How a flow is encrypted in transit: mutual TLS (both ends prove an identity: the mesh's sidecars), TLS (the
 * server proves its identity: AWS APIs, the Kubernetes API, kubelets, load balancers), or none.
 */
export const PROTECTION_KINDS = ['mtls', 'tls', 'none'] as const;
export type ProtectionKind = (typeof PROTECTION_KINDS)[number];

export interface FlowProtection {
  readonly kind: ProtectionKind;
  /** Who ends the encrypted session on the receiving side (`istio-sidecar`, `aws-service`, `kubelet`, …). */
  readonly terminatedBy: string;
  /**
   * Why a plaintext flow is accepted, for a reviewer; a plaintext flow without one fails VF-MESH-005.
   * @default - not acknowledged
   */
  readonly acknowledged?: string;
}

/** A class of flows that must be impossible, proved by the reachability analyser. */
export interface DenialClaim<Id extends string = string> {
  readonly id: string;
  /** Which proof control reports the claim. */
  readonly class: DenialClass;
  readonly description: string;
  /** Source component ids (or tier names prefixed with `tier:`). */
  readonly from: readonly ClaimParty<Id>[];
  /** Destination component ids (or `tier:<name>`). */
  readonly to: readonly ClaimParty<Id>[];
  /** Ports; empty means every port. */
  readonly ports: readonly number[];
  /**
   * Whether the AWS network alone (routes, security groups, ACLs, endpoint settings, hop limit) must also
   * enforce the claim, so that a deleted NetworkPolicy does not open it. False only where a named weakening of
   * the blueprint leaves the claim to the Kubernetes layers (`cluster.allowPodInstanceMetadata`).
   * @default true for the internet-isolation, exfiltration, instance-metadata and api-access classes
   */
  readonly defenseInDepth?: boolean;
}

export interface FlowSpec<Id extends string = string> {
  readonly version: 1;
  /** The blueprint name the spec was derived from. */
  readonly name: string;
  readonly vpcCidr: string;
  readonly subnets: readonly PlannedSubnet[];
  /**
   * The VPC the stacks deploy into when someone else defines it (`network.existingVpc`): its routes, network
   * ACLs and gateways are in no template, so what depends on them is unknown to the verifier.
   * @default - the stacks define their VPC
   */
  readonly externalNetwork?: ExternalNetwork;
  readonly components: readonly Component<Id>[];
  readonly flows: readonly Flow<Id>[];
  readonly denials: readonly DenialClaim<Id>[];
}

export interface ExternalNetwork {
  readonly vpcId: string;
  /** The subnet ids the templates place resources in without defining them. */
  readonly subnets: readonly string[];
  /**
   * Why the team accepts the VPC's routes, network ACLs and gateways unverified. A reachability result that
   * only these subnets leave unknown is acknowledged with it: it stays unknown, but no longer fails the run.
   * @default - not acknowledged
   */
  readonly acknowledged?: string;
}

export interface PlannedSubnet {
  readonly tier: 'public' | 'application' | 'data' | 'endpoints';
  readonly availabilityZone: string;
  readonly cidr: string;
}

/** Template Metadata key under which synthesized stacks carry their flow spec (`METADATA_FLOW_SPEC`). */
export const FLOW_SPEC_METADATA_KEY = METADATA_FLOW_SPEC;
/** Tag key that names the component a resource plays in the flow spec (`TAG_COMPONENT`). */
export const COMPONENT_TAG = TAG_COMPONENT;
