/**
 * Gives the CDK VPC exactly the subnet CIDRs of the flow spec's plan (`planSubnets`), instead of letting CDK
 * carve its own: the Kubernetes NetworkPolicies and the network ACLs use the same addresses, so they must agree
 * before anything is deployed.
 */
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';
import type { PlannedSubnet } from '../../flows/index.js';
import { ValidationError } from '../errors.js';

export class PlannedIpAddresses implements ec2.IIpAddresses {
  constructor(
    private readonly vpcCidr: string,
    private readonly plan: readonly PlannedSubnet[],
    /** The construct whose VPC this is, named in the error when the plan lacks a subnet. */
    private readonly scope: IConstruct,
  ) {}

  allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.vpcCidr };
  }

  allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    return {
      allocatedSubnets: input.requestedSubnets.map((request) => {
        const planned = this.plan.find(
          (s) => s.tier === request.configuration.name && s.availabilityZone === request.availabilityZone,
        );
        if (!planned) {
          throw new ValidationError(
            'subnet-not-planned',
            `the subnet plan has no ${request.configuration.name} subnet in ${request.availabilityZone}`,
            this.scope,
          );
        }
        return { cidr: planned.cidr };
      }),
    };
  }
}
