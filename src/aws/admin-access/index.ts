/**
 * Administrative access (blueprint `adminAccess`): the Client VPN, an optional site-to-site VPN, and the
 * MFA-only administrator roles with their EKS access entries.
 */
import type * as logs from 'aws-cdk-lib/aws-logs';
import { parseCidr } from '../../blueprint/cidr.js';
import type { VectorfortStack } from '../stack.js';
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

export function addAdminAccess(stack: VectorfortStack): AdminAccess {
  const bp = stack.blueprint;
  const access = bp.adminAccess;
  const spec = stack.flowSpec;
  let vpn: AdminVpn | undefined;
  if (access.clientVpn.enabled) {
    const c = access.clientVpn;
    const internalAlb = bp.exposure === 'alb' && bp.edge.scheme === 'internal';
    const tiers = internalAlb ? ['endpoints', 'application'] : ['endpoints'];
    vpn = new AdminVpn(stack, 'AdminVpn', {
      vpc: stack.network.vpc,
      tags: { ...stack.blueprint.tags, 'vectorfort:blueprint': stack.blueprint.name },
      subnets: stack.network.subnets('application'),
      securityGroup: stack.network.securityGroups.securityGroup('vpn-endpoint'),
      clientCidr: c.clientCidr,
      serverCertificateArn: c.serverCertificateArn,
      clientRootCertificateArn: c.clientRootCertificateArn,
      samlProviderArn: c.samlProviderArn,
      authorizedGroups: c.authorizedGroups,
      authorizedCidrs: spec.subnets.filter((s) => tiers.includes(s.tier)).map((s) => s.cidr),
      dnsServers: [vpcResolver(bp.network.vpcCidr)],
      sessionTimeoutHours: c.sessionTimeoutHours,
      splitTunnel: c.splitTunnel,
      logsKey: stack.keys.key('logs'),
      logGroupName: `/vectorfort/${bp.name}/client-vpn`,
      logRetention: c.logRetentionDays as logs.RetentionDays,
    });
  }
  const s2s = access.siteToSiteVpn;
  const siteToSite =
    s2s.enabled && s2s.customerGatewayIp
      ? new SiteToSiteVpn(stack, 'SiteToSiteVpn', {
          vpc: stack.network.vpc,
          propagateTo: stack.network.subnets('endpoints'),
          customerGatewayIp: s2s.customerGatewayIp,
          bgpAsn: s2s.bgpAsn,
        })
      : undefined;
  const roles = access.roles.enabled
    ? new AdminRoles(stack, 'AdminRoles', {
        name: bp.name,
        cluster: stack.cluster.cluster,
        trustedPrincipalArns: access.roles.trustedPrincipalArns,
      })
    : undefined;
  return { vpn, siteToSite, roles };
}

/** The Amazon-provided DNS resolver: the VPC's base address plus two. */
export function vpcResolver(vpcCidr: string): string {
  const parsed = parseCidr(vpcCidr);
  if (!parsed) throw new RangeError(`not an IPv4 CIDR: ${vpcCidr}`);
  const base = parsed.base + 2;
  return [24, 16, 8, 0].map((shift) => (base >>> shift) & 255).join('.');
}
