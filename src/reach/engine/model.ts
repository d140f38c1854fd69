/**
 * The network model the reachability queries run on: the AWS side (subnets, routes, security groups, NACLs,
 * the things that carry network interfaces) and the Kubernetes side (pods, NetworkPolicies, mesh policies).
 * Values the inputs do not determine stay marked, so a verdict that depends on them is `unknown`.
 */
import type { K8sObject, PodTemplate } from '../../inventory/model.js';
import type { Range } from './net.js';

export type RuleProtocol = 'tcp' | 'udp' | 'icmp' | 'all' | 'other';

export type SgPeer =
  | { readonly kind: 'cidr'; readonly range: Range; readonly text: string }
  | { readonly kind: 'sg'; readonly group: string }
  /** A group the input refers to but does not define (an id, a parameter, an import). */
  | { readonly kind: 'external-sg'; readonly text: string; readonly reason: string }
  /**
   * A prefix list: an AWS-managed one known by name, or one whose entries the model does not know (`unknown`
   * says why: outside the input, or not looked up by name).
   */
  | {
      readonly kind: 'prefix-list';
      readonly name?: string;
      readonly text: string;
      readonly unknown?: string;
    }
  | { readonly kind: 'unknown'; readonly reason: string }
  /** An IPv6 range (`CidrIpv6`): it admits no IPv4 traffic; the IPv6 prover (ipv6.ts) reads it. */
  | { readonly kind: 'ipv6'; readonly text: string };

export interface SgRule {
  readonly direction: 'ingress' | 'egress';
  readonly protocol: RuleProtocol;
  readonly fromPort: number;
  readonly toPort: number;
  readonly peer: SgPeer;
  /** Where the rule is written (`Stack/LogicalId` of the group or of the standalone rule resource). */
  readonly source: string;
  /** Set when a part of the rule (port, protocol) is not determined by the input. */
  readonly unknown?: string;
}

export interface SecurityGroupModel {
  readonly key: string;
  readonly name: string;
  readonly component?: string;
  readonly rules: SgRule[];
}

export type RouteTarget =
  'local' | 'igw' | 'nat' | 'egress-only' | 'vgw' | 'tgw' | 'peering' | 'other' | 'unknown';

export interface RouteModel {
  readonly key: string;
  readonly destination?: Range;
  readonly prefixList?: string;
  readonly target: RouteTarget;
  /** The NAT gateway's subnet, for NAT routes. */
  readonly natSubnet?: string;
  readonly unknown?: string;
  /** The IPv6 destination (`DestinationIpv6CidrBlock`) of an IPv6 route, for the IPv6 prover. */
  readonly ipv6Destination?: string;
  /** Set when the route's IPv6 destination is not determined by the input. */
  readonly ipv6Unknown?: string;
}

export interface RouteTableModel {
  readonly key: string;
  readonly routes: RouteModel[];
  /** Gateway endpoints attached to this table (`com.amazonaws.<region>.s3`). */
  readonly gatewayEndpoints: { readonly key: string; readonly service: string }[];
}

export interface NaclEntryModel {
  readonly key: string;
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly action: 'allow' | 'deny';
  readonly protocol: RuleProtocol;
  readonly fromPort: number;
  readonly toPort: number;
  /** Undefined for IPv6 entries (the model covers IPv4). */
  readonly range?: Range;
  readonly cidrText: string;
  readonly unknown?: string;
}

export interface NaclModel {
  readonly key: string;
  readonly entries: NaclEntryModel[];
}

export interface SubnetModel {
  readonly key: string;
  readonly range?: Range;
  readonly cidrText: string;
  readonly tier?: string;
  readonly routeTable?: string;
  /** Set when the subnet's route table is not in the input: routing through it is decided at deploy time. */
  readonly routeTableUnknown?: string;
  readonly nacl?: string;
  /** Set when the subnet's network ACL is not in the input. */
  readonly naclUnknown?: string;
  readonly mapPublicIp: boolean;
  readonly unknown?: string;
}

export type AttachmentKind =
  | 'node-group'
  | 'cluster'
  | 'lambda'
  | 'interface-endpoint'
  | 'resolver-endpoint'
  | 'client-vpn'
  | 'load-balancer'
  | 'instance'
  | 'lattice-association';

