/** Cross-field rules of `network.existingVpc` (existing-vpc.ts). */
import { cidrsOverlap, parseCidr } from './cidr.js';
import { EXISTING_VPC_TIERS, existingSubnetsOf, type ExistingVpcTier } from './existing-vpc.js';
import type { BlueprintRule } from './rule.js';
import type { Blueprint } from './schema.js';

/** Whether the blueprint's edge puts a load balancer in the public tier. */
function needsPublicTier(bp: Blueprint): boolean {
  return bp.exposure !== 'private' && bp.edge.scheme === 'internet-facing';
}

function tierRule(tier: ExistingVpcTier): BlueprintRule {
  return {
    path: () => `network.existingVpc.subnets.${tier}`,
    check: (bp) => {
      const vpc = bp.network.existingVpc;
      if (!vpc) return undefined;
      const subnets = existingSubnetsOf(vpc, tier);
      if (subnets.length === 0 && (tier !== 'public' || needsPublicTier(bp)))
        return tier === 'public'
          ? `an internet-facing load balancer (exposure "${bp.exposure}") needs at least one public subnet`
          : `expected at least one ${tier} subnet of ${vpc.vpcId}`;
      const outside = subnets.find((s) => !within(s.cidr, bp.network.vpcCidr));
      if (outside)
        return `subnet ${outside.id} (${outside.cidr}) is outside network.vpcCidr ${bp.network.vpcCidr}`;
      const foreign = subnets.find((s) => !s.availabilityZone.startsWith(bp.environment.region));
      if (foreign)
        return `subnet ${foreign.id} is in ${foreign.availabilityZone}, not in region ${bp.environment.region}`;
      return undefined;
    },
  };
}

function within(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  return !!a && !!b && a.prefix >= b.prefix && cidrsOverlap(inner, outer);
}

export const EXISTING_VPC_RULES: readonly BlueprintRule[] = [
  ...EXISTING_VPC_TIERS.map(tierRule),
  {
    path: () => 'network.existingVpc.subnets',
    check: (bp) => {
      const vpc = bp.network.existingVpc;
      if (!vpc) return undefined;
      const all = EXISTING_VPC_TIERS.flatMap((t) => existingSubnetsOf(vpc, t));
      const twice = all.find((s, i) => all.findIndex((o) => o.id === s.id) !== i);
      if (twice) return `subnet ${twice.id} is listed in more than one tier (each tier has its own subnets)`;
      const overlap = all.find((s, i) => all.some((o, j) => j > i && cidrsOverlap(s.cidr, o.cidr)));
      return overlap ? `subnet ${overlap.id} (${overlap.cidr}) overlaps another listed subnet` : undefined;
    },
  },
  {
    path: () => 'adminAccess.siteToSiteVpn.enabled',
    check: (bp) =>
      bp.network.existingVpc && bp.adminAccess.siteToSiteVpn.enabled
        ? "a site-to-site VPN adds routes to the VPC's route tables, which belong to an existing VPC's owner: connect on-premises networks there, or turn it off"
        : undefined,
  },
  {
    path: () => 'network.existingVpc',
    check: (bp) =>
      bp.network.existingVpc && bp.enclave.enabled
        ? 'an enclave builds its own sealed VPC (no internet gateway, no NAT, IPv6 egress only): an existing VPC cannot be proven sealed, so leave network.existingVpc out of an enclave'
        : undefined,
  },
  {
    path: () => 'network.allowDataTierInternetEgress',
    check: (bp) =>
      bp.network.existingVpc && bp.network.allowDataTierInternetEgress
        ? "an existing VPC's routes are its owner's: choose data subnets with the routes you want instead of allowDataTierInternetEgress"
        : undefined,
  },
];
