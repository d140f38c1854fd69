/** Builds the AWS half of the network model from the inventory's CloudFormation resources. */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import type { ResourceRef } from '../../inventory/values.js';
import { isPlainObject, isRef, isSymbolic, type SymbolicValue } from '../../inventory/values.js';
import { cidrRange, type Range } from './net.js';
import type {
  AttachmentModel,
  ClientVpnModel,
  ClusterModel,
  NaclModel,
  RouteModel,
  RouteTableModel,
  RuleProtocol,
  SecurityGroupModel,
  SgPeer,
  SgRule,
  SubnetModel,
} from './model.js';

export interface AwsModel {
  vpcRanges: Range[];
  subnets: Map<string, SubnetModel>;
  routeTables: Map<string, RouteTableModel>;
  nacls: Map<string, NaclModel>;
  securityGroups: Map<string, SecurityGroupModel>;
  attachments: Map<string, AttachmentModel>;
  clusters: ClusterModel[];
  clientVpns: ClientVpnModel[];
  notes: string[];
  /** vpc-cni add-on network policy setting: true/false, or undefined when there is no add-on resource. */
  cniPolicy?: { enforced?: boolean; source: string };
}

const str = (v: SymbolicValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: SymbolicValue | undefined): number | undefined =>
  typeof v === 'number'
    ? v
    : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))
      ? Number(v)
      : undefined;
const list = (v: SymbolicValue | undefined): readonly SymbolicValue[] =>
  Array.isArray(v) ? v : v === undefined ? [] : [v];
const bool = (v: SymbolicValue | undefined): boolean | undefined =>
  typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined;
const target = (v: SymbolicValue | undefined): string | undefined =>
  isRef(v) ? (v as ResourceRef).target : undefined;

function tagsOf(r: CfnResource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.tags)) if (typeof v === 'string') out[k] = v;
  return out;
}

function protocolOf(v: SymbolicValue | undefined): RuleProtocol | undefined {
  const p = typeof v === 'number' ? String(v) : str(v)?.toLowerCase();
  if (p === undefined) return undefined;
  if (p === '-1' || p === 'all') return 'all';
  if (p === 'tcp' || p === '6') return 'tcp';
  if (p === 'udp' || p === '17') return 'udp';
  if (p === 'icmp' || p === '1') return 'icmp';
  return 'other';
}