/** Something with network interfaces in the VPC: the security groups and subnets its traffic uses. */
export interface AttachmentModel {
  readonly key: string;
  readonly kind: AttachmentKind;
  readonly sgs: readonly string[];
  /** Why the groups are not fully known (an id from outside the input, an unresolved value). */
  readonly sgUnknown?: string;
  readonly subnets: readonly string[];
  readonly subnetUnknown?: string;
  /** Subnet ids the attachment names that no template of the input defines (an existing VPC's). */
  readonly subnetsOutside?: readonly string[];
  /** Tag key → value (resource tags and, for launch templates, instance tags). */
  readonly tags: Readonly<Record<string, string>>;
  /** Whether the interfaces have public addresses (internet-facing load balancer, public IP on launch). */
  readonly publicAddress: boolean;
  /** Node groups: instance metadata hop limit; undefined when not determined. */
  readonly hopLimit?: number;
  readonly hopLimitSource?: string;
  /** Node groups: Kubernetes node labels and taints. */
  readonly nodeLabels?: Readonly<Record<string, string>>;
  readonly taints?: readonly { key: string; value?: string; effect: string }[];
  /** Linux hosts pick ephemeral ports from 32768-60999; everything else from 1024-65535. */
  readonly linux: boolean;
}

export interface ClusterModel {
  readonly key: string;
  /** Undefined when not determined. */
  readonly publicAccess?: boolean;
  readonly privateAccess?: boolean;
  readonly publicCidrs: readonly Range[];
  readonly publicCidrText: readonly string[];
  readonly attachment: string;
}

export interface ClientVpnModel {
  readonly key: string;
  readonly clientRange?: Range;
  readonly attachment: string;
  /** Authorization rules' target networks. */
  readonly authorized: readonly { readonly key: string; readonly range: Range; readonly text: string }[];
}

export interface PodModel {
  readonly id: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly serviceAccount: string;
  readonly hostNetwork: boolean;
  /** Named container ports → number and protocol. */
  readonly namedPorts: Readonly<Record<string, { port: number; protocol: string }>>;
  /** Node groups (attachment keys) the scheduler may place the pod on. */
  readonly nodeGroups: readonly string[];
  /** Sidecar present (injection label/annotation), or the component says so for hypothetical pods. */
  readonly meshed: boolean;
  /** Inbound ports excluded from the sidecar (`traffic.sidecar.istio.io/excludeInboundPorts`). */
  readonly meshExcludedPorts: readonly number[];
  /** True when the pod is not in the manifests but placed from the flow spec to prove a claim about it. */
  readonly hypothetical: boolean;
  readonly template?: PodTemplate;
}

export interface KubernetesModel {
  /** Whether the inputs contain any Kubernetes object (without them, policies cannot be evaluated). */
  readonly present: boolean;
  /** NetworkPolicy enforcement by the CNI; undefined when the inputs do not say. */
  readonly enforced?: boolean;
  readonly enforcementSource: string;
  readonly pods: PodModel[];
  readonly networkPolicies: readonly K8sObject[];
  readonly namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
  readonly authorizationPolicies: readonly K8sObject[];
  readonly peerAuthentications: readonly K8sObject[];
  readonly services: readonly K8sObject[];
  /** Istio DestinationRules: the sending side's TLS settings (transit.ts). */
  readonly destinationRules: readonly K8sObject[];
  /** Istio's root namespace (mesh-wide policies). */
  readonly rootNamespace: string;
}

export interface NetworkModel {
  readonly vpcRanges: readonly Range[];
  readonly subnets: ReadonlyMap<string, SubnetModel>;
  readonly routeTables: ReadonlyMap<string, RouteTableModel>;
  readonly nacls: ReadonlyMap<string, NaclModel>;
  readonly securityGroups: ReadonlyMap<string, SecurityGroupModel>;
  readonly attachments: ReadonlyMap<string, AttachmentModel>;
  readonly clusters: readonly ClusterModel[];
  readonly clientVpns: readonly ClientVpnModel[];
  readonly k8s: KubernetesModel;
  /** Problems met while building that make some parts unknown. */
  readonly notes: readonly string[];
}
