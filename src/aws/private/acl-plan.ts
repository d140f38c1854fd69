/**
 * Network ACL entries per tier, derived from the flows a spec enforces with the `network-acl` layer. Pure data,
 * so tests and documentation can read the plan the construct turns into CloudFormation.
 *
 * Network ACLs are stateless, so every flow yields four entries: the request leaves the client tier (egress)
 * and enters the server tier (ingress); the answer goes back on the client's ephemeral port (egress on the
 * server tier, ingress on the client tier). The layout of each tier's list:
 *
 * 1. Traffic between the tier's own subnets is allowed whole. NACLs separate tiers; within a tier, security
 *    groups and NetworkPolicies separate workloads by port. Listing every intra-tier port per subnet would
 *    exceed the 20-entries-per-direction quota (the data tier alone has a dozen Weaviate, DNS and mesh ports).
 * 2. Traffic to and from other tiers, by port, from the exact tier CIDRs (aggregated).
 * 3. When the tier talks to anything outside the VPC through a 0.0.0.0/0 entry, a DENY of the whole VPC CIDR
 *    comes first, so the catch-all only ever matches traffic from outside the VPC and other tiers cannot slip
 *    through it.
 * 4. Traffic to and from outside the VPC.
 *
 * The S3 gateway endpoint is the one outside destination the data tier has. Its addresses are a managed prefix
 * list that NACLs cannot reference and that changes over time, so the data tier allows TCP 443 out to
 * 0.0.0.0/0 and the matching return traffic in. That is the trade-off: the NACL does not narrow S3 down, the
 * route table does (the data tier's only non-local route is the gateway endpoint, so these entries cannot reach
 * the internet), together with the security group's prefix-list rule and the endpoint policy. Return traffic
 * from outside the VPC is admitted on 1024-3388 and 3390-65535: that skips RDP (3389) so no entry admits an
 * administrative port from 0.0.0.0/0 (FSBP EC2.21); clients that pick 3389 as their ephemeral port (NAT
 * gateways use 1024-65535) lose that one connection and retry. Linux clients (nodes, pods) use 32768-60999.
 */
import type { IConstruct } from 'constructs';
import type { FlowSpec, PlannedSubnet, Protocol, Tier } from '../../flows/index.js';
import { ValidationError } from '../errors.js';
import { coverCidrs } from './cidr-cover.js';

export type VpcTier = PlannedSubnet['tier'];
export const VPC_TIERS: readonly VpcTier[] = ['public', 'application', 'data', 'endpoints'];

export const ANY_IPV4 = '0.0.0.0/0';
/** The full ephemeral range (NAT gateways, Lambda, load balancers). */
const EPHEMERAL: PortRange = [1024, 65535];
/** Return traffic from outside the VPC: the ephemeral range without RDP. */
const EPHEMERAL_FROM_OUTSIDE: readonly PortRange[] = [
  [1024, 3388],
  [3390, 65535],
];
const FIRST_RULE = 100;
const RULE_STEP = 10;
/** The default quota of entries per direction per network ACL (adjustable up to 40). */
export const NACL_ENTRY_QUOTA = 20;

type PortRange = readonly [number, number];

export interface AclEntry {
  readonly ruleNumber: number;
  readonly action: 'allow' | 'deny';
  readonly cidr: string;
  /** `all` covers every protocol and port. */
  readonly protocol: Protocol | 'all';
  readonly fromPort: number;
  readonly toPort: number;
  /** Flows this entry serves (empty for the deny entry). */
  readonly flows: readonly string[];
}

export interface TierAcl {
  readonly tier: VpcTier;
  readonly ingress: readonly AclEntry[];
  readonly egress: readonly AclEntry[];
}

export interface AclPlanOptions {
  /** Tiers whose default route goes to a NAT gateway in the public tier. */
  readonly natTiers: readonly VpcTier[];
  /** The construct the plan is made for, named in the errors of a flow spec that does not fit together. */
  readonly scope: IConstruct;
}

