/**
 * EKS clusters (`AWS::EKS::Cluster`): the control plane's interfaces, the security group EKS creates for them,
 * and the API endpoint's access settings.
 */
import type { CfnResource } from '../../../inventory/model.js';
import { isPlainObject } from '../../../inventory/values.js';
import type { SecurityGroupModel } from '../model.js';
import { cidrRange, type Range } from '../net.js';
import { attachmentOf } from './attachment.js';
import type { AwsBuildContext } from './context.js';
import { securityGroupKeys, subnetKeys } from './references.js';
import { allowAllEgress } from './security-groups.js';
import { bool, list, str } from './values.js';

export function addCluster(r: CfnResource, context: AwsBuildContext): void {
  const { model } = context;
  const vpc = isPlainObject(r.properties.ResourcesVpcConfig) ? r.properties.ResourcesVpcConfig : {};
  const groups = securityGroupKeys(context, vpc.SecurityGroupIds);
  const own = clusterSecurityGroup(r.key);
  model.securityGroups.set(own.key, own);
  context.clusterSecurityGroups.set(r.key, own.key);
  model.attachments.set(
    r.key,
    attachmentOf(r, 'cluster', {
      securityGroups: { ...groups, keys: [...groups.keys, own.key] },
      subnets: subnetKeys(context, vpc.SubnetIds),
    }),
  );
  const publicCidrs =
    vpc.PublicAccessCidrs === undefined
      ? ['0.0.0.0/0']
      : list(vpc.PublicAccessCidrs).map((c) => str(c) ?? '?');
  model.clusters.push({
    key: r.key,
    // EKS defaults: public endpoint on, private endpoint off.
    publicAccess: vpc.EndpointPublicAccess === undefined ? true : bool(vpc.EndpointPublicAccess),
    privateAccess: vpc.EndpointPrivateAccess === undefined ? false : bool(vpc.EndpointPrivateAccess),
    publicCidrs: publicCidrs.map((c) => cidrRange(c)).filter((c): c is Range => c !== undefined),
    publicCidrText: publicCidrs,
    attachment: r.key,
  });
}

/** EKS adds its own cluster security group (all traffic from itself, all egress) to the control plane's interfaces. */
function clusterSecurityGroup(clusterKey: string): SecurityGroupModel {
  const key = `${clusterKey}#ClusterSecurityGroup`;
  const source = `${key} (created by EKS)`;
  return {
    key,
    name: 'EKS cluster security group',
    rules: [
      {
        direction: 'ingress',
        protocol: 'all',
        fromPort: 0,
        toPort: 65535,
        peer: { kind: 'sg', group: key },
        source,
      },
      allowAllEgress(source),
    ],
  };
}
