/** EC2 instances (`AWS::EC2::Instance`). */
import type { CfnResource } from '../../../inventory/model.js';
import { isPlainObject } from '../../../inventory/values.js';
import { attachmentOf } from './attachment.js';
import type { AwsBuildContext } from './context.js';
import { securityGroupKeys, subnetKeys } from './references.js';
import { bool, list } from './values.js';

export function addInstance(r: CfnResource, context: AwsBuildContext): void {
  const { model } = context;
  const subnets =
    r.properties.SubnetId === undefined ? { keys: [] } : subnetKeys(context, r.properties.SubnetId);
  const subnet = subnets.keys[0];
  const publicIp = list(r.properties.NetworkInterfaces).some(
    (n) => isPlainObject(n) && bool(n.AssociatePublicIpAddress) === true,
  );
  model.attachments.set(
    r.key,
    attachmentOf(r, 'instance', {
      securityGroups: securityGroupKeys(context, r.properties.SecurityGroupIds),
      subnets,
      publicAddress: publicIp || (subnet ? model.subnets.get(subnet)?.mapPublicIp === true : false),
      linux: true,
    }),
  );
}
