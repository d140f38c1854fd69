/** Lambda functions attached to the VPC (`AWS::Lambda::Function` with a `VpcConfig`). */
import type { CfnResource } from '../../../inventory/model.js';
import { isPlainObject } from '../../../inventory/values.js';
import { attachmentOf } from './attachment.js';
import type { AwsBuildContext } from './context.js';
import { securityGroupKeys, subnetKeys } from './references.js';

export function addFunction(r: CfnResource, context: AwsBuildContext): void {
  const vpc = isPlainObject(r.properties.VpcConfig) ? r.properties.VpcConfig : undefined;
  // A function outside the VPC has no interface in it.
  if (!vpc) return;
  context.model.attachments.set(
    r.key,
    attachmentOf(r, 'lambda', {
      securityGroups: securityGroupKeys(context, vpc.SecurityGroupIds),
      subnets: subnetKeys(context, vpc.SubnetIds),
    }),
  );
}
