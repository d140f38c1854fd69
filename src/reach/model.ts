/**
 * The network model the prover queries, read from the inventory only (never from our constructs): security
 * groups with their rules, subnets with route tables and network ACLs, the components of the flow spec placed
 * on them, and the Kubernetes side (pods, NetworkPolicies, Istio policies) when manifests are present.
 */
import type { Component, FlowSpec } from '../flows/types.js';
import type { CfnResource, Inventory, K8sObject, PodTemplate } from '../inventory/model.js';
import { getPath, isPlainObject, isRef, isSymbolic, type SymbolicValue } from '../inventory/values.js';

/** A security group rule, normalized (inline and standalone rules alike). */
export interface SgRule {
  readonly group: string;
  readonly direction: 'ingress' | 'egress';
  /** `-1` for all, else `tcp` | `udp` | `icmp` | a protocol number as text. */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr?: string;
  readonly peerGroup?: string;
  readonly prefixList?: PrefixListPeer;
  /** Set when part of the rule is not determined by the template. */
  readonly unknown?: string;
  /** Where it is written, for witnesses. */
  readonly label: string;
}

export interface PrefixListPeer {
  /** Name of the list when known (`com.amazonaws.us-east-1.s3`, a customer list's name). */
  readonly name?: string;
  readonly key?: string;
}

export interface SecurityGroup {
  readonly key: string;
  readonly component?: string;
  readonly ingress: SgRule[];
  readonly egress: SgRule[];
  /** CloudFormation opens all egress when a group declares none. */
  readonly declaresEgress: boolean;
}

export interface NaclEntry {
  readonly nacl: string;
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly allow: boolean;
  readonly protocol: number;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr?: string;
  readonly unknown?: string;
  readonly label: string;
}

export interface Route {
  readonly destination?: string;
  readonly prefixList?: string;
  readonly target: 'igw' | 'nat' | 'egress-only' | 'endpoint' | 'peering' | 'tgw' | 'other';
  readonly label: string;
}

export interface Subnet {
  readonly key: string;
  readonly cidr?: string;
  readonly tier?: string;
  readonly mapPublicIp: boolean;
  readonly routes: Route[];
  readonly nacl?: string;
}

export interface NetworkModel {
  readonly spec?: FlowSpec;
  readonly groups: ReadonlyMap<string, SecurityGroup>;
  readonly subnets: readonly Subnet[];
  readonly nacls: ReadonlyMap<string, NaclEntry[]>;
  /** Security groups per component id (AWS components by tag; pods through their node group). */
  readonly componentGroups: ReadonlyMap<string, string[]>;
  /** Gateway endpoints (S3/DynamoDB) by the route tables they serve. */
  readonly k8s: K8sModel;
  /** The launch templates' metadata settings of each node role, for the instance metadata question. */
  readonly metadataHopLimit: ReadonlyMap<string, number | 'unknown'>;
  readonly metadataEndpointDisabled: ReadonlySet<string>;
  /** EKS cluster endpoint settings. */
  readonly eksEndpoint?: {
    readonly publicAccess: boolean | 'unknown';
    readonly publicCidrs: readonly string[];
    readonly label: string;
  };
  /** Client VPN authorization rules (target network CIDRs). */
  readonly vpnAuthorizedCidrs: readonly string[];
  readonly internetFacingLoadBalancers: readonly CfnResource[];
}

export interface K8sModel {
  readonly present: boolean;
  /** Whether NetworkPolicies are enforced (the vpc-cni add-on's enableNetworkPolicy), or unknown. */
  readonly policiesEnforced: boolean | 'unknown';
  readonly enforcementLabel: string;
  readonly pods: readonly PodTemplate[];
  readonly namespaces: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Namespaces the manifests declare or put workloads in. */
  readonly managedNamespaces: ReadonlySet<string>;
  readonly networkPolicies: readonly K8sObject[];
  readonly authorizationPolicies: readonly K8sObject[];
  readonly peerAuthentications: readonly K8sObject[];
}

const PROTOCOL_NAMES: Record<string, string> = {
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '-1': '-1',
  all: '-1',
};

