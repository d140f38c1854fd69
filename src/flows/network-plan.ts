/**
 * Deterministic subnet plan: the same CIDRs for the CDK VPC and for NetworkPolicy ipBlocks, computed from the
 * blueprint alone so both sides agree before anything is deployed.
 *
 * Tiers (seed 000): public (load balancers and NAT gateways only), application (private with NAT egress: the
 * kubectl handler, an internal ALB, Client VPN associations), data (isolated: both node groups, so Weaviate
 * and everything in the cluster), endpoints (isolated: interface endpoints and the EKS control plane's
 * network interfaces). The seeds' separate backup and monitoring tiers are folded: backups leave the data tier
 * only through the S3 gateway endpoint (there are no backup hosts to place), and monitoring runs as pods on the
 * system nodes, isolated by NetworkPolicy rather than by subnet.
 */
import type { ExistingVpc } from '../blueprint/index.js';
import type { PlannedSubnet } from './types.js';

export const TIERS = ['public', 'application', 'data', 'endpoints'] as const;
export type SubnetTier = (typeof TIERS)[number];

/** Prefix length of each tier's subnet per AZ, for a /16 VPC (scaled for other sizes). */
const TIER_PREFIX_FOR_SLASH16: Record<SubnetTier, number> = {
  // Pods take VPC addresses from their node's subnet (VPC CNI), so the data tier is the largest.
  data: 19,
  application: 21,
  public: 24,
  endpoints: 26,
};

export function planSubnets(vpcCidr: string, availabilityZones: readonly string[]): PlannedSubnet[] {
  const [base, prefixText] = vpcCidr.split('/');
  const vpcPrefix = Number(prefixText);
  const vpcBase = ipToInt(base!);
  const shift = vpcPrefix - 16;
  // Allocate largest blocks first so every block stays aligned.
  const order: SubnetTier[] = ['data', 'application', 'public', 'endpoints'];
  let cursor = vpcBase;
  const vpcEnd = vpcBase + 2 ** (32 - vpcPrefix);
  const subnets: PlannedSubnet[] = [];
  for (const tier of order) {
    const prefix = Math.min(28, TIER_PREFIX_FOR_SLASH16[tier] + shift);
    const size = 2 ** (32 - prefix);
    for (const availabilityZone of availabilityZones) {
      cursor = Math.ceil(cursor / size) * size;
      if (cursor + size > vpcEnd) {
        throw new RangeError(
          `the VPC ${vpcCidr} is too small for ${availabilityZones.length} availability zones`,
        );
      }
      subnets.push({ tier, availabilityZone, cidr: `${intToIp(cursor)}/${prefix}` });
      cursor += size;
    }
  }
  return subnets.sort(
    (a, b) =>
      TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) || a.availabilityZone.localeCompare(b.availabilityZone),
  );
}

/** An existing VPC's subnets as the plan: the flow spec names the ranges its owner chose. */
export function existingVpcSubnets(vpc: ExistingVpc): PlannedSubnet[] {
  return TIERS.flatMap((tier) =>
    (vpc.subnets[tier] ?? []).map((s) => ({ tier, availabilityZone: s.availabilityZone, cidr: s.cidr })),
  ).sort(
    (a, b) =>
      TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) ||
      a.availabilityZone.localeCompare(b.availabilityZone) ||
      a.cidr.localeCompare(b.cidr),
  );
}

export function subnetsOf(plan: readonly PlannedSubnet[], tier: SubnetTier): PlannedSubnet[] {
  return plan.filter((s) => s.tier === tier);
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