type Endpoint =
  { readonly tier: VpcTier } | { readonly external: readonly string[]; readonly internet: boolean };

interface Pending {
  readonly cidr: string;
  readonly protocol: Protocol | 'all';
  readonly ranges: { range: PortRange; flow: string }[];
}

class TierEntries {
  readonly intra = new Set<string>();
  private readonly entries = new Map<string, Pending>();

  add(
    direction: 'ingress' | 'egress',
    cidrs: readonly string[],
    protocol: Protocol,
    ranges: readonly PortRange[],
    flow: string,
  ) {
    for (const cidr of cidrs) {
      const key = `${direction}|${cidr}|${protocol}`;
      const pending = this.entries.get(key) ?? { cidr, protocol, ranges: [] };
      pending.ranges.push(...ranges.map((range) => ({ range, flow })));
      this.entries.set(key, pending);
    }
  }

  render(direction: 'ingress' | 'egress', tierCidrs: readonly string[], vpcCidr: string): AclEntry[] {
    const internal: Omit<AclEntry, 'ruleNumber'>[] = [];
    const external: Omit<AclEntry, 'ruleNumber'>[] = [];
    if (this.intra.size > 0)
      for (const cidr of tierCidrs)
        internal.push({
          action: 'allow',
          cidr,
          protocol: 'all',
          fromPort: 0,
          toPort: 65535,
          flows: [...this.intra].sort(),
        });
    const keys = [...this.entries.keys()].filter((k) => k.startsWith(`${direction}|`)).sort();
    for (const key of keys) {
      const pending = this.entries.get(key)!;
      for (const { range, flows } of mergeRanges(pending.ranges)) {
        const [fromPort, toPort] = range;
        const entry = {
          action: 'allow' as const,
          cidr: pending.cidr,
          protocol: pending.protocol,
          fromPort,
          toPort,
          flows,
        };
        (insideVpc(pending.cidr, tierCidrs, vpcCidr) ? internal : external).push(entry);
      }
    }
    const catchAll = external.some((e) => e.cidr === ANY_IPV4);
    const ordered = [
      ...internal,
      ...(catchAll
        ? [
            {
              action: 'deny' as const,
              cidr: vpcCidr,
              protocol: 'all' as const,
              fromPort: 0,
              toPort: 65535,
              flows: [],
            },
          ]
        : []),
      ...external,
    ];
    return ordered.map((e, i) => ({ ...e, ruleNumber: FIRST_RULE + i * RULE_STEP }));
  }
}

