/**
 * One network ACL per tier, generated from the flow spec (see private/acl-plan.ts for the layout and the S3
 * trade-off). Replaces the VPC's default ACL on every subnet, so no subnet keeps the allow-all default.
 */
import { Annotations, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { FlowSpec } from '../flows/index.js';
import { acknowledgeNag } from './nag.js';
import {
  NACL_ENTRY_QUOTA,
  planNetworkAcls,
  type AclEntry,
  type TierAcl,
  type VpcTier,
} from './private/acl-plan.js';

export interface FlowNetworkAclsProps {
  readonly vpc: ec2.IVpc;
  /** The flow spec: its subnet plan and the flows enforced with the `network-acl` layer. */
  readonly flowSpec: FlowSpec;
  /** Subnets of each tier. */
  readonly tierSubnets: Readonly<Record<VpcTier, ec2.SubnetSelection>>;
  /**
   * Tiers whose default route goes to a NAT gateway (their internet-bound flows also cross the public tier).
   * @default ['application']
   */
  readonly natTiers?: readonly VpcTier[];
}

export class FlowNetworkAcls extends Construct {
  /** The entries of each tier, as generated. */
  readonly plan: readonly TierAcl[];
  private readonly acls = new Map<VpcTier, ec2.NetworkAcl>();

  constructor(scope: Construct, id: string, props: FlowNetworkAclsProps) {
    super(scope, id);
    this.plan = planNetworkAcls(props.flowSpec, { natTiers: props.natTiers ?? ['application'], scope: this });
    for (const tier of this.plan) {
      const acl = new ec2.NetworkAcl(this, pascal(tier.tier), {
        vpc: props.vpc,
        subnetSelection: props.tierSubnets[tier.tier],
      });
      Tags.of(acl).add('Name', `${props.flowSpec.name}-${tier.tier}`);
      Tags.of(acl).add('vectorfort:tier', tier.tier);
      acknowledgeNag(
        acl,
        'AwsSolutions-VPC3',
        'Deliberate: network ACLs generated from the flow spec are the stateless second layer between tiers, next to the security groups.',
      );
      for (const direction of ['ingress', 'egress'] as const) {
        const entries = tier[direction];
        if (entries.length > NACL_ENTRY_QUOTA) {
          Annotations.of(acl).addWarningV2(
            'vectorfort:naclQuota',
            `the ${tier.tier} tier needs ${entries.length} ${direction} entries; the default quota is ${NACL_ENTRY_QUOTA} (raise "Rules per network ACL" before deploying)`,
          );
        }
        for (const entry of entries) addEntry(acl, direction, entry);
      }
      this.acls.set(tier.tier, acl);
    }
  }

  /** The network ACL of a tier. */
  networkAcl(tier: VpcTier): ec2.NetworkAcl {
    return this.acls.get(tier)!;
  }
}

function addEntry(acl: ec2.NetworkAcl, direction: 'ingress' | 'egress', entry: AclEntry): void {
  const traffic =
    entry.protocol === 'all'
      ? ec2.AclTraffic.allTraffic()
      : entry.protocol === 'tcp'
        ? ec2.AclTraffic.tcpPortRange(entry.fromPort, entry.toPort)
        : ec2.AclTraffic.udpPortRange(entry.fromPort, entry.toPort);
  acl.addEntry(`${direction === 'ingress' ? 'In' : 'Out'}${entry.ruleNumber}`, {
    ruleNumber: entry.ruleNumber,
    cidr: ec2.AclCidr.ipv4(entry.cidr),
    traffic,
    direction: direction === 'ingress' ? ec2.TrafficDirection.INGRESS : ec2.TrafficDirection.EGRESS,
    ruleAction: entry.action === 'allow' ? ec2.Action.ALLOW : ec2.Action.DENY,
  });
}

function pascal(id: string): string {
  return id[0]!.toUpperCase() + id.slice(1);
}
