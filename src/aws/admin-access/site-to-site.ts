/**
 * Optional site-to-site VPN to the corporate network: a virtual private gateway, the customer gateway (public
 * IP and BGP ASN) and a dynamically routed IPsec connection. Routes to the on-premises ranges are propagated
 * only into the endpoints tier, where the cluster API's interfaces are (the only on-premises flow in the spec);
 * security groups and network ACLs admit exactly those flows.
 */
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export interface SiteToSiteVpnProps {
  readonly vpc: ec2.Vpc;
  /** Subnets whose route tables learn the on-premises routes. */
  readonly propagateTo: ec2.SubnetSelection;
  readonly customerGatewayIp: string;
  readonly bgpAsn: number;
}

export class SiteToSiteVpn extends Construct {
  readonly connection: ec2.VpnConnection;

  constructor(scope: Construct, id: string, props: SiteToSiteVpnProps) {
    super(scope, id);
    props.vpc.enableVpnGateway({ type: 'ipsec.1', vpnRoutePropagation: [props.propagateTo] });
    this.connection = props.vpc.addVpnConnection('OnPremises', {
      ip: props.customerGatewayIp,
      asn: props.bgpAsn,
    });
  }
}
