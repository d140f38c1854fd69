/**
 * The network of the stacks' VPCs, read whole (one paginated call per kind, filtered by VPC): VPCs, subnets,
 * security groups with their rules, route tables with their routes and associations, network ACLs with their
 * entries and associations, VPC endpoints, internet and NAT gateways. Reading by VPC also finds what was added
 * by hand, which drift reports.
 */
import {
  paginateDescribeInternetGateways,
  paginateDescribeNatGateways,
  paginateDescribeNetworkAcls,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
  type EC2Client,
  type Filter,
  type InternetGateway,
  type NatGateway,
  type SecurityGroup,
  type Subnet,
  type Vpc,
  type VpcEndpoint,
  type IpPermission,
  type NetworkAcl,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import type { SymbolicValue } from '../../../inventory/values.js';
import { OPS, type AuditOperation } from '../operations.js';
import type { AwsSession } from '../session.js';
import {
  allPages,
  defined,
  emptyOutput,
  parsePolicy,
  tagList,
  type LiveResource,
  type ReaderOutput,
} from '../live.js';

/** The types this reader returns; standalone rule, route and association resources of a stack are parts of them. */
export const NETWORK_TYPES = [
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::RouteTable',
  'AWS::EC2::NetworkAcl',
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::NatGateway',
] as const;

export const NETWORK_PART_TYPES = [
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::NetworkAclEntry',
  'AWS::EC2::SubnetNetworkAclAssociation',
  'AWS::EC2::VPCGatewayAttachment',
] as const;

interface Kind<T> {
  readonly type: string;
  readonly operation: AuditOperation;
  /** The filter that selects one by id. */
  readonly idFilter: string;
  readonly list: (client: EC2Client, filters: Filter[]) => Promise<T[]>;
  readonly idOf: (item: T) => string;
  readonly convert: (item: T, calls: LiveResource['calls']) => LiveResource[];
}

/**
 * Reads every kind in the given VPCs, plus the stack's resources of those kinds by id (a security group of a
 * VPC outside the stacks). A failed call leaves its kind unread: those resources are reported, not guessed.
 */
export async function readNetwork(
  session: AwsSession,
  vpcIds: readonly string[],
  idsByType: ReadonlyMap<string, readonly string[]>,
): Promise<ReaderOutput> {
  const output = emptyOutput();
  const client = await session.client<EC2Client>('ec2');
  await Promise.all(
    KINDS.map(async (kind) => {
      const wanted = idsByType.get(kind.type) ?? [];
      const scopes: Filter[][] = [];
      if (kind.type === 'AWS::EC2::VPC') {
        if (vpcIds.length > 0) scopes.push([{ Name: 'vpc-id', Values: [...vpcIds] }]);
      } else {
        if (vpcIds.length > 0 && kind.type !== 'AWS::EC2::InternetGateway')
          scopes.push([{ Name: 'vpc-id', Values: [...vpcIds] }]);
        if (kind.type === 'AWS::EC2::InternetGateway' && vpcIds.length > 0)
          scopes.push([{ Name: 'attachment.vpc-id', Values: [...vpcIds] }]);
      }
      const seen = new Set<string>();
      const read = async (filters: Filter[]) => {
        const outcome = await session.call(kind.operation, () => kind.list(client, filters));
        if (!outcome.ok) return outcome;
        for (const item of outcome.value ?? []) {
          const id = kind.idOf(item);
          if (seen.has(id)) continue;
          seen.add(id);
          output.resources.push(...kind.convert(item, [outcome.record]));
        }
        return outcome;
      };
      for (const filters of scopes) {
        const outcome = await read(filters);
        if (!outcome.ok) {
          output.notRead.push({
            type: kind.type,
            physicalIds: wanted,
            reason: outcome.failure.message,
            record: outcome.record,
          });
          return;
        }
      }
      // Resources of the stacks outside their VPCs (or stacks without a VPC), by id, in batches.
      const rest = wanted.filter((id) => !seen.has(id));
      for (let i = 0; i < rest.length; i += 100) {
        const batch = rest.slice(i, i + 100);
        const outcome = await read([{ Name: kind.idFilter, Values: batch }]);
        if (!outcome.ok)
          output.notRead.push({
            type: kind.type,
            physicalIds: batch,
            reason: outcome.failure.message,
            record: outcome.record,
          });
      }
    }),
  );
  output.resources.push(...mainTableAssociations(output.resources));
  return output;
}

/**
 * A subnet without an explicit association uses its VPC's main route table; stated as an association, the
 * prover reads it like any other.
 */
function mainTableAssociations(resources: readonly LiveResource[]): LiveResource[] {
  const associated = new Set(
    resources
      .filter((r) => r.type === 'AWS::EC2::SubnetRouteTableAssociation')
      .map((r) => r.properties.SubnetId),
  );
  const mainOf = new Map(
    resources.filter((r) => r.type === 'AWS::EC2::RouteTable' && r.implicit).map((r) => [r.vpcId, r]),
  );
  const out: LiveResource[] = [];
  for (const subnet of resources.filter((r) => r.type === 'AWS::EC2::Subnet')) {
    const main = mainOf.get(subnet.vpcId);
    if (associated.has(subnet.physicalId) || !main) continue;
    out.push({
      type: 'AWS::EC2::SubnetRouteTableAssociation',
      physicalId: `${main.physicalId}|${subnet.physicalId}`,
      partOf: { physicalId: main.physicalId, name: `Association[${subnet.physicalId}]` },
      implicit: true,
      properties: { RouteTableId: main.physicalId, SubnetId: subnet.physicalId },
      calls: main.calls,
    });
  }
  return out;
}

const flat = <P, T>(pages: P[], pick: (p: P) => T[] | undefined): T[] => pages.flatMap((p) => pick(p) ?? []);

/** Keeps each kind's item type while the list holds them all. */
const kind = <T>(k: Kind<T>): Kind<unknown> => k as unknown as Kind<unknown>;

const KINDS: readonly Kind<unknown>[] = [
  kind<Vpc>({
    type: 'AWS::EC2::VPC',
    operation: OPS.describeVpcs,
    idFilter: 'vpc-id',
    list: async (client, Filters) =>
      flat(await allPages(paginateDescribeVpcs({ client }, { Filters })), (p) => p.Vpcs),
    idOf: (v) => v.VpcId!,
    convert: (v, calls) => [
      {
        type: 'AWS::EC2::VPC',
        physicalId: v.VpcId!,
        vpcId: v.VpcId!,
        properties: defined({
          CidrBlock: v.CidrBlock,
          InstanceTenancy: v.InstanceTenancy,
          Tags: tagList(v.Tags),
        }),
        calls,
      },
    ],
  }),
  kind<Subnet>({
    type: 'AWS::EC2::Subnet',
    operation: OPS.describeSubnets,
    idFilter: 'subnet-id',
    list: async (client, Filters) =>
      flat(await allPages(paginateDescribeSubnets({ client }, { Filters })), (p) => p.Subnets),
    idOf: (s) => s.SubnetId!,
    convert: (s, calls) => [
      {
        type: 'AWS::EC2::Subnet',
        physicalId: s.SubnetId!,
        vpcId: s.VpcId!,
        ...(s.SubnetArn ? { arn: s.SubnetArn } : {}),
        properties: defined({
          VpcId: s.VpcId,
          CidrBlock: s.CidrBlock,
          AvailabilityZone: s.AvailabilityZone,
          MapPublicIpOnLaunch: s.MapPublicIpOnLaunch ?? false,
          Tags: tagList(s.Tags),
        }),
        calls,
      },
    ],
  }),
  kind<SecurityGroup>({
    type: 'AWS::EC2::SecurityGroup',
    operation: OPS.describeSecurityGroups,
    idFilter: 'group-id',
    list: async (client, Filters) =>
      flat(await allPages(paginateDescribeSecurityGroups({ client }, { Filters })), (p) => p.SecurityGroups),
    idOf: (g) => g.GroupId!,
    convert: (g, calls) => [
      {
        type: 'AWS::EC2::SecurityGroup',
        physicalId: g.GroupId!,
        vpcId: g.VpcId!,
        ...(g.SecurityGroupArn ? { arn: g.SecurityGroupArn } : {}),
        // The default group and the groups EKS creates for its clusters come with their parents.
        implicit: g.GroupName === 'default' || (g.Tags ?? []).some((t) => t.Key === 'aws:eks:cluster-name'),
        properties: defined({
          GroupDescription: g.Description,
          GroupName: g.GroupName,
          VpcId: g.VpcId,
          SecurityGroupIngress: rulesOf(g.IpPermissions, 'ingress'),
          SecurityGroupEgress: rulesOf(g.IpPermissionsEgress, 'egress'),
          Tags: tagList(g.Tags),
        }),
        calls,
      },
    ],
  }),
  kind<RouteTable>({
    type: 'AWS::EC2::RouteTable',
    operation: OPS.describeRouteTables,
    idFilter: 'route-table-id',
    list: async (client, Filters) =>
      flat(await allPages(paginateDescribeRouteTables({ client }, { Filters })), (p) => p.RouteTables),
    idOf: (t) => t.RouteTableId!,
    convert: (t, calls) => routeTable(t, calls),
  }),
  kind<NetworkAcl>({
    type: 'AWS::EC2::NetworkAcl',
    operation: OPS.describeNetworkAcls,
    idFilter: 'network-acl-id',
    list: async (client, Filters) =>
      flat(await allPages(paginateDescribeNetworkAcls({ client }, { Filters })), (p) => p.NetworkAcls),
    idOf: (a) => a.NetworkAclId!,
    convert: (a, calls) => networkAcl(a, calls),
  }),
  kind<VpcEndpoint>({
    type: 'AWS::EC2::VPCEndpoint',
    operation: OPS.describeVpcEndpoints,
    idFilter: 'vpc-endpoint-id',
    list: async (client, Filters) =>
      flat(await allPages(paginateDescribeVpcEndpoints({ client }, { Filters })), (p) => p.VpcEndpoints),
    idOf: (e) => e.VpcEndpointId!,
    convert: (e, calls) => [
      {
        type: 'AWS::EC2::VPCEndpoint',
        physicalId: e.VpcEndpointId!,
        vpcId: e.VpcId!,
        properties: defined({
          VpcId: e.VpcId,
          ServiceName: e.ServiceName,
          VpcEndpointType: e.VpcEndpointType,
          PolicyDocument: parsePolicy(e.PolicyDocument),
          PrivateDnsEnabled: e.VpcEndpointType === 'Interface' ? (e.PrivateDnsEnabled ?? false) : undefined,
          RouteTableIds: nonEmpty(e.RouteTableIds),
          SubnetIds: nonEmpty(e.SubnetIds),
          SecurityGroupIds: nonEmpty(e.Groups?.map((g) => g.GroupId!)),
        }),
        calls,
      },
    ],
  }),
  kind<InternetGateway>({
    type: 'AWS::EC2::InternetGateway',
    operation: OPS.describeInternetGateways,
    idFilter: 'internet-gateway-id',
    list: async (client, Filters) =>
      flat(
        await allPages(paginateDescribeInternetGateways({ client }, { Filters })),
        (p) => p.InternetGateways,
      ),
    idOf: (g) => g.InternetGatewayId!,
    convert: (g, calls) => [
      {
        type: 'AWS::EC2::InternetGateway',
        physicalId: g.InternetGatewayId!,
        ...(g.Attachments?.[0]?.VpcId ? { vpcId: g.Attachments[0].VpcId } : {}),
        properties: defined({ Tags: tagList(g.Tags) }),
        calls,
      },
    ],
  }),
  kind<NatGateway>({
    type: 'AWS::EC2::NatGateway',
    operation: OPS.describeNatGateways,
    idFilter: 'nat-gateway-id',
    list: async (client, Filter) =>
      flat(await allPages(paginateDescribeNatGateways({ client }, { Filter })), (p) => p.NatGateways),
    idOf: (n) => n.NatGatewayId!,
    convert: (n, calls) =>
      n.State === 'deleted'
        ? []
        : [
            {
              type: 'AWS::EC2::NatGateway',
              physicalId: n.NatGatewayId!,
              vpcId: n.VpcId!,
              properties: defined({
                SubnetId: n.SubnetId,
                ConnectivityType: n.ConnectivityType,
                Tags: tagList(n.Tags),
              }),
              calls,
            },
          ],
  }),
];

function nonEmpty(list: readonly string[] | undefined): SymbolicValue | undefined {
  return list && list.length > 0 ? [...list] : undefined;
}

/** One CloudFormation rule per peer, as `AWS::EC2::SecurityGroup` writes them inline. */
export function rulesOf(
  permissions: readonly IpPermission[] | undefined,
  direction: 'ingress' | 'egress',
): SymbolicValue[] {
  const rules: Record<string, SymbolicValue>[] = [];
  for (const p of permissions ?? []) {
    const base = defined({
      IpProtocol: p.IpProtocol,
      ...(p.IpProtocol === '-1' ? {} : { FromPort: p.FromPort, ToPort: p.ToPort }),
    });
    for (const r of p.IpRanges ?? []) rules.push({ ...base, CidrIp: r.CidrIp!, ...describe(r.Description) });
    for (const r of p.Ipv6Ranges ?? [])
      rules.push({ ...base, CidrIpv6: r.CidrIpv6!, ...describe(r.Description) });
    for (const r of p.UserIdGroupPairs ?? [])
      rules.push({
        ...base,
        [direction === 'ingress' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId']: r.GroupId!,
        ...describe(r.Description),
      });
    for (const r of p.PrefixListIds ?? [])
      rules.push({
        ...base,
        [direction === 'ingress' ? 'SourcePrefixListId' : 'DestinationPrefixListId']: r.PrefixListId!,
        ...describe(r.Description),
      });
  }
  return rules;
}

function describe(description: string | undefined): Record<string, SymbolicValue> {
  return description ? { Description: description } : {};
}

/** A route table, its routes (the local route is implicit, as in a template) and its subnet associations. */
function routeTable(t: RouteTable, calls: LiveResource['calls']): LiveResource[] {
  const id = t.RouteTableId!;
  const main = (t.Associations ?? []).some((a) => a.Main);
  const out: LiveResource[] = [
    {
      type: 'AWS::EC2::RouteTable',
      physicalId: id,
      vpcId: t.VpcId!,
      implicit: main,
      properties: defined({ VpcId: t.VpcId, Tags: tagList(t.Tags) }),
      calls,
    },
  ];
  // A gateway endpoint's routes are stated by the endpoint (its RouteTableIds), as a template states them.
  const routes = (t.Routes ?? []).filter(
    (r) => r.GatewayId !== 'local' && !r.GatewayId?.startsWith('vpce-') && r.State !== 'blackhole',
  );
  for (const r of routes) {
    const destination =
      r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '?';
    out.push({
      type: 'AWS::EC2::Route',
      physicalId: `${id}|${destination}`,
      partOf: { physicalId: id, name: `Route[${destination}]` },
      properties: defined({
        RouteTableId: id,
        DestinationCidrBlock: r.DestinationCidrBlock,
        DestinationIpv6CidrBlock: r.DestinationIpv6CidrBlock,
        DestinationPrefixListId: r.DestinationPrefixListId,
        GatewayId: r.GatewayId,
        NatGatewayId: r.NatGatewayId,
        EgressOnlyInternetGatewayId: r.EgressOnlyInternetGatewayId,
        TransitGatewayId: r.TransitGatewayId,
        VpcPeeringConnectionId: r.VpcPeeringConnectionId,
        InstanceId: r.InstanceId,
        NetworkInterfaceId: r.NetworkInterfaceId,
      }),
      calls,
    });
  }
  for (const a of t.Associations ?? [])
    if (a.SubnetId)
      out.push({
        type: 'AWS::EC2::SubnetRouteTableAssociation',
        physicalId: a.RouteTableAssociationId ?? `${id}|${a.SubnetId}`,
        partOf: { physicalId: id, name: `Association[${a.SubnetId}]` },
        properties: { RouteTableId: id, SubnetId: a.SubnetId },
        calls,
      });
  return out;
}

/** A network ACL with its entries and subnet associations (AWS's default entries, number 32767, are implicit). */
function networkAcl(a: NetworkAcl, calls: LiveResource['calls']): LiveResource[] {
  const id = a.NetworkAclId!;
  const out: LiveResource[] = [
    {
      type: 'AWS::EC2::NetworkAcl',
      physicalId: id,
      vpcId: a.VpcId!,
      implicit: a.IsDefault === true,
      properties: defined({ VpcId: a.VpcId, Tags: tagList(a.Tags) }),
      calls,
    },
  ];
  for (const e of a.Entries ?? []) {
    if (e.RuleNumber === 32767) continue;
    const name = `Entry[${e.Egress ? 'egress' : 'ingress'} ${e.RuleNumber}]`;
    out.push({
      type: 'AWS::EC2::NetworkAclEntry',
      physicalId: `${id}|${name}`,
      partOf: { physicalId: id, name },
      properties: defined({
        NetworkAclId: id,
        RuleNumber: e.RuleNumber,
        Protocol: e.Protocol === undefined ? undefined : Number(e.Protocol),
        RuleAction: e.RuleAction,
        Egress: e.Egress ?? false,
        CidrBlock: e.CidrBlock,
        Ipv6CidrBlock: e.Ipv6CidrBlock,
        PortRange: e.PortRange ? defined({ From: e.PortRange.From, To: e.PortRange.To }) : undefined,
        Icmp: e.IcmpTypeCode ? defined({ Code: e.IcmpTypeCode.Code, Type: e.IcmpTypeCode.Type }) : undefined,
      }),
      calls,
    });
  }
  for (const assoc of a.Associations ?? [])
    if (assoc.SubnetId)
      out.push({
        type: 'AWS::EC2::SubnetNetworkAclAssociation',
        physicalId: assoc.NetworkAclAssociationId ?? `${id}|${assoc.SubnetId}`,
        partOf: { physicalId: id, name: `Association[${assoc.SubnetId}]` },
        properties: { NetworkAclId: id, SubnetId: assoc.SubnetId },
        calls,
      });
  return out;
}
