/**
 * VPC endpoints (`AWS::EC2::VPCEndpoint`): gateway endpoints are entries of route tables, interface endpoints
 * are network interfaces in subnets.
 */
import type { CfnResource } from '../../../inventory/model.js';
import { isSymbolic } from '../../../inventory/values.js';
import { attachmentOf } from './attachment.js';
import type { AwsBuildContext } from './context.js';
import { securityGroupKeys, subnetKeys } from './references.js';
import { list, str, target } from './values.js';

export function addVpcEndpoint(r: CfnResource, context: AwsBuildContext): void {
  const p = r.properties;
  // CloudFormation's default endpoint type is Gateway.
  if ((str(p.VpcEndpointType) ?? 'Gateway') === 'Gateway') {
    addGatewayEndpoint(r, context);
    return;
  }
  context.model.attachments.set(
    r.key,
    attachmentOf(r, 'interface-endpoint', {
      securityGroups: securityGroupKeys(context, p.SecurityGroupIds),
      subnets: subnetKeys(context, p.SubnetIds),
    }),
  );
}

function addGatewayEndpoint(r: CfnResource, { model }: AwsBuildContext): void {
  const p = r.properties;
  const service =
    typeof p.ServiceName === 'string'
      ? p.ServiceName
      : isSymbolic(p.ServiceName)
        ? String(p.ServiceName)
        : '';
  for (const table of list(p.RouteTableIds)) {
    const t = model.routeTables.get(target(table) ?? '');
    // An unresolved region reads `<region>`: queries match the service by its last part.
    if (t)
      t.gatewayEndpoints.push({
        key: r.key,
        service: service.replace(/\$\{\?AWS::Region\}|\$\{\?\}/, '<region>'),
      });
  }
}