/** The network ACL entries of every VPC tier for a flow spec. */
export function planNetworkAcls(spec: FlowSpec, options: AclPlanOptions): TierAcl[] {
  const components = new Map(spec.components.map((c) => [c.id, c]));
  const tierCidrs = new Map<VpcTier, string[]>(
    VPC_TIERS.map((t) => [
      t,
      coverCidrs(
        spec.subnets.filter((s) => s.tier === t).map((s) => s.cidr),
        options.scope,
      ),
    ]),
  );
  const tiers = new Map<VpcTier, TierEntries>(VPC_TIERS.map((t) => [t, new TierEntries()]));
  const endpointOf = (id: string): Endpoint | undefined => {
    const c = components.get(id);
    if (!c)
      throw new ValidationError(
        'unknown-flow-component',
        `a flow names the unknown component "${id}"`,
        options.scope,
      );
    if ((VPC_TIERS as readonly Tier[]).includes(c.tier)) return { tier: c.tier as VpcTier };
    if (c.tier === 'on-node') return undefined;
    // Prefix lists (S3, CloudFront) cannot appear in a NACL: their traffic is matched as 0.0.0.0/0, unless the
    // component also states the list's fixed range (Lattice's link-local 169.254.171.0/24).
    const cidrs =
      c.prefixList && !c.cidrs?.length ? [ANY_IPV4] : (c.cidrs ?? []).filter((x) => !x.includes(':'));
    return { external: cidrs, internet: c.tier === 'internet' };
  };
  const cidrsOf = (e: Endpoint) => ('tier' in e ? tierCidrs.get(e.tier)! : e.external);
  const returnRanges = (client: Endpoint): readonly PortRange[] =>
    'external' in client && client.external.includes(ANY_IPV4) ? EPHEMERAL_FROM_OUTSIDE : [EPHEMERAL];

  for (const flow of spec.flows) {
    if (!flow.enforcedBy.includes('network-acl')) continue;
    const from = endpointOf(flow.from);
    const to = endpointOf(flow.to);
    if (!from || !to) continue;
    const ports: PortRange = [flow.port, flow.toPort ?? flow.port];
    if ('tier' in from && 'tier' in to && from.tier === to.tier) {
      tiers.get(from.tier)!.intra.add(flow.id);
      continue;
    }
    if ('tier' in from) {
      const acl = tiers.get(from.tier)!;
      acl.add('egress', cidrsOf(to), flow.protocol, [ports], flow.id);
      acl.add('ingress', cidrsOf(to), flow.protocol, returnRanges(to), flow.id);
    }
    if ('tier' in to) {
      const acl = tiers.get(to.tier)!;
      acl.add('ingress', cidrsOf(from), flow.protocol, [ports], flow.id);
      acl.add('egress', cidrsOf(from), flow.protocol, [EPHEMERAL], flow.id);
    }
    // Internet-bound traffic from a NAT-routed tier also crosses the public tier, where the NAT gateway lives.
    if (
      'tier' in from &&
      'external' in to &&
      to.internet &&
      options.natTiers.includes(from.tier) &&
      from.tier !== 'public'
    ) {
      const pub = tiers.get('public')!;
      pub.add('ingress', cidrsOf(from), flow.protocol, [ports], flow.id);
      pub.add('egress', cidrsOf(to), flow.protocol, [ports], flow.id);
      pub.add('ingress', cidrsOf(to), flow.protocol, returnRanges(to), flow.id);
      pub.add('egress', cidrsOf(from), flow.protocol, [EPHEMERAL], flow.id);
    }
  }

  return VPC_TIERS.map((tier) => {
    const entries = tiers.get(tier)!;
    const own = tierCidrs.get(tier)!;
    return {
      tier,
      ingress: entries.render('ingress', own, spec.vpcCidr),
      egress: entries.render('egress', own, spec.vpcCidr),
    };
  });
}

/** Merges overlapping and adjacent port ranges, keeping which flows each merged range serves. */
function mergeRanges(
  ranges: readonly { range: PortRange; flow: string }[],
): { range: PortRange; flows: string[] }[] {
  const sorted = [...ranges].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const out: { range: [number, number]; flows: Set<string> }[] = [];
  for (const { range, flow } of sorted) {
    const last = out[out.length - 1];
    if (last && range[0] <= last.range[1] + 1) {
      last.range[1] = Math.max(last.range[1], range[1]);
      last.flows.add(flow);
    } else out.push({ range: [range[0], range[1]], flows: new Set([flow]) });
  }
  return out.map((m) => ({ range: m.range, flows: [...m.flows].sort() }));
}

/** Whether `cidr` lies inside the VPC (tier CIDRs are, by construction). */
function insideVpc(cidr: string, _tierCidrs: readonly string[], vpcCidr: string): boolean {
  if (cidr === ANY_IPV4) return false;
  const [base, prefix] = cidr.split('/');
  const [vBase, vPrefix] = vpcCidr.split('/');
  if (Number(prefix) < Number(vPrefix)) return false;
  const toInt = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(vPrefix));
  const start = toInt(vBase!);
  const b = toInt(base!);
  return b >= start && b < start + size;
}
