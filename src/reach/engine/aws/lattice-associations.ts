/**
 * A VPC Lattice service network's association with a VPC (`AWS::VpcLattice::ServiceNetworkVpcAssociation`).
 * Clients of the VPC reach the service network at link-local addresses that every subnet of the VPC routes
 * locally, and the association's security groups decide which of them may (ingress on the listener ports). So
 * the association is modelled as an attachment in every subnet of its VPC that the input defines, behind its
 * security groups; a VPC from outside the input leaves the subnets undetermined.
 */
import type { CfnResource } from '../../../inventory/model.js';
import { attachmentOf } from './attachment.js';
import type { AwsBuildContext } from './context.js';
import { securityGroupKeys } from './references.js';
import { describeValue, outsideTheInput, target } from './values.js';

export function addLatticeVpcAssociation(r: CfnResource, context: AwsBuildContext): void {
  const p = r.properties;
  const vpc = target(p.VpcIdentifier);
  const subnets = vpc
    ? [...context.model.subnets.keys()].filter(
        (key) => target(context.byKey.get(key)?.properties.VpcId) === vpc,
      )
    : [];
  const subnetUnknown =
    p.VpcIdentifier === undefined
      ? `${r.key} names no VpcIdentifier`
      : !vpc || context.byKey.get(vpc)?.type !== 'AWS::EC2::VPC'
        ? outsideTheInput('VPC', p.VpcIdentifier)
        : subnets.length === 0
          ? `no subnet of the input is in VPC ${describeValue(p.VpcIdentifier)}`
          : undefined;
  context.model.attachments.set(
    r.key,
    attachmentOf(r, 'lattice-association', {
      securityGroups: securityGroupKeys(context, p.SecurityGroupIds),
      subnets: subnetUnknown ? { keys: subnets, unknown: subnetUnknown } : { keys: subnets },
    }),
  );
}
