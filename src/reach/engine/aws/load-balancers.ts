/** Application and Network Load Balancers (`AWS::ElasticLoadBalancingV2::LoadBalancer`). */
import type { CfnResource } from '../../../inventory/model.js';
import type { SymbolicValue } from '../../../inventory/values.js';
import { isPlainObject } from '../../../inventory/values.js';
import { attachmentOf } from './attachment.js';
import type { AwsBuildContext } from './context.js';
import { securityGroupKeys, subnetKeys } from './references.js';
import { list, str } from './values.js';

export function addLoadBalancer(r: CfnResource, context: AwsBuildContext): void {
  const p = r.properties;
  const subnets =
    p.Subnets !== undefined
      ? p.Subnets
      : list(p.SubnetMappings)
          .map((s) => (isPlainObject(s) ? s.SubnetId : undefined))
          .filter((s): s is SymbolicValue => s !== undefined);
  // CloudFormation's default scheme is internet-facing.
  const scheme = p.Scheme === undefined ? 'internet-facing' : str(p.Scheme);
  context.model.attachments.set(
    r.key,
    attachmentOf(r, 'load-balancer', {
      securityGroups: securityGroupKeys(context, p.SecurityGroups),
      subnets: subnetKeys(context, subnets),
      publicAddress: scheme === 'internet-facing',
    }),
  );
}
