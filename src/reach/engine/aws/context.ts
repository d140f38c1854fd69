/**
 * The state the AWS model builders share while reading one inventory: the model they fill, and lookups into
 * the inventory and into what earlier builders added.
 */
import type { CfnResource, Inventory } from '../../../inventory/model.js';
import type { Range } from '../net.js';
import type {
  AttachmentModel,
  ClientVpnModel,
  ClusterModel,
  NaclModel,
  RouteTableModel,
  SecurityGroupModel,
  SubnetModel,
} from '../model.js';

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

export interface AwsBuildContext {
  readonly model: AwsModel;
  /** Every resource of the inventory by key, conditional ones included. */
  readonly byKey: ReadonlyMap<string, CfnResource>;
  /** EKS cluster key → key of the security group EKS creates for the cluster. */
  readonly clusterSecurityGroups: Map<string, string>;
  /** NAT gateway key → the subnet it sits in. */
  readonly natGatewaySubnets: Map<string, string | undefined>;
  /** The resources of one CloudFormation type that are created unconditionally, in inventory order. */
  of(type: string): readonly CfnResource[];
}

export function createBuildContext(inventory: Inventory): AwsBuildContext {
  const byType = new Map<string, CfnResource[]>();
  for (const r of inventory.cfn) {
    if (r.condition !== true) continue;
    const same = byType.get(r.type);
    if (same) same.push(r);
    else byType.set(r.type, [r]);
  }
  return {
    model: {
      vpcRanges: [],
      subnets: new Map(),
      routeTables: new Map(),
      nacls: new Map(),
      securityGroups: new Map(),
      attachments: new Map(),
      clusters: [],
      clientVpns: [],
      notes: [],
    },
    byKey: new Map(inventory.cfn.map((r) => [r.key, r])),
    clusterSecurityGroups: new Map(),
    natGatewaySubnets: new Map(),
    of: (type) => byType.get(type) ?? [],
  };
}

/** The unconditional resource of `type` under `key`, if the inventory has one. */
export function resourceOfType(
  context: AwsBuildContext,
  key: string | undefined,
  type: string,
): CfnResource | undefined {
  const r = key === undefined ? undefined : context.byKey.get(key);
  return r && r.type === type && r.condition === true ? r : undefined;
}
