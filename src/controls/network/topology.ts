/**
 * The VPC layout as the templates declare it: which route table a subnet uses, where its default routes go,
 * and which tier it belongs to, both as declared (tags, the flow spec) and as its routes make it.
 */
import { TAG_TIER } from '../../contract/keys.js';
import type { FlowSpec } from '../../flows/index.js';
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { ResourceRef, Unknown, type SymbolicValue } from '../../inventory/values.js';
import {
  isAnywhere,
  isUnknownValue,
  prop,
  referencing,
  show,
  stringOf,
  tagUndetermined,
  target,
} from './cfn.js';

export type TierClass = 'public' | 'private' | 'isolated';

/** Where a default route (0.0.0.0/0 or ::/0) sends traffic. */
export type RouteTargetKind = 'internet-gateway' | 'nat' | 'egress-only-gateway' | 'other';

export interface DefaultRoute {
  readonly route: CfnResource;
  readonly destination: string;
  readonly kind: RouteTargetKind | Unknown;
  readonly description: string;
}

/** The route table explicitly associated with a subnet; undefined means the VPC's main route table. */
export function routeTableOf(inventory: Inventory, subnet: CfnResource): CfnResource | Unknown | undefined {
  const { matches, undetermined } = referencing(
    inventory,
    'AWS::EC2::SubnetRouteTableAssociation',
    'SubnetId',
    subnet,
  );
  const association = matches[0];
  if (association)
    return (
      target(inventory, prop(association, 'RouteTableId')) ??
      new Unknown(`the route table of ${association.key} is ${show(prop(association, 'RouteTableId'))}`)
    );
  const other = undetermined[0];
  return other
    ? new Unknown(`${other.key} associates an undetermined subnet (${show(prop(other, 'SubnetId'))})`)
    : undefined;
}

function kindOfGateway(inventory: Inventory, v: SymbolicValue | undefined): RouteTargetKind | Unknown {
  const t = target(inventory, v);
  if (t) return t.type === 'AWS::EC2::InternetGateway' ? 'internet-gateway' : 'other';
  const id = stringOf(v, 'GatewayId');
  if (typeof id === 'string') return id.startsWith('igw-') ? 'internet-gateway' : 'other';
  return id ?? new Unknown('no gateway');
}

function routeKind(inventory: Inventory, route: CfnResource): RouteTargetKind | Unknown {
  if (prop(route, 'GatewayId') !== undefined) return kindOfGateway(inventory, prop(route, 'GatewayId'));
  if (prop(route, 'NatGatewayId') !== undefined) return 'nat';
  if (prop(route, 'EgressOnlyInternetGatewayId') !== undefined) return 'egress-only-gateway';
  if (prop(route, 'CarrierGatewayId') !== undefined) return 'internet-gateway';
  if (prop(route, 'InstanceId') !== undefined || prop(route, 'NetworkInterfaceId') !== undefined)
    return new Unknown(
      'the route targets an instance or network interface, which may forward to the internet (a NAT instance)',
    );
  if (prop(route, 'TransitGatewayId') !== undefined)
    return new Unknown('the route targets a transit gateway, which may lead to a central internet egress');
  return 'other';
}

/** Default routes (0.0.0.0/0 or ::/0) of a route table, with where they lead. */
export function defaultRoutes(inventory: Inventory, table: CfnResource): DefaultRoute[] {
  const routes: DefaultRoute[] = [];
  const { matches, undetermined } = referencing(inventory, 'AWS::EC2::Route', 'RouteTableId', table);
  for (const route of [...matches, ...undetermined]) {
    const destination =
      stringOf(prop(route, 'DestinationCidrBlock')) ?? stringOf(prop(route, 'DestinationIpv6CidrBlock'));
    if (destination === undefined) continue;
    if (isUnknownValue(destination)) {
      routes.push({
        route,
        destination: '?',
        kind: destination,
        description: `${route.key}: destination ${destination.reason}`,
      });
      continue;
    }
    if (!isAnywhere(destination)) continue;
    // A default route whose table is undetermined may be this table's.
    const kind = matches.includes(route)
      ? routeKind(inventory, route)
      : new Unknown(`the route table of ${route.key} is ${show(prop(route, 'RouteTableId'))}`);
    routes.push({
      route,
      destination,
      kind,
      description: `${route.key}: ${destination} → ${isUnknownValue(kind) ? kind.reason : kind}`,
    });
  }
  return routes;
}

