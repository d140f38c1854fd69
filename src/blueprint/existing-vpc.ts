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
import { cidrV4 } from './formats.js';

/** The tiers an existing VPC provides subnets for (the same four as a VPC vectorfort builds). */
export const EXISTING_VPC_TIERS = ['public', 'application', 'data', 'endpoints'] as const;
export type ExistingVpcTier = (typeof EXISTING_VPC_TIERS)[number];

const existingSubnetSchema = z.strictObject({
  id: z
    .string()
    .regex(/^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/, 'a subnet id such as subnet-0123456789abcdef0')
    .describe('The subnet id.'),
  cidr: cidrV4
    .refine(
      (cidr) => {
        const prefix = Number(cidr.split('/')[1]);
        return prefix >= 16 && prefix <= 28;
      },
      // EC2 creates subnets of /16 to /28 only: any other size cannot be one of the VPC's subnets.
      'a subnet range of /16 to /28 (the sizes EC2 allows)',
    )
    .describe("The subnet's IPv4 range (NetworkPolicies and security groups are built from it)."),
  availabilityZone: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, 'an availability zone such as us-east-1a')
    .describe("The subnet's availability zone."),
});
export type ExistingSubnet = z.infer<typeof existingSubnetSchema>;

const tierSubnets = (what: string) =>
  z.array(existingSubnetSchema).min(1, 'at least one subnet').describe(what);

export const existingVpcSchema = z.strictObject({
  vpcId: z
    .string()
    .regex(/^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/, 'a VPC id such as vpc-0123456789abcdef0')
    .describe('The VPC to deploy into. `network.vpcCidr` must be its primary IPv4 range.'),
  subnets: z
    .strictObject({
      public: z
        .array(existingSubnetSchema)
        .optional()
        .describe(
          'Subnets routed to an internet gateway, for an internet-facing load balancer (needed only with `exposure` other than `private` and an internet-facing scheme). Unset: none.',
        ),
      application: tierSubnets(
        'Private subnets with egress (NAT): the kubectl handler, the notifier, Client VPN associations.',
      ),
      data: tierSubnets('Subnets without a route to the internet: both node groups.'),
      endpoints: tierSubnets(
        'Subnets for the interface endpoints vectorfort creates and the EKS control plane interfaces.',
      ),
    })
    .describe('The subnets of each tier, by id, with their range and zone (synthesis looks nothing up).'),
  acknowledgement: z
    .string()
    // Trimmed as every other acknowledgement is: a reason of spaces explains nothing.
    .trim()
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

/** The subnets of an existing VPC's tier (none for an unset public tier). */
export function existingSubnetsOf(vpc: ExistingVpc, tier: ExistingVpcTier): readonly ExistingSubnet[] {
  return vpc.subnets[tier] ?? [];
}