function str(v: SymbolicValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function num(v: SymbolicValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

function tagValue(r: CfnResource, key: string): string | undefined {
  const v = r.tags[key];
  return typeof v === 'string' ? v : undefined;
}

function refTarget(v: SymbolicValue | undefined): string | undefined {
  return isRef(v) ? v.target : undefined;
}

function sgRule(
  raw: SymbolicValue,
  group: string,
  direction: 'ingress' | 'egress',
  label: string,
  prefixLists: ReadonlyMap<string, string>,
): SgRule {
  const o = isPlainObject(raw) ? raw : {};
  const protocolRaw = o.IpProtocol;
  const protocol =
    typeof protocolRaw === 'string' || typeof protocolRaw === 'number' ? String(protocolRaw) : undefined;
  const normalized =
    protocol === undefined ? undefined : (PROTOCOL_NAMES[protocol.toLowerCase()] ?? protocol.toLowerCase());
  const all = normalized === '-1';
  const from = all ? 0 : num(o.FromPort);
  const to = all ? 65535 : num(o.ToPort);
  const cidrValue = o.CidrIp ?? o.CidrIpv6;
  const peer = direction === 'ingress' ? o.SourceSecurityGroupId : o.DestinationSecurityGroupId;
  const plValue = direction === 'ingress' ? o.SourcePrefixListId : o.DestinationPrefixListId;
  const problems: string[] = [];
  if (normalized === undefined) problems.push('protocol');
  if (from === undefined || to === undefined) problems.push('ports');
  if (cidrValue !== undefined && typeof cidrValue !== 'string') problems.push('CIDR');
  if (peer !== undefined && !isRef(peer) && typeof peer !== 'string') problems.push('peer group');
  let prefixList: PrefixListPeer | undefined;
  if (plValue !== undefined) {
    const key = refTarget(plValue);
    const name = key ? prefixLists.get(key) : undefined;
    prefixList = { ...(key ? { key } : {}), ...(name ? { name } : {}) };
    if (!name && typeof plValue !== 'string') problems.push('prefix list');
  }
  return {
    group,
    direction,
    protocol: normalized ?? 'unknown',
    fromPort: from === -1 ? 0 : (from ?? 0),
    toPort: to === -1 ? 65535 : (to ?? 65535),
    ...(typeof cidrValue === 'string' ? { cidr: cidrValue } : {}),
    ...(isRef(peer) ? { peerGroup: peer.target } : typeof peer === 'string' ? { peerGroup: peer } : {}),
    ...(prefixList ? { prefixList } : {}),
    ...(problems.length > 0
      ? { unknown: `the template does not determine the rule's ${problems.join(', ')}` }
      : {}),
    label,
  };
}

/** Prefix-list resources by key → their name, where the template names them. */
function prefixListNames(inventory: Inventory): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of inventory.cfn) {
    if (r.type === 'AWS::EC2::PrefixList') {
      const n = str(r.properties.PrefixListName);
      if (n) names.set(r.key, n);
    } else if (r.type.startsWith('Custom::')) {
      // Lookups of AWS-managed lists through a custom resource carry the list name in their parameters.
      const text = JSON.stringify(r.properties);
      const m = /com\.amazonaws\.(?:global\.)?[a-z0-9.-]+/.exec(text);
      if (m && /PrefixList/i.test(text)) names.set(r.key, m[0]);
    }
  }
  return names;
}

