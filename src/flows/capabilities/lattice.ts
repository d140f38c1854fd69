/**
 * `exposure: lattice`: VPC Lattice in front of the internal ALB. Lattice's data plane reaches its targets from the
 * addresses of the managed prefix list `com.amazonaws.<region>.vpc-lattice` (the link-local 169.254.171.0/24 in
 * every VPC), so the ALB admits that list on 443 and nothing else. Clients in this VPC's application tier reach
 * the service network through the VPC association, whose security group admits them on 443; consumers in other
 * VPCs come through their own associations, decided by their accounts and by the auth policies, which the prover
 * evaluates separately (src/reach/lattice/).
 */
import { flow, NOTHING, type Capability } from '../capability.js';
import { NETWORK_LAYERS } from '../layers.js';
import { ALB_TLS, LATTICE_TLS } from '../protection.js';
import { HTTPS_PORT } from '../well-known.js';

/** Where Lattice's data plane connects from, in every VPC (the IPv4 entry of the managed prefix list). */
export const LATTICE_LINK_LOCAL_CIDR = '169.254.171.0/24';

export const lattice: Capability = ({ blueprint }) => {
  if (blueprint.exposure !== 'lattice') return NOTHING;
  const region = blueprint.environment.region;
  // A rule requires the Client VPN for the association: administrators are its only clients in this VPC.
  const associate = blueprint.lattice.associateVpc && blueprint.adminAccess.clientVpn.enabled;
  const toAssociation = (from: 'vpn-clients' | 'vpn-endpoint', description: string) =>
    flow({
      from,
      to: 'lattice-association',
      port: HTTPS_PORT,
      purpose: 'https',
      description,
      enforcedBy: ['security-group'],
      protection: LATTICE_TLS,
    });
  return {
    components: [
      {
        id: 'lattice',
        description:
          'VPC Lattice data plane (managed prefix list), forwarding signed and authorized requests',
        tier: 'aws',
        prefixList: `com.amazonaws.${region}.vpc-lattice`,
        cidrs: [LATTICE_LINK_LOCAL_CIDR],
      },
      ...(associate
        ? [
            {
              id: 'lattice-association',
              description: "The service network's association with this VPC (its security group)",
              tier: 'application',
              awsTag: 'lattice-association',
            } as const,
          ]
        : []),
    ],
    flows: {
      edge: [
        flow({
          from: 'lattice',
          to: 'alb',
          port: HTTPS_PORT,
          purpose: 'https',
          description: 'Lattice forwards authorized requests to the internal ALB (ALB target group)',
          enforcedBy: NETWORK_LAYERS,
          protection: ALB_TLS,
        }),
      ],
      ...(associate
        ? {
            admin: [
              toAssociation(
                'vpn-clients',
                'Administrators call Weaviate through the service network (SigV4)',
              ),
              toAssociation('vpn-endpoint', 'VPN traffic to the service network (after source NAT)'),
            ],
          }
        : {}),
    },
    denials: [],
  };
};
