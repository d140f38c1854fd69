/**
 * Client VPN endpoints (`AWS::EC2::ClientVpnEndpoint`) with their subnets
 * (`AWS::EC2::ClientVpnTargetNetworkAssociation`) and authorization rules (`AWS::EC2::ClientVpnAuthorizationRule`).
 */
import type { CfnResource } from '../../../inventory/model.js';
import { cidrRange } from '../net.js';
import { attachmentOf } from './attachment.js';
import type { AwsBuildContext } from './context.js';
import { securityGroupKeys, subnetKeys } from './references.js';
import { tagSpecificationTags, tagsOf } from './tags.js';
import { str, target } from './values.js';

export function addClientVpn(r: CfnResource, context: AwsBuildContext): void {
  const { model } = context;
  // A subnet no template of the input defines (an existing VPC's) is named as such, never dropped.
  const subnets = subnetKeys(
    context,
    partsOf(context, 'AWS::EC2::ClientVpnTargetNetworkAssociation', r.key).map((a) => a.properties.SubnetId),
  );
  model.attachments.set(
    r.key,
    attachmentOf(r, 'client-vpn', {
      securityGroups: securityGroupKeys(context, r.properties.SecurityGroupIds),
      subnets,
      tags: { ...tagsOf(r), ...tagSpecificationTags(r.properties.TagSpecifications) },
    }),
  );
  const authorized = partsOf(context, 'AWS::EC2::ClientVpnAuthorizationRule', r.key).flatMap((a) => {
    const text = str(a.properties.TargetNetworkCidr) ?? '';
    const range = cidrRange(text);
    return range ? [{ key: a.key, range, text }] : [];
  });
  model.clientVpns.push({
    key: r.key,
    clientRange: cidrRange(str(r.properties.ClientCidrBlock) ?? ''),
    attachment: r.key,
    authorized,
  });
}

/** The resources of `type` that belong to the endpoint `endpointKey`. */
function partsOf(context: AwsBuildContext, type: string, endpointKey: string): readonly CfnResource[] {
  return context.of(type).filter((a) => target(a.properties.ClientVpnEndpointId) === endpointKey);
}
