/**
 * Administrators: on AWS Client VPN (mutual TLS) and, optionally, from the corporate network over
 * site-to-site VPN. They reach the Kubernetes API, and an internal ALB when there is one. The corporate network
 * resolves the API's private name through a Route 53 Resolver inbound endpoint (its DNS servers forward the
 * cluster's zone there); Client VPN clients use the VPC's resolver directly.
 */
import { flow, type Capability } from '../capability.js';
import type { ComponentId } from '../ids.js';
import { NETWORK_LAYERS } from '../layers.js';
import type { Component, Flow } from '../types.js';
import { DNS_PORT, HTTPS_PORT } from '../well-known.js';
import { ALB_TLS, DNS_PLAINTEXT, KUBE_API_TLS } from '../protection.js';

export const adminAccess: Capability = ({ blueprint }) => {
  const { clientVpn, siteToSiteVpn } = blueprint.adminAccess;
  const components: Component<ComponentId>[] = [];
  const toInternalAlb: Flow<ComponentId>[] = [];
  const toApi: Flow<ComponentId>[] = [];
  const kubectl = (from: ComponentId, description: string) =>
    flow({
      from,
      to: 'eks-api',
      port: HTTPS_PORT,
      purpose: 'kubectl',
      description,
      enforcedBy: NETWORK_LAYERS,
      protection: KUBE_API_TLS,
    });
  const albHttps = (from: ComponentId, description: string) =>
    flow({
      from,
      to: 'alb',
      port: HTTPS_PORT,
      purpose: 'https',
      description,
      enforcedBy: NETWORK_LAYERS,
      protection: ALB_TLS,
    });

  if (clientVpn.enabled) {
    components.push(
      {
        id: 'vpn-clients',
        description: 'Administrators on AWS Client VPN',
        tier: 'admin',
        cidrs: [clientVpn.clientCidr],
      },
      // Client VPN translates client addresses to its own network interfaces in the application tier (source
      // NAT), so resources in the VPC see the endpoint's security group, not the client range.
      {
        id: 'vpn-endpoint',
        description: 'AWS Client VPN endpoint network interfaces (source NAT for the VPN clients)',
        tier: 'application',
        awsTag: 'client-vpn',
      },
    );
    if (blueprint.exposure !== 'private' && blueprint.edge.scheme === 'internal')
      toInternalAlb.push(
        albHttps('vpn-clients', 'Administrators reach the internal ALB'),
        albHttps('vpn-endpoint', 'VPN traffic to the internal ALB (after source NAT)'),
      );
    toApi.push(
      kubectl('vpn-clients', 'Administrators use kubectl over the VPN'),
      kubectl('vpn-endpoint', 'VPN kubectl traffic (after source NAT)'),
    );
  }
  if (siteToSiteVpn.enabled) {
    components.push(
      {
        id: 'on-premises',
        description: 'Corporate network over site-to-site VPN',
        tier: 'admin',
        cidrs: [...siteToSiteVpn.onPremisesCidrs],
      },
      {
        id: 'dns-resolver',
        description:
          "Route 53 Resolver inbound endpoint: the corporate network resolves the API's private name",
        tier: 'endpoints',
        awsTag: 'dns-resolver',
      },
    );
    const lookup = (protocol: 'udp' | 'tcp') =>
      flow({
        from: 'on-premises',
        to: 'dns-resolver',
        port: DNS_PORT,
        protocol,
        purpose: protocol === 'udp' ? 'dns' : 'dns-tcp',
        description: `The corporate DNS servers forward lookups of the cluster's private name (${protocol.toUpperCase()})`,
        enforcedBy: NETWORK_LAYERS,
        protection: DNS_PLAINTEXT,
      });
    toApi.push(
      lookup('udp'),
      lookup('tcp'),
      kubectl('on-premises', 'Administrators use kubectl from the corporate network'),
    );
  }
  return { components, flows: { edge: toInternalAlb, admin: toApi }, denials: [] };
};
