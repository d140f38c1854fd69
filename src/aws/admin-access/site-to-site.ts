/**
 * Optional site-to-site VPN to the corporate network: a virtual private gateway, the customer gateway (public
 * IP and BGP ASN), an IPsec connection with static routes to the on-premises ranges, and a Route 53 Resolver
 * inbound endpoint so the corporate DNS servers can resolve the cluster API's private name.
 *
 * The routes are static and written into the template: the on-premises ranges go to the gateway from the
 * endpoints tier's route tables only, where the cluster API's interfaces and the resolver endpoint are (the only
 * on-premises flows in the spec). Routes learned over BGP would depend on what the corporate router announces,
 * which neither the template nor the verifier can know; with static routes the reachability proof covers
 * exactly the ranges that are routed. Security groups and network ACLs admit exactly those flows.
 */
import { Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import { TAG_COMPONENT } from '../../contract/keys.js';

export interface SiteToSiteVpnProps {
  /** Names the resolver endpoint (the blueprint name). */
  readonly name: string;
  readonly vpc: ec2.IVpc;
  /** Subnets whose route tables get the on-premises routes, and where the resolver endpoint lives. */
  readonly endpointSubnets: ec2.SubnetSelection;
  readonly customerGatewayIp: string;
  readonly bgpAsn: number;
  /** The on-premises ranges routed over the tunnel. */
  readonly onPremisesCidrs: readonly string[];
  /** The `dns-resolver` security group generated from the flow spec (DNS from the on-premises ranges only). */
  readonly resolverSecurityGroup: ec2.ISecurityGroup;
}

export class SiteToSiteVpn extends Construct {
  readonly gateway: ec2.CfnVPNGateway;
  readonly connection: ec2.CfnVPNConnection;
  /** The inbound endpoint the corporate DNS servers forward the cluster's zone to. */
  readonly resolverEndpoint: route53resolver.CfnResolverEndpoint;

  constructor(scope: Construct, id: string, props: SiteToSiteVpnProps) {
    super(scope, id);
    this.gateway = new ec2.CfnVPNGateway(this, 'Gateway', { type: 'ipsec.1' });
    const attachment = new ec2.CfnVPCGatewayAttachment(this, 'Attachment', {
      vpcId: props.vpc.vpcId,
      vpnGatewayId: this.gateway.ref,
    });
    const customerGateway = new ec2.CfnCustomerGateway(this, 'CustomerGateway', {
      type: 'ipsec.1',
      ipAddress: props.customerGatewayIp,
      bgpAsn: props.bgpAsn,
    });
    this.connection = new ec2.CfnVPNConnection(this, 'Connection', {
      type: 'ipsec.1',
      customerGatewayId: customerGateway.ref,
      vpnGatewayId: this.gateway.ref,
      staticRoutesOnly: true,
    });
    const subnets = props.vpc.selectSubnets(props.endpointSubnets).subnets;
    props.onPremisesCidrs.forEach((cidr, i) => {
      new ec2.CfnVPNConnectionRoute(this, `ConnectionRoute${i}`, {
        vpnConnectionId: this.connection.ref,
        destinationCidrBlock: cidr,
      });
      subnets.forEach((subnet, j) => {
        const route = new ec2.CfnRoute(this, `Route${i}Subnet${j}`, {
          routeTableId: subnet.routeTable.routeTableId,
          destinationCidrBlock: cidr,
          gatewayId: this.gateway.ref,
        });
        // A route to a virtual private gateway is accepted only once the gateway is attached to the VPC.
        route.node.addDependency(attachment);
      });
    });

    this.resolverEndpoint = new route53resolver.CfnResolverEndpoint(this, 'InboundResolver', {
      name: `${props.name}-on-premises`,
      direction: 'INBOUND',
      ipAddresses: subnets.map((subnet) => ({ subnetId: subnet.subnetId })),
      securityGroupIds: [props.resolverSecurityGroup.securityGroupId],
    });
    Tags.of(this.resolverEndpoint).add(TAG_COMPONENT, 'dns-resolver');
  }
}
