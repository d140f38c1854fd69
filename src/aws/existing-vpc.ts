/**
 * The blueprint's `network.existingVpc` as CDK references: the VPC and each tier's subnets imported by id, with
 * the ranges and zones the blueprint states, so synthesis looks nothing up and the subnets' CIDRs are the ones
 * the flow spec (and so the NetworkPolicies) use.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct, IConstruct } from 'constructs';
import { EXISTING_VPC_TIERS, existingSubnetsOf, type ExistingVpc } from '../blueprint/index.js';
import { acknowledgeControl } from './acknowledge-control.js';
import type { ExistingVpcNetwork } from './network.js';

export function importExistingVpc(scope: Construct, vpc: ExistingVpc, vpcCidr: string): ExistingVpcNetwork {
  const subnets = Object.fromEntries(
    EXISTING_VPC_TIERS.map((tier) => [
      tier,
      existingSubnetsOf(vpc, tier).map((s) =>
        ec2.Subnet.fromSubnetAttributes(scope, `ExistingSubnet-${s.id}`, {
          subnetId: s.id,
          availabilityZone: s.availabilityZone,
          ipv4CidrBlock: s.cidr,
        }),
      ),
    ]),
  ) as unknown as ExistingVpcNetwork['subnets'];
  const zones = [
    ...new Set(EXISTING_VPC_TIERS.flatMap((t) => existingSubnetsOf(vpc, t).map((s) => s.availabilityZone))),
  ];
  return {
    vpc: ec2.Vpc.fromVpcAttributes(scope, 'ExistingVpc', {
      vpcId: vpc.vpcId,
      vpcCidrBlock: vpcCidr,
      availabilityZones: zones.sort(),
    }),
    subnets,
  };
}

/**
 * With the blueprint's acknowledgement, the node groups carry it for VF-EKS-009: whether their subnets route
 * to the internet is decided by the existing VPC's route tables, which no template of ours holds.
 */
export function acknowledgeExistingVpcSubnets(nodeGroups: readonly IConstruct[], vpc: ExistingVpc): void {
  if (!vpc.acknowledgement) return;
  for (const group of nodeGroups)
    acknowledgeControl(
      group,
      'VF-EKS-009',
      `network.existingVpc.acknowledgement, set in the blueprint: the route tables of ${vpc.vpcId}'s data subnets are outside these templates: ${vpc.acknowledgement}`,
    );
}
