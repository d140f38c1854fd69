/**
 * Route 53 Resolver endpoints (`AWS::Route53Resolver::ResolverEndpoint`): network interfaces in the subnets of
 * their IP addresses, behind their security groups. An inbound endpoint answers DNS from the networks that
 * reach those interfaces (an on-premises network over VPN, peered VPCs).
 */
import type { CfnResource } from '../../../inventory/model.js';
import { getPath } from '../../../inventory/values.js';
import { attachmentOf } from './attachment.js';
import type { AwsBuildContext } from './context.js';
import { securityGroupKeys, subnetKeys } from './references.js';
import { list } from './values.js';

export function addResolverEndpoint(r: CfnResource, context: AwsBuildContext): void {
  const p = r.properties;
  const subnetIds = list(p.IpAddresses).map((address) => getPath(address, 'SubnetId'));
  context.model.attachments.set(
    r.key,
    attachmentOf(r, 'resolver-endpoint', {
      securityGroups: securityGroupKeys(context, p.SecurityGroupIds),
      subnets: subnetKeys(
        context,
        subnetIds.filter((s) => s !== undefined),
      ),
    }),
  );
}
