/**
 * `network.existingVpc`: deploy into a VPC someone else owns (a landing zone's), choosing its subnets per tier
 * by id. Synthesis stays offline, so each subnet's CIDR and zone are written next to its id: the
 * NetworkPolicies, the security groups and the flow spec need them, and nothing is looked up.
 *
 * The VPC's routes, network ACLs, NAT and internet gateways stay outside the templates. The verifier reports
 * what depends on them as `unknown`, never as closed; `acknowledgement` records that a team accepts that,
 * with a reason, so those unknowns no longer keep the run from passing (they stay unknown in the report).
 */
import { z } from 'zod';
import { MIN_ACKNOWLEDGEMENT_REASON_LENGTH } from '../contract/acknowledgement.js';
import { cidrsOverlap, parseCidr } from './cidr.js';
import { cidrV4 } from './formats.js';
import type { BlueprintRule } from './rule.js';
import type { Blueprint } from './schema.js';

/** The tiers an existing VPC provides subnets for (the same four as a VPC vectorfort builds). */
export const EXISTING_VPC_TIERS = ['public', 'application', 'data', 'endpoints'] as const;
export type ExistingVpcTier = (typeof EXISTING_VPC_TIERS)[number];

const existingSubnetSchema = z.strictObject({
  id: z
    .string()
    .regex(/^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/, 'a subnet id such as subnet-0123456789abcdef0')
    .describe('The subnet id.'),
  cidr: cidrV4.describe("The subnet's IPv4 range (NetworkPolicies and security groups are built from it)."),
  availabilityZone: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, 'an availability zone such as us-east-1a')
    .describe("The subnet's availability zone."),
});
export type ExistingSubnet = z.infer<typeof existingSubnetSchema>;

const tierSubnets = (what: string) => z.array(existingSubnetSchema).default([]).describe(what);

export const existingVpcSchema = z.strictObject({
  vpcId: z
    .string()
    .regex(/^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/, 'a VPC id such as vpc-0123456789abcdef0')
    .describe('The VPC to deploy into. `network.vpcCidr` must be its primary IPv4 range.'),
  subnets: z
    .strictObject({
      public: tierSubnets(
        'Subnets routed to an internet gateway, for an internet-facing load balancer (needed only with `exposure` other than `private` and an internet-facing scheme).',
      ),
      application: tierSubnets(
        'Private subnets with egress (NAT): the kubectl handler, the notifier, Client VPN associations.',
      ),
      data: tierSubnets('Subnets without a route to the internet: both node groups.'),
      endpoints: tierSubnets(
        'Subnets for the interface endpoints vectorfort creates and the EKS control plane interfaces.',
      ),
    })
    .prefault({})
    .describe('The subnets of each tier, by id, with their range and zone (synthesis looks nothing up).'),
  acknowledgement: z
    .string()
    .min(
      MIN_ACKNOWLEDGEMENT_REASON_LENGTH,
      `a reason of at least ${MIN_ACKNOWLEDGEMENT_REASON_LENGTH} characters`,
    )
    .optional()
    .describe(
      "Why the team accepts that this VPC's routes, network ACLs and gateways are outside the templates and cannot be verified (who owns and reviews them). Unset: the verifier's unknowns about them keep the run from passing.",
    ),
});
export type ExistingVpc = z.infer<typeof existingVpcSchema>;

/** The subnets of an existing VPC's tier. */
export function existingSubnetsOf(vpc: ExistingVpc, tier: ExistingVpcTier): readonly ExistingSubnet[] {
  return vpc.subnets[tier];
}

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
      const subnets = vpc.subnets[tier];
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
      const all = EXISTING_VPC_TIERS.flatMap((t) => vpc.subnets[t]);
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
    path: () => 'network.allowDataTierInternetEgress',
    check: (bp) =>
      bp.network.existingVpc && bp.network.allowDataTierInternetEgress
        ? "an existing VPC's routes are its owner's: choose data subnets with the routes you want instead of allowDataTierInternetEgress"
        : undefined,
  },
];