/** The tier a subnet's routes make it: public (IGW), private (NAT / egress-only) or isolated (neither). */
export function routedTier(
  inventory: Inventory,
  subnet: CfnResource,
): { tier: TierClass | Unknown; why: string } {
  const table = routeTableOf(inventory, subnet);
  if (table === undefined)
    return { tier: 'isolated', why: 'it uses the VPC main route table, which has only the local route' };
  if (isUnknownValue(table)) return { tier: table, why: table.reason };
  const routes = defaultRoutes(inventory, table);
  const kinds = routes.map((r) => r.kind);
  const why = routes.map((r) => r.description).join('; ');
  if (kinds.includes('internet-gateway')) return { tier: 'public', why };
  const unknown = kinds.find(isUnknownValue);
  if (unknown) return { tier: unknown, why };
  if (kinds.includes('nat') || kinds.includes('egress-only-gateway')) return { tier: 'private', why };
  return { tier: 'isolated', why: why || `${table.key} has no default route` };
}

const VECTORFORT_TIERS: Readonly<Record<string, TierClass>> = {
  public: 'public',
  application: 'private',
  data: 'isolated',
  endpoints: 'isolated',
};
const CDK_SUBNET_TYPES: Readonly<Record<string, TierClass>> = {
  Public: 'public',
  Private: 'private',
  Isolated: 'isolated',
};

/**
 * The tier a subnet is declared to be in: the `vectorfort:tier` tag, CDK's `aws-cdk:subnet-type` tag, or the
 * flow spec's subnet plan (by CIDR). Undefined when nothing declares it.
 */
export function declaredTier(
  subnet: CfnResource,
  flowSpec?: FlowSpec,
): { tier: TierClass; name: string; source: string } | undefined {
  const vf = subnet.tags[TAG_TIER];
  if (typeof vf === 'string' && VECTORFORT_TIERS[vf])
    return { tier: VECTORFORT_TIERS[vf]!, name: vf, source: `tag ${TAG_TIER}` };
  const cidr = prop(subnet, 'CidrBlock');
  const planned = typeof cidr === 'string' ? flowSpec?.subnets.find((s) => s.cidr === cidr) : undefined;
  if (planned) return { tier: VECTORFORT_TIERS[planned.tier]!, name: planned.tier, source: 'the flow spec' };
  const cdk = subnet.tags['aws-cdk:subnet-type'];
  if (typeof cdk === 'string' && CDK_SUBNET_TYPES[cdk])
    return { tier: CDK_SUBNET_TYPES[cdk]!, name: cdk, source: 'tag aws-cdk:subnet-type' };
  return undefined;
}

/** Whether a tag that declares the tier may hold a value the template does not determine. */
export function tierTagUndetermined(subnet: CfnResource): boolean {
  return tagUndetermined(subnet, TAG_TIER) || tagUndetermined(subnet, 'aws-cdk:subnet-type');
}

/** The VPC a resource's `VpcId` names, when it is a reference to one in the inventory. */
export function vpcOf(inventory: Inventory, r: CfnResource): CfnResource | undefined {
  const t = target(inventory, prop(r, 'VpcId'));
  return t?.type === 'AWS::EC2::VPC' ? t : undefined;
}

/** Subnets named by a list property (`Subnets`, `SubnetIds`), resolved to inventory resources when they are references. */
export function subnetsIn(
  inventory: Inventory,
  v: SymbolicValue | undefined,
): { subnets: CfnResource[]; unresolved: string[] } {
  const subnets: CfnResource[] = [];
  const unresolved: string[] = [];
  const items = Array.isArray(v) ? (v as readonly SymbolicValue[]) : v === undefined ? [] : [v];
  for (const item of items) {
    const t = item instanceof ResourceRef ? target(inventory, item) : undefined;
    if (t?.type === 'AWS::EC2::Subnet') subnets.push(t);
    else unresolved.push(show(item));
  }
  return { subnets, unresolved };
}
