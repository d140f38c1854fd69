/**
 * The enclave's IPv6: an Amazon-provided /56 on the VPC, a /64 on each subnet of the tiers that dial the control
 * plane (application and data), an egress-only internet gateway with `::/0` routes from those tiers only, and
 * the security group and network ACL entries that admit the control plane's ranges on its ports and nothing
 * else. The VPC is built IPv4-only and isolated (network.ts) and gets its IPv6 here, in the open, rather than
 * through CDK's dual-stack mode, which would add an internet gateway for any non-isolated subnet.
 */
import { Fn, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { FlowSpec } from '../../flows/index.js';
import type { FlowNetworkAcls } from '../network-acls.js';
import type { FlowSecurityGroups } from '../flow-security-groups.js';
import { acknowledgeNag } from '../nag.js';
import { acknowledgeControl } from '../acknowledge-control.js';

/** Tiers with IPv6 addresses and a route to the egress-only gateway. */
export const IPV6_EGRESS_TIERS = ['application', 'data'] as const;
type Ipv6Tier = (typeof IPV6_EGRESS_TIERS)[number];

/**
 * Network ACL entries of our own start here, above the flow spec's IPv4 entries (100, 110, …) and below the
 * 32766 AWS allows.
 */
const FIRST_IPV6_RULE = 30000;

export interface EnclaveIpv6Props {
  readonly vpc: ec2.Vpc;
  readonly flowSpec: FlowSpec;
  readonly securityGroups: FlowSecurityGroups;
  readonly networkAcls: FlowNetworkAcls;
  /** Subnets of each tier that gets IPv6. */
  readonly tierSubnets: Readonly<Record<Ipv6Tier, readonly ec2.ISubnet[]>>;
  /** Id of the component the flows to the control plane go to. @default 'control-plane' */
  readonly controlPlaneComponent?: string;
}

export class EnclaveIpv6 extends Construct {
  readonly egressOnlyGateway: ec2.CfnEgressOnlyInternetGateway;

  constructor(scope: Construct, id: string, props: EnclaveIpv6Props) {
    super(scope, id);
    const block = new ec2.CfnVPCCidrBlock(this, 'Ipv6Block', {
      vpcId: props.vpc.vpcId,
      amazonProvidedIpv6CidrBlock: true,
    });
    this.egressOnlyGateway = new ec2.CfnEgressOnlyInternetGateway(this, 'EgressOnlyGateway', {
      vpcId: props.vpc.vpcId,
    });
    Tags.of(this.egressOnlyGateway).add('Name', `${props.flowSpec.name}-egress-only`);
    // The /64s are numbered across the tiers so no two subnets share one.
    const vpcBlock = Fn.select(0, props.vpc.vpcIpv6CidrBlocks);
    let index = 0;
    for (const tier of IPV6_EGRESS_TIERS)
      for (const subnet of props.tierSubnets[tier]) {
        const cfn = subnet.node.defaultChild as ec2.CfnSubnet;
        cfn.ipv6CidrBlock = Fn.select(index++, Fn.cidr(vpcBlock, 256, '64'));
        cfn.assignIpv6AddressOnCreation = true;
        cfn.addDependency(block);
        acknowledgeNag(
          cfn,
          'NIST.800.53.R5-VPCSubnetAutoAssignPublicIpDisabled',
          'The hosts get global IPv6 addresses to dial the control plane; the only IPv6 route is to the egress-only gateway, which admits no connection from outside (proved by VF-REACH-030).',
        );
        // Routes to the control plane's ranges only, not ::/0: the route table is a layer of its own, so an
        // opened security group or ACL still finds no path to any other IPv6 address.
        controlPlaneCidrs(props).forEach((cidr, i) => {
          const route = new ec2.CfnRoute(subnet, `Ipv6ControlPlaneRoute${i}`, {
            routeTableId: subnet.routeTable.routeTableId,
            destinationIpv6CidrBlock: cidr,
            egressOnlyInternetGatewayId: this.egressOnlyGateway.ref,
          });
          route.addDependency(block);
        });
        if (tier === 'data')
          acknowledgeControl(
            subnet,
            'VF-NETWORK-004',
            "Enclave: the data tier's only route out is to the control plane's IPv6 ranges through the egress-only gateway (the channel the enclave runs on); VF-REACH-031 proves no other address is reachable",
          );
      }
    this.admitControlPlane(props);
  }

  /**
   * Network ACL entries for the flows to the control plane, IPv6 ranges only (the security groups' rules come
   * from the flow spec like every other).
   */
  private admitControlPlane(props: EnclaveIpv6Props): void {
    const target = props.controlPlaneComponent ?? 'control-plane';
    const cidrs = controlPlaneCidrs(props);
    const flows = props.flowSpec.flows.filter((f) => f.to === target);
    const ports = [...new Set(flows.map((f) => f.port))].sort((a, b) => a - b);
    for (const tier of IPV6_EGRESS_TIERS) {
      const acl = props.networkAcls.networkAcl(tier);
      let rule = FIRST_IPV6_RULE;
      for (const cidr of cidrs) {
        for (const port of ports)
          acl.addEntry(`Ipv6Out${rule}`, {
            ruleNumber: rule++,
            cidr: ec2.AclCidr.ipv6(cidr),
            traffic: ec2.AclTraffic.tcpPort(port),
            direction: ec2.TrafficDirection.EGRESS,
            ruleAction: ec2.Action.ALLOW,
          });
        // The control plane's answers come back to the hosts' ephemeral ports (stateless ACL).
        acl.addEntry(`Ipv6In${rule}`, {
          ruleNumber: rule++,
          cidr: ec2.AclCidr.ipv6(cidr),
          traffic: ec2.AclTraffic.tcpPortRange(1024, 65535),
          direction: ec2.TrafficDirection.INGRESS,
          ruleAction: ec2.Action.ALLOW,
        });
      }
    }
  }
}

function controlPlaneCidrs(props: EnclaveIpv6Props): readonly string[] {
  const target = props.controlPlaneComponent ?? 'control-plane';
  return props.flowSpec.components.find((c) => c.id === target)?.cidrs ?? [];
}