export function buildModel(inventory: Inventory, spec: FlowSpec | undefined): NetworkModel {
  const prefixLists = prefixListNames(inventory);
  const groups = new Map<string, SecurityGroup>();
  for (const r of inventory.cfn) {
    if (r.type !== 'AWS::EC2::SecurityGroup') continue;
    const ingress = Array.isArray(r.properties.SecurityGroupIngress) ? r.properties.SecurityGroupIngress : [];
    const egress = Array.isArray(r.properties.SecurityGroupEgress) ? r.properties.SecurityGroupEgress : [];
    groups.set(r.key, {
      key: r.key,
      component: tagValue(r, 'vectorfort:component'),
      ingress: ingress.map((x, i) =>
        sgRule(x, r.key, 'ingress', `${r.logicalId} ingress[${i}]`, prefixLists),
      ),
      egress: egress.map((x, i) => sgRule(x, r.key, 'egress', `${r.logicalId} egress[${i}]`, prefixLists)),
      declaresEgress: egress.length > 0,
    });
  }
  for (const r of inventory.cfn) {
    if (r.type !== 'AWS::EC2::SecurityGroupIngress' && r.type !== 'AWS::EC2::SecurityGroupEgress') continue;
    const target = refTarget(r.properties.GroupId);
    const group = target ? groups.get(target) : undefined;
    if (!group) continue;
    const direction = r.type.endsWith('Ingress') ? 'ingress' : 'egress';
    const rule = sgRule(r.properties, group.key, direction, r.logicalId, prefixLists);
    if (direction === 'ingress') group.ingress.push(rule);
    else {
      group.egress.push(rule);
      (group as { declaresEgress: boolean }).declaresEgress = true;
    }
  }

  // Route tables, their routes and subnets.
  const routesByTable = new Map<string, Route[]>();
  const gatewayTargets = new Map<string, Route['target']>();
  for (const r of inventory.cfn) {
    if (r.type === 'AWS::EC2::InternetGateway') gatewayTargets.set(r.key, 'igw');
    if (r.type === 'AWS::EC2::NatGateway') gatewayTargets.set(r.key, 'nat');
    if (r.type === 'AWS::EC2::EgressOnlyInternetGateway') gatewayTargets.set(r.key, 'egress-only');
  }
  for (const r of inventory.cfn) {
    if (r.type !== 'AWS::EC2::Route') continue;
    const table = refTarget(r.properties.RouteTableId);
    if (!table) continue;
    const via =
      refTarget(r.properties.GatewayId) ??
      refTarget(r.properties.NatGatewayId) ??
      refTarget(r.properties.EgressOnlyInternetGatewayId);
    const literal = str(r.properties.GatewayId) ?? str(r.properties.NatGatewayId);
    const target: Route['target'] = via
      ? (gatewayTargets.get(via) ?? 'other')
      : literal?.startsWith('igw-')
        ? 'igw'
        : literal?.startsWith('nat-')
          ? 'nat'
          : r.properties.VpcEndpointId !== undefined
            ? 'endpoint'
            : r.properties.TransitGatewayId !== undefined
              ? 'tgw'
              : r.properties.VpcPeeringConnectionId !== undefined
                ? 'peering'
                : 'other';
    const list = routesByTable.get(table) ?? [];
    list.push({
      destination: str(r.properties.DestinationCidrBlock) ?? str(r.properties.DestinationIpv6CidrBlock),
      prefixList: str(r.properties.DestinationPrefixListId),
      target,
      label: `${r.logicalId} (${str(r.properties.DestinationCidrBlock) ?? str(r.properties.DestinationIpv6CidrBlock) ?? 'prefix list'} -> ${target})`,
    });
    routesByTable.set(table, list);
  }
  for (const r of inventory.cfn) {
    if (r.type !== 'AWS::EC2::VPCEndpoint') continue;
    const tables = r.properties.RouteTableIds;
    if (!Array.isArray(tables)) continue;
    const service = r.properties.ServiceName;
    const name =
      typeof service === 'string' ? service : isSymbolic(service) ? service.toString() : 'gateway endpoint';
    for (const t of tables) {
      const table = refTarget(t);
      if (!table) continue;
      const list = routesByTable.get(table) ?? [];
      list.push({ prefixList: name, target: 'endpoint', label: `${r.logicalId} (gateway endpoint ${name})` });
      routesByTable.set(table, list);
    }
  }
  const tableOfSubnet = new Map<string, string>();
  const naclOfSubnet = new Map<string, string>();
  for (const r of inventory.cfn) {
    if (r.type === 'AWS::EC2::SubnetRouteTableAssociation') {
      const s = refTarget(r.properties.SubnetId);
      const t = refTarget(r.properties.RouteTableId);
      if (s && t) tableOfSubnet.set(s, t);
    }
    if (r.type === 'AWS::EC2::SubnetNetworkAclAssociation') {
      const s = refTarget(r.properties.SubnetId);
      const n = refTarget(r.properties.NetworkAclId);
      if (s && n) naclOfSubnet.set(s, n);
    }
  }
  const subnets: Subnet[] = inventory.cfn
    .filter((r) => r.type === 'AWS::EC2::Subnet')
    .map((r) => {
      const cidr = str(r.properties.CidrBlock);
      const planned = spec?.subnets.find((s) => s.cidr === cidr);
      const table = tableOfSubnet.get(r.key);
      return {
        key: r.key,
        ...(cidr ? { cidr } : {}),
        tier: planned?.tier ?? str(r.tags['aws-cdk:subnet-type'])?.toLowerCase(),
        mapPublicIp: r.properties.MapPublicIpOnLaunch === true || r.properties.MapPublicIpOnLaunch === 'true',
        routes: table ? (routesByTable.get(table) ?? []) : [],
        ...(naclOfSubnet.has(r.key) ? { nacl: naclOfSubnet.get(r.key)! } : {}),
      };
    });

  const nacls = new Map<string, NaclEntry[]>();
  for (const r of inventory.cfn) {
    if (r.type === 'AWS::EC2::NetworkAcl') nacls.set(r.key, nacls.get(r.key) ?? []);
  }
  for (const r of inventory.cfn) {
    if (r.type !== 'AWS::EC2::NetworkAclEntry') continue;
    const nacl = refTarget(r.properties.NetworkAclId);
    if (!nacl) continue;
    const p = r.properties;
    const protocol = num(p.Protocol);
    const range = isPlainObject(p.PortRange) ? p.PortRange : undefined;
    const all = protocol === -1;
    const from = all || protocol === 1 ? 0 : num(range?.From);
    const to = all || protocol === 1 ? 65535 : num(range?.To);
    const cidr = str(p.CidrBlock) ?? str(p.Ipv6CidrBlock);
    const problems = [
      protocol === undefined ? 'protocol' : '',
      from === undefined || to === undefined ? 'ports' : '',
      cidr === undefined ? 'CIDR' : '',
      num(p.RuleNumber) === undefined ? 'rule number' : '',
    ].filter(Boolean);
    const list = nacls.get(nacl) ?? [];
    list.push({
      nacl,
      ruleNumber: num(p.RuleNumber) ?? 0,
      egress: p.Egress === true || p.Egress === 'true',
      allow: str(p.RuleAction)?.toLowerCase() === 'allow',
      protocol: protocol ?? -2,
      fromPort: from ?? 0,
      toPort: to ?? 65535,
      ...(cidr ? { cidr } : {}),
      ...(problems.length > 0
        ? { unknown: `the template does not determine the entry's ${problems.join(', ')}` }
        : {}),
      label: `${r.logicalId} (rule ${num(p.RuleNumber) ?? '?'} ${str(p.RuleAction) ?? '?'})`,
    });
    nacls.set(nacl, list);
  }
  for (const list of nacls.values()) list.sort((a, b) => a.ruleNumber - b.ruleNumber);

  const componentGroups = new Map<string, string[]>();
  const groupsTagged = (tag: string) =>
    [...groups.values()].filter((g) => g.component === tag).map((g) => g.key);
  for (const c of spec?.components ?? []) {
    if (c.awsTag) componentGroups.set(c.id, groupsTagged(c.awsTag));
    else if (c.nodeGroup) {
      const nodes = spec?.components.find((n) => n.id === `nodes-${c.nodeGroup}`);
      componentGroups.set(c.id, nodes?.awsTag ? groupsTagged(nodes.awsTag) : []);
    }
  }

  const { hop, disabled } = metadataSettings(inventory, spec);
  const cluster = inventory.cfn.find((r) => r.type === 'AWS::EKS::Cluster');
  const vpc = cluster ? getPath(cluster.properties.ResourcesVpcConfig, '') : undefined;
  const eksEndpoint = cluster
    ? (() => {
        const pub = isPlainObject(vpc) ? vpc.EndpointPublicAccess : undefined;
        const cidrs =
          isPlainObject(vpc) && Array.isArray(vpc.PublicAccessCidrs) ? vpc.PublicAccessCidrs : undefined;
        return {
          publicAccess: pub === undefined ? true : typeof pub === 'boolean' ? pub : ('unknown' as const),
          publicCidrs: cidrs ? cidrs.filter((c): c is string => typeof c === 'string') : ['0.0.0.0/0'],
          label: `${cluster.logicalId} ResourcesVpcConfig`,
        };
      })()
    : undefined;

  return {
    ...(spec ? { spec } : {}),
    groups,
    subnets,
    nacls,
    componentGroups,
    k8s: k8sModel(inventory),
    metadataHopLimit: hop,
    metadataEndpointDisabled: disabled,
    ...(eksEndpoint ? { eksEndpoint } : {}),
    vpnAuthorizedCidrs: inventory.cfn
      .filter((r) => r.type === 'AWS::EC2::ClientVpnAuthorizationRule')
      .map((r) => str(r.properties.TargetNetworkCidr))
      .filter((c): c is string => c !== undefined),
    internetFacingLoadBalancers: inventory.cfn.filter(
      (r) =>
        r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' &&
        (r.properties.Scheme === undefined || r.properties.Scheme === 'internet-facing'),
    ),
  };
}

