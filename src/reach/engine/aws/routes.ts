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
import { str, target } from './values.js';

export function addRouteTable(r: CfnResource, { model }: AwsBuildContext): void {
  model.routeTables.set(r.key, { key: r.key, routes: [], gatewayEndpoints: [] });
}

export function associateRouteTable(r: CfnResource, context: AwsBuildContext): void {
  patchSubnet(context, target(r.properties.SubnetId), { routeTable: target(r.properties.RouteTableId) });
}

/** NAT routes lead through the gateway's subnet, so the model remembers where each gateway sits. */
export function addNatGateway(r: CfnResource, context: AwsBuildContext): void {
  context.natGatewaySubnets.set(r.key, target(r.properties.SubnetId));
}

export function addRoute(r: CfnResource, context: AwsBuildContext): void {
  const table = context.model.routeTables.get(target(r.properties.RouteTableId) ?? '');
  if (!table) return;
  const p = r.properties;
  const dest = str(p.DestinationCidrBlock);
  const t = routeTarget(p, context);
  table.routes.push({
    key: r.key,
    destination: dest ? cidrRange(dest) : undefined,
    prefixList: str(p.DestinationPrefixListId),
    target: t,
    natSubnet: t === 'nat' ? context.natGatewaySubnets.get(target(p.NatGatewayId) ?? '') : undefined,
    ...(t === 'unknown' ? { unknown: `the target of ${r.key} is not in the input` } : {}),
  });
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
