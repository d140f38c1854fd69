/**
 * Administrative access (blueprint `adminAccess`): the Client VPN, an optional site-to-site VPN, and the
 * MFA-only administrator roles with their EKS access entries.
 */
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct, IConstruct } from 'constructs';
import { parseCidr } from '../../blueprint/cidr.js';
import { ValidationError } from '../errors.js';
import { AdminRoles } from './admin-roles.js';
import { AdminVpn } from './client-vpn.js';
import { SiteToSiteVpn } from './site-to-site.js';

export { AdminVpn, type AdminVpnProps } from './client-vpn.js';
export {
  AdminRoles,
  ADMIN_ROLE_POLICIES,
  ADMIN_SESSION_SECONDS,
  type AdminRolesProps,
} from './admin-roles.js';
export { SiteToSiteVpn, type SiteToSiteVpnProps } from './site-to-site.js';

export interface AdminAccess {
  readonly vpn?: AdminVpn;
  readonly siteToSite?: SiteToSiteVpn;
  readonly roles?: AdminRoles;
}

/** The Client VPN as the blueprint configures it; the network parts come from the stack. */
export interface ClientVpnOptions {
  readonly clientCidr: string;
  readonly serverCertificateArn: string;
  readonly clientRootCertificateArn: string;
  /** @default - mutual TLS only */
  readonly samlProviderArn?: string;
  /** IdP groups allowed in. @default [] */
  readonly authorizedGroups?: readonly string[];
  /** Destinations clients may reach (the endpoints tier, and the application tier with an internal ALB). */
  readonly authorizedCidrs: readonly string[];
  /** @default 8 */
  readonly sessionTimeoutHours?: 8 | 10 | 12 | 24;
  /** @default true */
  readonly splitTunnel?: boolean;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** The `vpn-endpoint` security group generated from the flow spec. */
  readonly securityGroup: ec2.ISecurityGroup;
}

export interface AdminAccessProps {
  /** Prefix of the role and log group names (the blueprint name). */
  readonly name: string;
  readonly vpc: ec2.IVpc;
  /** The VPC's range; the clients' DNS server is its resolver (base address plus two). */
  readonly vpcCidr: string;
  /** Subnets the Client VPN associates with (the application tier). */
  readonly applicationSubnets: ec2.SubnetSelection;
  /** Subnets that route to the on-premises ranges and hold the resolver endpoint (the endpoints tier). */
  readonly endpointSubnets: ec2.SubnetSelection;
  /** Key of the Client VPN's connection log group. */
  readonly logsKey: kms.IKey;
  /** Tags of the Client VPN endpoint, which takes them only through TagSpecifications. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** @default - no Client VPN */
  readonly clientVpn?: ClientVpnOptions;
  /** @default - no site-to-site VPN */
  readonly siteToSiteVpn?: {
    readonly customerGatewayIp: string;
    readonly bgpAsn: number;
    readonly onPremisesCidrs: readonly string[];
    /** The `dns-resolver` security group generated from the flow spec. */
    readonly resolverSecurityGroup: ec2.ISecurityGroup;
  };
  /** The MFA-only admin and read-only roles with their access entries. @default - no roles */
  readonly roles?: {
    readonly cluster: eks.Cluster;
    /** @default - the account */
    readonly trustedPrincipalArns?: readonly string[];
  };
}

/** Builds the administrative access in `scope` (the stack: each part keeps its own construct id there). */
export function addAdminAccess(scope: Construct, props: AdminAccessProps): AdminAccess {
  const c = props.clientVpn;
  const vpn = c
    ? new AdminVpn(scope, 'AdminVpn', {
        vpc: props.vpc,
        tags: props.tags,
        subnets: props.applicationSubnets,
        securityGroup: c.securityGroup,
        clientCidr: c.clientCidr,
        serverCertificateArn: c.serverCertificateArn,
        clientRootCertificateArn: c.clientRootCertificateArn,
        samlProviderArn: c.samlProviderArn,
        authorizedGroups: c.authorizedGroups,
        authorizedCidrs: c.authorizedCidrs,
        dnsServers: [vpcResolver(props.vpcCidr, scope)],
        sessionTimeoutHours: c.sessionTimeoutHours,
        splitTunnel: c.splitTunnel,
        logsKey: props.logsKey,
        logGroupName: `/vectorfort/${props.name}/client-vpn`,
        logRetention: c.logRetention,
      })
    : undefined;
  const s2s = props.siteToSiteVpn;
  const siteToSite = s2s
    ? new SiteToSiteVpn(scope, 'SiteToSiteVpn', {
        name: props.name,
        vpc: props.vpc,
        endpointSubnets: props.endpointSubnets,
        customerGatewayIp: s2s.customerGatewayIp,
        bgpAsn: s2s.bgpAsn,
        onPremisesCidrs: s2s.onPremisesCidrs,
        resolverSecurityGroup: s2s.resolverSecurityGroup,
      })
    : undefined;
  const roles = props.roles
    ? new AdminRoles(scope, 'AdminRoles', {
        name: props.name,
        cluster: props.roles.cluster,
        trustedPrincipalArns: props.roles.trustedPrincipalArns,
      })
    : undefined;
  return { vpn, siteToSite, roles };
}

/** The Amazon-provided DNS resolver: the VPC's base address plus two. */
export function vpcResolver(vpcCidr: string, scope: IConstruct): string {
  const parsed = parseCidr(vpcCidr);
  if (!parsed)
    throw new ValidationError('vpc-cidr-not-ipv4', `vpcCidr must be an IPv4 CIDR, got ${vpcCidr}`, scope);
  const base = parsed.base + 2;
  return [24, 16, 8, 0].map((shift) => (base >>> shift) & 255).join('.');
}