/** Hop limit per node role (`system`, `weaviate`), read from the launch templates the node groups use. */
function metadataSettings(inventory: Inventory, spec: FlowSpec | undefined) {
  const hop = new Map<string, number | 'unknown'>();
  const disabled = new Set<string>();
  const templates = new Map(
    inventory.cfn.filter((r) => r.type === 'AWS::EC2::LaunchTemplate').map((r) => [r.key, r]),
  );
  for (const ng of inventory.cfn.filter((r) => r.type === 'AWS::EKS::Nodegroup')) {
    const labels = ng.properties.Labels;
    const role = isPlainObject(labels)
      ? Object.entries(labels).find(([k]) => k.endsWith('/node-role') || k.endsWith('node-role'))?.[1]
      : undefined;
    const roleName =
      typeof role === 'string'
        ? role
        : (spec?.components
            .find((c) => c.awsTag && tagValue(ng, 'vectorfort:component') === c.awsTag)
            ?.id.replace('nodes-', '') ?? ng.logicalId);
    const lt = getPath(ng.properties.LaunchTemplate, 'Id');
    const template = isRef(lt) ? templates.get(lt.target) : undefined;
    if (!template) {
      // Without a launch template EKS uses its own: IMDSv2 optional and a hop limit of 2.
      hop.set(roleName, ng.properties.LaunchTemplate === undefined ? 2 : 'unknown');
      continue;
    }
    const options = getPath(template.properties.LaunchTemplateData, 'MetadataOptions');
    const limit = isPlainObject(options) ? options.HttpPutResponseHopLimit : undefined;
    const tokens = isPlainObject(options) ? options.HttpTokens : undefined;
    const endpoint = isPlainObject(options) ? options.HttpEndpoint : undefined;
    if (endpoint === 'disabled') disabled.add(roleName);
    // IMDSv1 (tokens optional) answers GETs from any hop; the hop limit only stops the v2 token's response.
    hop.set(
      roleName,
      tokens !== 'required'
        ? tokens === undefined || tokens === 'optional'
          ? 64
          : 'unknown'
        : limit === undefined
          ? 1
          : (num(limit) ?? 'unknown'),
    );
  }
  return { hop, disabled };
}