export function buildAwsModel(inventory: Inventory): AwsModel {
  const m: AwsModel = {
    vpcRanges: [],
    subnets: new Map(),
    routeTables: new Map(),
    nacls: new Map(),
    securityGroups: new Map(),
    attachments: new Map(),
    clusters: [],
    clientVpns: [],
    notes: [],
  };
  const byKey = new Map(inventory.cfn.map((r) => [r.key, r]));
  // A prefix list looked up at deploy time (a custom resource calling DescribeManagedPrefixLists) is known by name.
  const prefixName = (v: SymbolicValue): string | undefined => {
    const lookup = byKey.get(target(v) ?? '');
    const call = lookup ? str(lookup.properties.Create) : undefined;
    if (!call) return undefined;
    try {
      const parsed = JSON.parse(call) as {
        action?: string;
        parameters?: { Filters?: { Name?: string; Values?: string[] }[] };
      };
      if (parsed.action !== 'DescribeManagedPrefixLists') return undefined;
      return parsed.parameters?.Filters?.find((f) => f.Name === 'prefix-list-name')?.Values?.[0];
    } catch {
      return undefined;
    }
  };
  const of = (type: string) => inventory.cfn.filter((r) => r.type === type && r.condition === true);
  for (const r of inventory.cfn)
    if (r.condition !== true && /EC2|EKS|Lambda|ElasticLoadBalancing/.test(r.type))
      m.notes.push(`${r.key} is created only under a condition the input does not determine; it is left out`);

  for (const r of of('AWS::EC2::VPC')) {
    const range = cidrRange(str(r.properties.CidrBlock) ?? '');
    if (range) m.vpcRanges.push(range);
  }
  for (const r of of('AWS::EC2::VPCCidrBlock')) {
    const range = cidrRange(str(r.properties.CidrBlock) ?? '');
    if (range) m.vpcRanges.push(range);
  }

  // Subnets and their tables and ACLs (an association resource, or the VPC's main table / default ACL).
  for (const r of of('AWS::EC2::Subnet')) {
    const text = str(r.properties.CidrBlock);
    const range = text ? cidrRange(text) : undefined;
    m.subnets.set(r.key, {
      key: r.key,
      range,
      cidrText: text ?? '?',
      tier: tagsOf(r)['vectorfort:tier'],
      mapPublicIp: bool(r.properties.MapPublicIpOnLaunch) === true,
      ...(range ? {} : { unknown: `the CIDR of ${r.key} is not determined by the input` }),
    });
  }
  const setSubnet = (key: string | undefined, patch: Partial<SubnetModel>) => {
    const s = key ? m.subnets.get(key) : undefined;
    if (s) m.subnets.set(s.key, { ...s, ...patch });
  };
  for (const r of of('AWS::EC2::RouteTable'))
    m.routeTables.set(r.key, { key: r.key, routes: [], gatewayEndpoints: [] });
  for (const r of of('AWS::EC2::SubnetRouteTableAssociation'))
    setSubnet(target(r.properties.SubnetId), { routeTable: target(r.properties.RouteTableId) });
  const natSubnet = new Map<string, string | undefined>();
  for (const r of of('AWS::EC2::NatGateway')) natSubnet.set(r.key, target(r.properties.SubnetId));
  for (const r of of('AWS::EC2::Route')) {
    const table = m.routeTables.get(target(r.properties.RouteTableId) ?? '');
    if (!table) continue;
    const p = r.properties;
    const dest = str(p.DestinationCidrBlock);
    const gateway = target(p.GatewayId);
    const gatewayType = gateway ? byKey.get(gateway)?.type : undefined;
    let t: RouteModel['target'] = 'other';
    if (p.NatGatewayId !== undefined) t = 'nat';
    else if (p.EgressOnlyInternetGatewayId !== undefined) t = 'egress-only';
    else if (p.TransitGatewayId !== undefined) t = 'tgw';
    else if (p.VpcPeeringConnectionId !== undefined) t = 'peering';
    else if (gatewayType === 'AWS::EC2::InternetGateway') t = 'igw';
    else if (gatewayType === 'AWS::EC2::VPNGateway') t = 'vgw';
    else if (p.GatewayId !== undefined)
      t = typeof p.GatewayId === 'string' && p.GatewayId.startsWith('igw-') ? 'igw' : 'unknown';
    table.routes.push({
      key: r.key,
      destination: dest ? cidrRange(dest) : undefined,
      prefixList: str(p.DestinationPrefixListId),
      target: t,
      natSubnet: t === 'nat' ? natSubnet.get(target(p.NatGatewayId) ?? '') : undefined,
      ...(t === 'unknown' ? { unknown: `the target of ${r.key} is not in the input` } : {}),
    });
  }

  for (const r of of('AWS::EC2::NetworkAcl')) m.nacls.set(r.key, { key: r.key, entries: [] });
  for (const r of of('AWS::EC2::SubnetNetworkAclAssociation'))
    setSubnet(target(r.properties.SubnetId), { nacl: target(r.properties.NetworkAclId) });
  for (const r of of('AWS::EC2::NetworkAclEntry')) {
    const acl = m.nacls.get(target(r.properties.NetworkAclId) ?? '');
    if (!acl) continue;
    const p = r.properties;
    const protocol = protocolOf(p.Protocol);
    const cidr = str(p.CidrBlock);
    const ipv6 = str(p.Ipv6CidrBlock);
    const range = isPlainObject(p.PortRange) ? p.PortRange : undefined;
    const ruleNumber = num(p.RuleNumber);
    const action = str(p.RuleAction)?.toLowerCase();
    const allPorts = protocol === 'all' || protocol === 'icmp';
    const fromPort = allPorts ? 0 : num(range?.From);
    const toPort = allPorts ? 65535 : num(range?.To);
    const unknown =
      protocol === undefined ||
      ruleNumber === undefined ||
      (action !== 'allow' && action !== 'deny') ||
      fromPort === undefined ||
      toPort === undefined ||
      (!cidr && !ipv6)
        ? `an attribute of ${r.key} is not determined by the input`
        : undefined;
    acl.entries.push({
      key: r.key,
      ruleNumber: ruleNumber ?? 0,
      egress: bool(p.Egress) === true,
      action: action === 'deny' ? 'deny' : 'allow',
      protocol: protocol ?? 'other',
      fromPort: fromPort ?? 0,
      toPort: toPort ?? 65535,
      range: cidr ? cidrRange(cidr) : undefined,
      cidrText: cidr ?? ipv6 ?? '?',
      ...(unknown ? { unknown } : {}),
    });
  }
  for (const acl of m.nacls.values()) acl.entries.sort((a, b) => a.ruleNumber - b.ruleNumber);

  // Security groups: inline rules and standalone rule resources.
  for (const r of of('AWS::EC2::SecurityGroup')) {
    const sg: SecurityGroupModel = {
      key: r.key,
      name: tagsOf(r).Name ?? r.logicalId,
      component: tagsOf(r)['vectorfort:component'],
      rules: [],
    };
    for (const rule of list(r.properties.SecurityGroupIngress))
      sg.rules.push(sgRule(rule, 'ingress', r.key, prefixName));
    const egress = list(r.properties.SecurityGroupEgress);
    // Without SecurityGroupEgress a group allows all outbound traffic (the EC2 default).
    if (r.properties.SecurityGroupEgress === undefined)
      sg.rules.push({
        direction: 'egress',
        protocol: 'all',
        fromPort: 0,
        toPort: 65535,
        peer: { kind: 'cidr', range: cidrRange('0.0.0.0/0')!, text: '0.0.0.0/0' },
        source: `${r.key} (default allow-all egress)`,
      });
    for (const rule of egress) sg.rules.push(sgRule(rule, 'egress', r.key, prefixName));
    m.securityGroups.set(r.key, sg);
  }
  for (const [type, direction] of [
    ['AWS::EC2::SecurityGroupIngress', 'ingress'],
    ['AWS::EC2::SecurityGroupEgress', 'egress'],
  ] as const)
    for (const r of of(type)) {
      const group = target(r.properties.GroupId);
      const sg = group ? m.securityGroups.get(group) : undefined;
      if (!sg) {
        m.notes.push(`${r.key} adds a rule to a security group that is not in the input`);
        continue;
      }
      sg.rules.push(sgRule(r.properties, direction, r.key, prefixName));
    }

  // Network interfaces: node groups (through their launch templates), the cluster, functions, endpoints, VPN, load balancers.
  const clusterSg = new Map<string, string>();
  for (const r of of('AWS::EKS::Cluster')) {
    const vpc = isPlainObject(r.properties.ResourcesVpcConfig) ? r.properties.ResourcesVpcConfig : {};
    const groups = sgList(vpc.SecurityGroupIds);
    // EKS adds its own cluster security group (all traffic from itself, all egress) to the control plane's interfaces.
    const own = `${r.key}#ClusterSecurityGroup`;
    m.securityGroups.set(own, {
      key: own,
      name: 'EKS cluster security group',
      rules: [
        {
          direction: 'ingress',
          protocol: 'all',
          fromPort: 0,
          toPort: 65535,
          peer: { kind: 'sg', group: own },
          source: `${own} (created by EKS)`,
        },
        {
          direction: 'egress',
          protocol: 'all',
          fromPort: 0,
          toPort: 65535,
          peer: { kind: 'cidr', range: cidrRange('0.0.0.0/0')!, text: '0.0.0.0/0' },
          source: `${own} (created by EKS)`,
        },
      ],
    });
    clusterSg.set(r.key, own);
    const attachment: AttachmentModel = {
      key: r.key,
      kind: 'cluster',
      sgs: [...groups.keys, own],
      ...(groups.unknown ? { sgUnknown: groups.unknown } : {}),
      ...subnetList(vpc.SubnetIds),
      tags: tagsOf(r),
      publicAddress: false,
      linux: false,
    };
    m.attachments.set(r.key, attachment);
    const publicCidrs =
      vpc.PublicAccessCidrs === undefined
        ? ['0.0.0.0/0']
        : list(vpc.PublicAccessCidrs).map((c) => str(c) ?? '?');
    m.clusters.push({
      key: r.key,
      // EKS defaults: public endpoint on, private endpoint off.
      publicAccess: vpc.EndpointPublicAccess === undefined ? true : bool(vpc.EndpointPublicAccess),
      privateAccess: vpc.EndpointPrivateAccess === undefined ? false : bool(vpc.EndpointPrivateAccess),
      publicCidrs: publicCidrs.map((c) => cidrRange(c)).filter((c): c is Range => c !== undefined),
      publicCidrText: publicCidrs,
      attachment: r.key,
    });
  }
  const launchTemplates = new Map(of('AWS::EC2::LaunchTemplate').map((r) => [r.key, r]));
  for (const r of of('AWS::EKS::Nodegroup')) {
    const p = r.properties;
    const ltRef = isPlainObject(p.LaunchTemplate)
      ? (target(p.LaunchTemplate.Id) ?? target(p.LaunchTemplate.Name))
      : undefined;
    const lt = ltRef ? launchTemplates.get(ltRef) : undefined;
    const data =
      lt && isPlainObject(lt.properties.LaunchTemplateData) ? lt.properties.LaunchTemplateData : undefined;
    const cluster = target(p.ClusterName);
    let groups: { keys: string[]; unknown?: string };
    if (data && data.SecurityGroupIds !== undefined) groups = sgList(data.SecurityGroupIds);
    else if (data && Array.isArray(data.NetworkInterfaces))
      groups = sgList(list(data.NetworkInterfaces).flatMap((n) => (isPlainObject(n) ? list(n.Groups) : [])));
    else if (cluster && clusterSg.has(cluster)) groups = { keys: [clusterSg.get(cluster)!] };
    else groups = { keys: [], unknown: `the security groups of ${r.key} are not determined by the input` };
    if (isPlainObject(p.RemoteAccess)) {
      const extra = sgList(p.RemoteAccess.SourceSecurityGroups);
      groups = { keys: [...groups.keys, ...extra.keys], unknown: groups.unknown ?? extra.unknown };
      m.notes.push(`${r.key} enables SSH remote access`);
    }
    const metadata = data && isPlainObject(data.MetadataOptions) ? data.MetadataOptions : undefined;
    const hop = metadata?.HttpPutResponseHopLimit;
    // Without a launch template, EKS managed nodes get hop limit 2; AL2023 AMIs register with IMDSv2 and hop limit 2 too.
    const hopLimit = hop === undefined ? 2 : num(hop);
    const instanceTags: Record<string, string> = {};
    for (const spec of data ? list(data.TagSpecifications) : [])
      if (isPlainObject(spec) && spec.ResourceType === 'instance')
        for (const t of list(spec.Tags))
          if (isPlainObject(t) && typeof t.Key === 'string' && typeof t.Value === 'string')
            instanceTags[t.Key] = t.Value;
    const publicIp = data
      ? list(data.NetworkInterfaces).some(
          (n) => isPlainObject(n) && bool(n.AssociatePublicIpAddress) === true,
        )
      : false;
    const labels: Record<string, string> = {};
    if (isPlainObject(p.Labels))
      for (const [k, v] of Object.entries(p.Labels)) if (typeof v === 'string') labels[k] = v;
    const taints = list(p.Taints).flatMap((t) =>
      isPlainObject(t) && typeof t.Key === 'string'
        ? [
            {
              key: t.Key,
              value: str(t.Value),
              effect:
                (
                  {
                    NO_SCHEDULE: 'NoSchedule',
                    NO_EXECUTE: 'NoExecute',
                    PREFER_NO_SCHEDULE: 'PreferNoSchedule',
                  } as Record<string, string>
                )[str(t.Effect) ?? ''] ??
                str(t.Effect) ??
                'NoSchedule',
            },
          ]
        : [],
    );
    const subnets = subnetList(p.Subnets);
    m.attachments.set(r.key, {
      key: r.key,
      kind: 'node-group',
      sgs: groups.keys,
      ...(groups.unknown ? { sgUnknown: groups.unknown } : {}),
      ...subnets,
      tags: { ...tagsOf(r), ...instanceTags },
      publicAddress: publicIp || subnets.subnets.some((s) => m.subnets.get(s)?.mapPublicIp),
      hopLimit,
      hopLimitSource:
        hop === undefined
          ? `${r.key}: no HttpPutResponseHopLimit (default 2)`
          : `${ltRef}: HttpPutResponseHopLimit ${String(hopLimit ?? '?')}`,
      nodeLabels: labels,
      taints,
      linux: true,
    });
  }
  for (const r of of('AWS::Lambda::Function')) {
    const vpc = isPlainObject(r.properties.VpcConfig) ? r.properties.VpcConfig : undefined;
    if (!vpc) continue;
    const groups = sgList(vpc.SecurityGroupIds);
    m.attachments.set(r.key, {
      key: r.key,
      kind: 'lambda',
      sgs: groups.keys,
      ...(groups.unknown ? { sgUnknown: groups.unknown } : {}),
      ...subnetList(vpc.SubnetIds),
      tags: tagsOf(r),
      publicAddress: false,
      linux: false,
    });
  }
  for (const r of of('AWS::EC2::Instance')) {
    const groups = sgList(r.properties.SecurityGroupIds);
    const subnet = target(r.properties.SubnetId);
    const publicIp = list(r.properties.NetworkInterfaces).some(
      (n) => isPlainObject(n) && bool(n.AssociatePublicIpAddress) === true,
    );
    m.attachments.set(r.key, {
      key: r.key,
      kind: 'instance',
      sgs: groups.keys,
      ...(groups.unknown ? { sgUnknown: groups.unknown } : {}),
      subnets: subnet ? [subnet] : [],
      tags: tagsOf(r),
      publicAddress: publicIp || (subnet ? m.subnets.get(subnet)?.mapPublicIp === true : false),
      linux: true,
    });
  }
  for (const r of of('AWS::EC2::VPCEndpoint')) {
    const p = r.properties;
    const service =
      typeof p.ServiceName === 'string'
        ? p.ServiceName
        : isSymbolic(p.ServiceName)
          ? String(p.ServiceName)
          : '';
    const type = str(p.VpcEndpointType) ?? 'Gateway';
    if (type === 'Gateway') {
      for (const table of list(p.RouteTableIds)) {
        const t = m.routeTables.get(target(table) ?? '');
        if (t)
          t.gatewayEndpoints.push({
            key: r.key,
            service: service.replace(/\$\{\?AWS::Region\}|\$\{\?\}/, '<region>'),
          });
      }
      continue;
    }
    const groups = sgList(p.SecurityGroupIds);
    m.attachments.set(r.key, {
      key: r.key,
      kind: 'interface-endpoint',
      sgs: groups.keys,
      ...(groups.unknown ? { sgUnknown: groups.unknown } : {}),
      ...subnetList(p.SubnetIds),
      tags: tagsOf(r),
      publicAddress: false,
      linux: false,
    });
  }
  for (const r of of('AWS::EC2::ClientVpnEndpoint')) {
    const groups = sgList(r.properties.SecurityGroupIds);
    const subnets = of('AWS::EC2::ClientVpnTargetNetworkAssociation')
      .filter((a) => target(a.properties.ClientVpnEndpointId) === r.key)
      .map((a) => target(a.properties.SubnetId))
      .filter((s): s is string => s !== undefined);
    const tags = { ...tagsOf(r) };
    for (const spec of list(r.properties.TagSpecifications))
      if (isPlainObject(spec))
        for (const t of list(spec.Tags))
          if (isPlainObject(t) && typeof t.Key === 'string' && typeof t.Value === 'string')
            tags[t.Key] = t.Value;
    m.attachments.set(r.key, {
      key: r.key,
      kind: 'client-vpn',
      sgs: groups.keys,
      ...(groups.unknown ? { sgUnknown: groups.unknown } : {}),
      subnets,
      tags,
      publicAddress: false,
      linux: false,
    });
    const authorized = of('AWS::EC2::ClientVpnAuthorizationRule')
      .filter((a) => target(a.properties.ClientVpnEndpointId) === r.key)
      .flatMap((a) => {
        const text = str(a.properties.TargetNetworkCidr) ?? '';
        const range = cidrRange(text);
        return range ? [{ key: a.key, range, text }] : [];
      });
    m.clientVpns.push({
      key: r.key,
      clientRange: cidrRange(str(r.properties.ClientCidrBlock) ?? ''),
      attachment: r.key,
      authorized,
    });
  }
  for (const r of of('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
    const p = r.properties;
    const groups = sgList(p.SecurityGroups);
    const subnets =
      p.Subnets !== undefined
        ? subnetList(p.Subnets)
        : subnetList(
            list(p.SubnetMappings)
              .map((s) => (isPlainObject(s) ? s.SubnetId : undefined))
              .filter((s): s is SymbolicValue => s !== undefined),
          );
    // CloudFormation's default scheme is internet-facing.
    const scheme = p.Scheme === undefined ? 'internet-facing' : str(p.Scheme);
    m.attachments.set(r.key, {
      key: r.key,
      kind: 'load-balancer',
      sgs: groups.keys,
      ...(groups.unknown ? { sgUnknown: groups.unknown } : {}),
      ...subnets,
      tags: tagsOf(r),
      publicAddress: scheme === 'internet-facing',
      linux: false,
    });
  }

  for (const r of of('AWS::EKS::Addon')) {
    if (str(r.properties.AddonName) !== 'vpc-cni') continue;
    const config = r.properties.ConfigurationValues;
    let enforced: boolean | undefined = false;
    if (typeof config === 'string') {
      try {
        const parsed = JSON.parse(config) as Record<string, unknown>;
        enforced = String(parsed.enableNetworkPolicy) === 'true';
      } catch {
        enforced = /enableNetworkPolicy["']?\s*:\s*["']?true/.test(config);
      }
    } else if (config !== undefined) enforced = undefined;
    m.cniPolicy = {
      enforced,
      source: `${r.key}: enableNetworkPolicy ${enforced === undefined ? 'not determined' : String(enforced)}`,
    };
  }
  if (!m.cniPolicy && m.clusters.length > 0)
    m.cniPolicy = {
      enforced: false,
      source: `${m.clusters[0]!.key}: no vpc-cni add-on with enableNetworkPolicy (the self-managed CNI does not enforce NetworkPolicies)`,
    };
  return m;

  function sgList(v: SymbolicValue | undefined): { keys: string[]; unknown?: string } {
    const keys: string[] = [];
    let unknown: string | undefined;
    for (const item of list(v)) {
      const t = target(item);
      if (t && m.securityGroups.has(t)) keys.push(t);
      else if (t && t.endsWith('#ClusterSecurityGroup')) keys.push(t);
      else if (t && byKey.get(t)?.type === 'AWS::EKS::Cluster' && clusterSg.has(t))
        keys.push(clusterSg.get(t)!);
      else
        unknown = `security group ${isSymbolic(item) ? String(item) : JSON.stringify(item)} is not in the input`;
    }
    return unknown ? { keys, unknown } : { keys };
  }
  function subnetList(v: SymbolicValue | undefined): { subnets: string[]; subnetUnknown?: string } {
    const subnets: string[] = [];
    let unknown: string | undefined;
    for (const item of list(v)) {
      const t = target(item);
      if (t && m.subnets.has(t)) subnets.push(t);
      else unknown = `subnet ${isSymbolic(item) ? String(item) : JSON.stringify(item)} is not in the input`;
    }
    return unknown ? { subnets, subnetUnknown: unknown } : { subnets };
  }
}

function sgRule(
  v: SymbolicValue,
  direction: 'ingress' | 'egress',
  source: string,
  prefixName: (v: SymbolicValue) => string | undefined,
): SgRule {
  const p = isPlainObject(v) ? v : {};
  const protocol = protocolOf(p.IpProtocol);
  const all = protocol === 'all';
  const fromPort = all ? 0 : num(p.FromPort);
  const toPort = all ? 65535 : num(p.ToPort);
  let peer: SgPeer;
  const cidr = str(p.CidrIp);
  const groupRef = direction === 'ingress' ? p.SourceSecurityGroupId : p.DestinationSecurityGroupId;
  const prefix = direction === 'ingress' ? p.SourcePrefixListId : p.DestinationPrefixListId;
  if (cidr !== undefined) {
    const range = cidrRange(cidr);
    peer = range
      ? { kind: 'cidr', range, text: cidr }
      : { kind: 'unknown', reason: `CIDR ${cidr} is not IPv4` };
  } else if (p.CidrIpv6 !== undefined)
    peer = { kind: 'unknown', reason: 'IPv6 peers are outside the IPv4 model' };
  else if (groupRef !== undefined) {
    const t = target(groupRef);
    peer = t
      ? { kind: 'sg', group: t }
      : {
          kind: 'unknown',
          reason: `security group ${isSymbolic(groupRef) ? String(groupRef) : JSON.stringify(groupRef)} is not in the input`,
        };
  } else if (prefix !== undefined) {
    const name = prefixName(prefix);
    peer = {
      kind: 'prefix-list',
      text: name ?? (isSymbolic(prefix) ? String(prefix) : JSON.stringify(prefix)),
      ...(name ? { name } : {}),
    };
  } else if (p.CidrIp === undefined && p.IpProtocol !== undefined)
    peer = { kind: 'unknown', reason: 'the rule names no peer the input determines' };
  else peer = { kind: 'unknown', reason: 'the rule is not determined by the input' };
  const unknown =
    protocol === undefined || fromPort === undefined || toPort === undefined
      ? `the protocol or ports of a rule in ${source} are not determined`
      : undefined;
  return {
    direction,
    protocol: protocol ?? 'other',
    fromPort: protocol === 'icmp' ? 0 : (fromPort ?? 0),
    toPort: protocol === 'icmp' ? 65535 : toPort === -1 ? 65535 : (toPort ?? 65535),
    peer,
    source,
    ...(unknown ? { unknown } : {}),
  };
}
