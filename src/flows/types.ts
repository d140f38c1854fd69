/**
 * The flow spec: the one list of intended communications. Security groups, NACLs, Kubernetes NetworkPolicies
 * and Istio AuthorizationPolicies are generated from it, and the reachability prover checks the synthesized
 * artefacts against it. It is plain data (JSON-serialisable) so it can travel inside a template's Metadata.
 */

export type Protocol = 'tcp' | 'udp';

/** Network tiers of the VPC (see network-plan.ts) plus the places outside it. */
export type Tier = 'internet' | 'public' | 'application' | 'data' | 'endpoints' | 'admin' | 'aws' | 'on-node';

/** The layers that enforce a flow; the generators emit a rule in each, the prover checks each. */
export type Layer = 'security-group' | 'network-acl' | 'network-policy' | 'mesh';

export interface K8sSelector {
  readonly namespace: string;
  /** Pod labels (matchLabels semantics). */
  readonly labels: Readonly<Record<string, string>>;
  /** Service account (mesh principal `cluster.local/ns/<namespace>/sa/<serviceAccount>`). */
  readonly serviceAccount?: string;
}

export interface Component {
  /** Stable id used in flows and reports: `weaviate`, `ingress-gateway`, `internet`, … */
  readonly id: string;
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

export interface Flow {
  /** Stable id: `<from>-to-<to>-<purpose>`. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
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
}

/** A class of flows that must be impossible, proved by the reachability analyser. */
export interface DenialClaim {
  readonly id: string;
  readonly description: string;
  /** Source component ids (or tier names prefixed with `tier:`). */
  readonly from: readonly string[];
  /** Destination component ids (or `tier:<name>`). */
  readonly to: readonly string[];
  /** Ports; empty means every port. */
  readonly ports: readonly number[];
}

export interface FlowSpec {
  readonly version: 1;
  /** The blueprint name the spec was derived from. */
  readonly name: string;
  readonly vpcCidr: string;
  readonly subnets: readonly PlannedSubnet[];
  readonly components: readonly Component[];
  readonly flows: readonly Flow[];
  readonly denials: readonly DenialClaim[];
}

export interface PlannedSubnet {
  readonly tier: 'public' | 'application' | 'data' | 'endpoints';
  readonly availabilityZone: string;
  readonly cidr: string;
}

/** Template Metadata key under which synthesized stacks carry their flow spec. */
export const FLOW_SPEC_METADATA_KEY = 'vectorfort:flowSpec';
/** Tag key that names the component a resource plays in the flow spec. */
export const COMPONENT_TAG = 'vectorfort:component';
