/** Reading VPC endpoints: which service an endpoint serves and which VPCs host EKS. */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { SymbolicString } from '../../inventory/values.js';
import { prop, referencing, resourcesOfType, stringOf } from './cfn.js';
import { subnetsIn, vpcOf } from './topology.js';

/** The service suffix of an endpoint (`ecr.api` for `com.amazonaws.${AWS::Region}.ecr.api`), when determined. */
export function endpointService(endpoint: CfnResource): string | undefined {
  const name = prop(endpoint, 'ServiceName');
  const text = typeof name === 'string' ? name : name instanceof SymbolicString ? name.toString() : undefined;
  if (text === undefined) return undefined;
  // com.amazonaws.<region>.<service>; the region part may be symbolic.
  const m = /^(?:aws\.api\.)?(?:[a-z0-9-]+\.)?com\.amazonaws\.(?:\$\{[^}]*\}|[a-z0-9-]+)\.(.+)$/.exec(text);
  return m?.[1];
}

/** `Gateway` unless the template says otherwise (the CloudFormation default). */
export function endpointType(endpoint: CfnResource): string {
  const t = stringOf(prop(endpoint, 'VpcEndpointType'));
  return typeof t === 'string' ? t : 'Gateway';
}

/** Endpoints in a VPC. */
export function endpointsIn(inventory: Inventory, vpc: CfnResource): CfnResource[] {
  return referencing(inventory, 'AWS::EC2::VPCEndpoint', 'VpcId', vpc).matches;
}

/** VPCs that host EKS node groups or cluster network interfaces, with what is there. */
export function eksVpcs(inventory: Inventory): Map<string, { vpc: CfnResource; hosts: string[] }> {
  const found = new Map<string, { vpc: CfnResource; hosts: string[] }>();
  const add = (subnet: CfnResource, host: string) => {
    const vpc = vpcOf(inventory, subnet);
    if (!vpc) return;
    const entry = found.get(vpc.key) ?? { vpc, hosts: [] };
    if (!entry.hosts.includes(host)) entry.hosts.push(host);
    found.set(vpc.key, entry);
  };
  for (const ng of resourcesOfType(inventory, 'AWS::EKS::Nodegroup'))
    for (const s of subnetsIn(inventory, prop(ng, 'Subnets')).subnets) add(s, ng.key);
  for (const c of resourcesOfType(inventory, 'AWS::EKS::Cluster'))
    for (const s of subnetsIn(inventory, prop(c, 'ResourcesVpcConfig.SubnetIds')).subnets) add(s, c.key);
  // Self-managed nodes: launch templates are not tied to subnets, but auto scaling groups are.
  for (const asg of resourcesOfType(inventory, 'AWS::AutoScaling::AutoScalingGroup'))
    for (const s of subnetsIn(inventory, prop(asg, 'VPCZoneIdentifier')).subnets) add(s, asg.key);
  return found;
}
