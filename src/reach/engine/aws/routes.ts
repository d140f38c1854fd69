/**
 * Route tables, their subnets and routes (`AWS::EC2::RouteTable`, `AWS::EC2::SubnetRouteTableAssociation`,
 * `AWS::EC2::NatGateway`, `AWS::EC2::Route`). A subnet without an association uses the VPC's main table.
 */
import type { CfnResource } from '../../../inventory/model.js';
import type { SymbolicObject } from '../../../inventory/values.js';
import type { RouteModel } from '../model.js';
import { cidrRange } from '../net.js';
import type { AwsBuildContext } from './context.js';
import { patchSubnet } from './vpc.js';
import { describeValue, outsideTheInput, str, target } from './values.js';

/** Prefix of the notes about IPv6 routes the model could not attach to a table (read by ipv6.ts). */
export const IPV6_ROUTE_NOTE = 'IPv6 route ';

export function addRouteTable(r: CfnResource, { model }: AwsBuildContext): void {
  model.routeTables.set(r.key, { key: r.key, routes: [], gatewayEndpoints: [] });
}

export function associateRouteTable(r: CfnResource, context: AwsBuildContext): void {
  const table = r.properties.RouteTableId;
  const key = target(table);
  patchSubnet(
    context,
    target(r.properties.SubnetId),
    key !== undefined && context.model.routeTables.has(key)
      ? { routeTable: key }
      : { routeTable: undefined, routeTableUnknown: outsideTheInput('route table', table ?? null) },
  );
}

/** NAT routes lead through the gateway's subnet, so the model remembers where each gateway sits. */
export function addNatGateway(r: CfnResource, context: AwsBuildContext): void {
  context.natGatewaySubnets.set(r.key, target(r.properties.SubnetId));
}

export function addRoute(r: CfnResource, context: AwsBuildContext): void {
  const table = context.model.routeTables.get(target(r.properties.RouteTableId) ?? '');
  if (!table) {
    // The IPv4 model places no route it cannot attach; the IPv6 prover must know one may exist anywhere.
    if (r.properties.DestinationIpv6CidrBlock !== undefined)
      context.model.notes.push(
        `${IPV6_ROUTE_NOTE}${r.key} belongs to a route table the input does not determine`,
      );
    return;
  }
  const p = r.properties;
  const dest = str(p.DestinationCidrBlock);
  const t = routeTarget(p, context);
  const unknown =
    t === 'unknown' ? `the target of ${r.key} is not in the input` : undeterminedDestination(r.key, p);
  table.routes.push({
    key: r.key,
    destination: dest ? cidrRange(dest) : undefined,
    prefixList: str(p.DestinationPrefixListId),
    target: t,
    natSubnet: t === 'nat' ? context.natGatewaySubnets.get(target(p.NatGatewayId) ?? '') : undefined,
    ...(unknown ? { unknown } : {}),
    ...(str(p.DestinationIpv6CidrBlock) !== undefined
      ? { ipv6Destination: str(p.DestinationIpv6CidrBlock) }
      : p.DestinationIpv6CidrBlock !== undefined
        ? { ipv6Unknown: `the IPv6 destination of ${r.key} is ${describeValue(p.DestinationIpv6CidrBlock)}` }
        : {}),
  });
}

/**
 * Why the IPv4 addresses a route covers are not known: a prefix list (its entries are not modelled; one from
 * outside the input is decided at deploy time) or a CIDR the input does not determine. IPv6-only routes are
 * outside the IPv4 model and left out.
 */
function undeterminedDestination(key: string, p: SymbolicObject): string | undefined {
  const prefixList = p.DestinationPrefixListId;
  if (prefixList !== undefined)
    return target(prefixList)
      ? `${key} routes to prefix list ${describeValue(prefixList)}, whose entries the model does not read`
      : `${key} routes to ${outsideTheInput('prefix list', prefixList)}`;
  const cidr = p.DestinationCidrBlock;
  if (cidr !== undefined && (typeof cidr !== 'string' || !cidrRange(cidr)))
    return `the destination of ${key} is ${describeValue(cidr)}, not an IPv4 CIDR the input determines`;
  return undefined;
}

/** The kind of a route's target; a `GatewayId` is told apart by the type of the resource it refers to. */
function routeTarget(p: SymbolicObject, context: AwsBuildContext): RouteModel['target'] {
  const gateway = target(p.GatewayId);
  const gatewayType = gateway ? context.byKey.get(gateway)?.type : undefined;
  if (p.NatGatewayId !== undefined) return 'nat';
  if (p.EgressOnlyInternetGatewayId !== undefined) return 'egress-only';
  if (p.TransitGatewayId !== undefined) return 'tgw';
  if (p.VpcPeeringConnectionId !== undefined) return 'peering';
  if (gatewayType === 'AWS::EC2::InternetGateway') return 'igw';
  if (gatewayType === 'AWS::EC2::VPNGateway') return 'vgw';
  if (p.GatewayId !== undefined)
    return typeof p.GatewayId === 'string' && p.GatewayId.startsWith('igw-') ? 'igw' : 'unknown';
  return 'other';
}