function k8sModel(inventory: Inventory): K8sModel {
  const addon = inventory.cfn.find(
    (r) => r.type === 'AWS::EKS::Addon' && r.properties.AddonName === 'vpc-cni',
  );
  let policiesEnforced: boolean | 'unknown' = false;
  let enforcementLabel = 'no vpc-cni add-on enabling network policy in the input';
  if (addon) {
    const config = addon.properties.ConfigurationValues;
    if (typeof config === 'string') {
      try {
        const parsed = JSON.parse(config) as { enableNetworkPolicy?: unknown };
        policiesEnforced = parsed.enableNetworkPolicy === 'true' || parsed.enableNetworkPolicy === true;
      } catch {
        policiesEnforced = 'unknown';
      }
      enforcementLabel = `${addon.logicalId} enableNetworkPolicy=${String(policiesEnforced)}`;
    } else if (config !== undefined) {
      policiesEnforced = 'unknown';
      enforcementLabel = `${addon.logicalId} configuration is not determined by the template`;
    }
  } else if (inventory.cfn.length === 0) {
    // Manifests alone: the CNI is not in the input; policies are assumed enforced and the flows say so.
    policiesEnforced = 'unknown';
    enforcementLabel = 'the CNI is not part of the input';
  }
  const namespaces = new Map<string, Record<string, string>>();
  for (const o of inventory.k8s)
    if (o.kind === 'Namespace')
      namespaces.set(o.name, { ...o.labels, 'kubernetes.io/metadata.name': o.name });
  for (const p of inventory.pods)
    if (!namespaces.has(p.namespace))
      namespaces.set(p.namespace, { 'kubernetes.io/metadata.name': p.namespace });
  return {
    present: inventory.k8s.length > 0,
    managedNamespaces: new Set([
      ...inventory.k8s.filter((o) => o.kind === 'Namespace').map((o) => o.name),
      ...inventory.pods.map((p) => p.namespace),
    ]),
    policiesEnforced,
    enforcementLabel,
    pods: inventory.pods,
    namespaces,
    networkPolicies: inventory.k8s.filter(
      (o) => o.kind === 'NetworkPolicy' && o.apiVersion.startsWith('networking.k8s.io'),
    ),
    authorizationPolicies: inventory.k8s.filter((o) => o.kind === 'AuthorizationPolicy'),
    peerAuthentications: inventory.k8s.filter((o) => o.kind === 'PeerAuthentication'),
  };
}

export type { Component };
