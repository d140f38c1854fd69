/**
 * Can A reach B on port P over protocol X? Each side is expanded into concrete places (a set of security
 * groups in one subnet; a pod on one node group), every combination is checked layer by layer (NetworkPolicy
 * egress, security group egress, routing, network ACLs both ways, security group ingress, NetworkPolicy
 * ingress, mesh policy), and the answer is:
 * - allowed when some combination passes every layer (the witness lists the rule admitting each hop);
 * - denied when every combination is blocked by a rule that is determined (the blocking rules are listed);
 * - unknown otherwise: a layer depends on a value the inputs do not determine.
 */
import type { BlockingRule, FlowVerdict, PathHop } from '../../findings/index.js';
import type { Check } from './check.js';
import { meshCheck } from './mesh.js';
import type {
  AttachmentModel,
  NetworkModel,
  PodModel,
  RouteModel,
  RouteTableModel,
  SgRule,
  SubnetModel,
} from './model.js';
import { networkPolicyCheck, type PolicyPeer } from './network-policy.js';
import { naclCrossing } from './nacl.js';
import { outsideSubnetsOnly, undeterminedSubnets } from './undetermined-subnets.js';
import {
  ANY_EPHEMERAL,
  contains,
  formatRange,
  intersect,
  LINUX_EPHEMERAL,
  overlaps,
  PUBLIC_ADDRESSES,
  type Range,
} from './net.js';

export type Endpoint =
  | { readonly kind: 'attachments'; readonly id: string; readonly attachments: readonly AttachmentModel[] }
  | { readonly kind: 'pod'; readonly id: string; readonly pod: PodModel }
  /** Addresses outside the VPC: the internet, an on-premises network, VPN clients. */
  | { readonly kind: 'external'; readonly id: string; readonly ranges: readonly Range[] }
  /**
   * An AWS service behind a managed prefix list (S3 through its gateway endpoint, CloudFront); `inVpc` when the
   * service reaches the VPC's interfaces from that range inside the VPC (VPC Lattice, in-vpc-prefix-lists.ts).
   */
  | { readonly kind: 'prefix-list'; readonly id: string; readonly name: string; readonly inVpc?: Range }
  /** A link-local service on the node (instance metadata, Pod Identity agent). */
  | { readonly kind: 'link-local'; readonly id: string; readonly range: Range }
  | { readonly kind: 'unresolved'; readonly id: string; readonly reason: string };

export interface ReachAnswer {
  readonly verdict: FlowVerdict;
  readonly path?: readonly PathHop[];
  readonly blockedBy?: readonly BlockingRule[];
  /** For `unknown`: what the verdict depends on. */
  readonly reason?: string;
  /**
   * For `unknown`: set when only subnets no template of the input defines (an existing VPC's) leave it open,
   * their ids; their routes and network ACLs decide it (undetermined-subnets.ts).
   */
  readonly outsideSubnets?: readonly string[];
}

/** A concrete location: the groups and subnet of one attachment, or of a pod's node group. */
interface Place {
  readonly label: string;
  readonly sgs: readonly string[];
  readonly sgUnknown?: string;
  readonly subnet?: SubnetModel;
  readonly ranges: readonly Range[];
  readonly attachment: AttachmentModel;
  readonly pod?: PodModel;
  readonly linux: boolean;
}

export type Outcome = { hops: PathHop[]; blocks: BlockingRule[]; unknowns: UndeterminedCause[] };
type UndeterminedCause = { node: string; reason: string; outsideSubnets?: readonly string[] };

export function canReach(
  model: NetworkModel,
  from: Endpoint,
  to: Endpoint,
  port: number,
  protocol: 'tcp' | 'udp',
): ReachAnswer {
  if (from.kind === 'unresolved') return { verdict: 'unknown', reason: from.reason };
  if (to.kind === 'unresolved') return { verdict: 'unknown', reason: to.reason };
  if (to.kind === 'link-local') return toLinkLocal(model, from, to, port, protocol);
  if (from.kind === 'link-local' || (from.kind === 'prefix-list' && to.kind === 'prefix-list'))
    return {
      verdict: 'denied',
      blockedBy: [{ node: from.id, rule: 'does not open connections into the VPC' }],
    };

  // VPN clients enter the VPC through the Client VPN endpoint's interfaces (source NAT).
  if (from.kind === 'external') {
    const vpn = model.clientVpns.find(
      (v) => v.clientRange && from.ranges.every((r) => contains(v.clientRange!, r)),
    );
    const attachment = vpn ? model.attachments.get(vpn.attachment) : undefined;
    if (vpn && attachment) {
      const inner = canReach(
        model,
        { kind: 'attachments', id: `${from.id} via ${vpn.key}`, attachments: [attachment] },
        to,
        port,
        protocol,
      );
      const entry: PathHop = {
        node: vpn.key,
        rule: `client range ${formatRange(vpn.clientRange!)} (source NAT to the endpoint's interfaces)`,
      };
      if (inner.verdict !== 'allowed' || to.kind === 'external' || to.kind === 'prefix-list')
        return withPrefix(inner, entry);
      const targets = placesOf(model, to);
      const authorized = vpn.authorized.find((a) =>
        targets.some((t) => t.ranges.some((r) => overlaps(r, a.range))),
      );
      if (!authorized)
        return {
          verdict: 'denied',
          blockedBy: [{ node: vpn.key, rule: `no authorization rule covers ${to.id}` }],
        };
      return {
        ...inner,
        path: [
          entry,
          { node: authorized.key, rule: `authorization rule ${authorized.text}` },
          ...(inner.path ?? []),
        ],
      };
    }
  }

  // Traffic that enters the VPC through a gateway (VPN, Direct Connect, peering) or comes from the internet
  // reaches only places in the VPC: AWS does not route it on through another gateway or a gateway endpoint.
  if (from.kind === 'external' && (to.kind === 'external' || to.kind === 'prefix-list'))
    return {
      verdict: 'denied',
      blockedBy: [
        {
          node: to.id,
          rule: `${from.id} is outside the VPC: the VPC does not route it on to ${to.kind === 'prefix-list' ? 'a gateway endpoint' : 'another outside network'}`,
        },
      ],
    };

  const sources = from.kind === 'attachments' || from.kind === 'pod' ? placesOf(model, from) : undefined;
  const targets = to.kind === 'attachments' || to.kind === 'pod' ? placesOf(model, to) : undefined;
  // Interfaces in subnets the input does not determine: a path from or to them is neither open nor closed.
  const undeterminedPlaces = undeterminedSubnets(model, [
    ...attachmentsOf(model, from),
    ...attachmentsOf(model, to),
  ]);
  if (sources && sources.length === 0)
    return { verdict: 'unknown', reason: noPlace(from, undeterminedPlaces), ...outside(undeterminedPlaces) };
  if (targets && targets.length === 0)
    return { verdict: 'unknown', reason: noPlace(to, undeterminedPlaces), ...outside(undeterminedPlaces) };

  // The EKS API's public endpoint answers from outside the VPC without entering it; a network the API's
  // subnets route to privately (over VPN, Direct Connect or peering) uses the private endpoint instead.
  if (from.kind === 'external' && to.kind === 'attachments') {
    const cluster = model.clusters.find((c) => to.attachments.some((a) => a.key === c.attachment));
    if (cluster && !(targets ?? []).some((t) => routesPrivatelyTo(model, t, from.ranges)))
      return clusterFromOutside(cluster, from, port);
  }

  const outcomes: Outcome[] = [];
  const srcList: readonly (Place | undefined)[] = sources ?? [undefined];
  const dstList: readonly (Place | undefined)[] = targets ?? [undefined];
  for (const s of srcList)
    for (const d of dstList) {
      const outcome = evaluate(model, from, to, s, d, port, protocol);
      if (outcome.blocks.length === 0 && outcome.unknowns.length === 0)
        return { verdict: 'allowed', path: outcome.hops };
      outcomes.push(outcome);
    }
  if (undeterminedPlaces.length > 0) outcomes.push({ hops: [], blocks: [], unknowns: undeterminedPlaces });
  const unblocked = outcomes.filter((o) => o.blocks.length === 0);
  const undetermined = unblocked[0];
  if (undetermined)
    return {
      verdict: 'unknown',
      reason: undetermined.unknowns.map((u) => `${u.node}: ${u.reason}`).join('; '),
      path: undetermined.hops,
      ...outside(unblocked.flatMap((o) => o.unknowns)),
    };
  return { verdict: 'denied', blockedBy: distinctBlocks(outcomes, MAX_BLOCKING_RULES) };
}

/** The attachments an endpoint's interfaces belong to (a pod's: its node groups'). */
function attachmentsOf(model: NetworkModel, e: Endpoint): AttachmentModel[] {
  if (e.kind === 'attachments') return [...e.attachments];
  if (e.kind === 'pod') return e.pod.nodeGroups.flatMap((g) => model.attachments.get(g) ?? []);
  return [];
}

/** `outsideSubnets` of an unknown answer whose causes are all subnets outside the input. */
function outside(causes: readonly UndeterminedCause[]): { outsideSubnets?: readonly string[] } {
  const subnets = outsideSubnetsOnly(causes);
  return subnets ? { outsideSubnets: subnets } : {};
}

function noPlace(e: Endpoint, undetermined: readonly { node: string; reason: string }[]): string {
  const named = undetermined.map((u) => `${u.node}: ${u.reason}`);
  return `${e.id} has no network interface in a known subnet${named.length ? ` (${named.join('; ')})` : ''}`;
}

function withPrefix(answer: ReachAnswer, hop: PathHop): ReachAnswer {
  return answer.path ? { ...answer, path: [hop, ...answer.path] } : answer;
}

/** Blocking rules an answer names at most: the first are the ones to fix, and a denial is proven by any one. */
const MAX_BLOCKING_RULES = 6;

/**
 * The outcomes' blocking rules in order, each (node, rule) once, up to `limit`. A denial between endpoints of
 * many places blocks each pair on the same few rules. Their texts are long and built by concatenation, so
 * keying each one in a set made V8 flatten and hash every copy (a sixth of a flow proof's time); the few
 * distinct rules are compared directly instead, and the walk stops at the limit.
 */
export function distinctBlocks(outcomes: readonly Outcome[], limit = Infinity): BlockingRule[] {
  const out: BlockingRule[] = [];
  let keyed: Set<string> | undefined;
  for (const o of outcomes)
    for (const b of o.blocks) {
      if (keyed) {
        const key = blockKey(b);
        if (keyed.has(key)) continue;
        keyed.add(key);
      } else if (out.some((known) => known === b || (known.node === b.node && known.rule === b.rule)))
        continue;
      out.push(b);
      if (out.length >= limit) return out;
      // Past a few dozen distinct rules, a set is cheaper than comparing with each.
      if (!keyed && out.length === COMPARED_BLOCKS) keyed = new Set(out.map(blockKey));
    }
  return out;
}

const COMPARED_BLOCKS = 32;

/** A blocking rule's node and rule as one key; the node's length keeps the two from running together. */
function blockKey(b: BlockingRule): string {
  return `${b.node.length}:${b.node}${b.rule}`;
}

/** The places of an endpoint in the VPC; one per subnet (deduplicated by groups and subnet). */
const placesByModel = new WeakMap<NetworkModel, WeakMap<Endpoint, readonly Place[]>>();

/**
 * The places of an endpoint, worked out once per model and endpoint: a proof asks for the same endpoints in
 * hundreds of queries, and the model does not change once built.
 */
export function placesOf(model: NetworkModel, e: Endpoint): readonly Place[] {
  let byEndpoint = placesByModel.get(model);
  if (!byEndpoint) placesByModel.set(model, (byEndpoint = new WeakMap()));
  let places = byEndpoint.get(e);
  if (!places) byEndpoint.set(e, (places = computePlaces(model, e)));
  return places;
}

function computePlaces(model: NetworkModel, e: Endpoint): Place[] {
  const out = new Map<string, Place>();
  const add = (a: AttachmentModel, pod?: PodModel) => {
    for (const key of a.subnets) {
      const subnet = model.subnets.get(key);
      if (!subnet?.range) continue;
      const id = `${[...a.sgs].sort().join(',')}|${key}|${a.sgUnknown ?? ''}|${pod?.id ?? ''}`;
      if (!out.has(id))
        out.set(id, {
          label: pod ? `pod ${pod.id} on ${a.key}` : a.key,
          sgs: a.sgs,
          ...(a.sgUnknown ? { sgUnknown: a.sgUnknown } : {}),
          subnet,
          ranges: [subnet.range],
          attachment: a,
          ...(pod ? { pod } : {}),
          linux: a.linux || pod !== undefined,
        });
    }
  };
  if (e.kind === 'attachments') for (const a of e.attachments) add(a);
  if (e.kind === 'pod')
    for (const g of e.pod.nodeGroups) {
      const a = model.attachments.get(g);
      if (a) add(a, e.pod);
    }
  return [...out.values()];
}

/** Whether the place's subnet routes back to all of `ranges` through a VPN gateway, transit gateway or peering. */
function routesPrivatelyTo(model: NetworkModel, place: Place, ranges: readonly Range[]): boolean {
  const table = model.routeTables.get(place.subnet?.routeTable ?? '');
  return ranges.every((range) =>
    (table?.routes ?? []).some(
      (r) =>
        (r.target === 'vgw' || r.target === 'tgw' || r.target === 'peering') &&
        r.destination !== undefined &&
        contains(r.destination, range),
    ),
  );
}

function clusterFromOutside(
  cluster: NetworkModel['clusters'][number],
  from: Extract<Endpoint, { kind: 'external' }>,
  port: number,
): ReachAnswer {
  const node = `${cluster.key} public endpoint`;
  if (port !== 443)
    return { verdict: 'denied', blockedBy: [{ node, rule: 'the public endpoint serves TCP 443 only' }] };
  if (cluster.publicAccess === undefined)
    return {
      verdict: 'unknown',
      reason: `${cluster.key}: EndpointPublicAccess is not determined by the input`,
    };
  if (!cluster.publicAccess)
    return {
      verdict: 'denied',
      blockedBy: [
        {
          node,
          rule: 'EndpointPublicAccess false: the API has no public endpoint, and private addresses are not routable from outside',
        },
      ],
    };
  const cidr = cluster.publicCidrs.find((c) => from.ranges.some((r) => overlaps(r, c)));
  if (!cidr)
    return {
      verdict: 'denied',
      blockedBy: [
        { node, rule: `publicAccessCidrs ${cluster.publicCidrText.join(', ')} exclude ${from.id}` },
      ],
    };
  return {
    verdict: 'allowed',
    path: [{ node, rule: `EndpointPublicAccess true, publicAccessCidrs ${formatRange(cidr)}` }],
  };
}

function toLinkLocal(
  model: NetworkModel,
  from: Endpoint,
  to: Extract<Endpoint, { kind: 'link-local' }>,
  port: number,
  protocol: 'tcp' | 'udp',
): ReachAnswer {
  if (
    from.kind === 'attachments' &&
    from.attachments.some((a) => a.kind === 'node-group' || a.kind === 'instance')
  )
    return { verdict: 'allowed', path: [{ node: from.id, rule: `the host reaches its own ${to.id}` }] };
  if (from.kind !== 'pod')
    return {
      verdict: 'denied',
      blockedBy: [{ node: to.id, rule: 'link-local: reachable only from the instance itself' }],
    };
  const pod = from.pod;
  const metadata = overlaps(to.range, [0xa9fea9fe, 0xa9fea9fe]);
  const outcomes: Outcome[] = [];
  for (const g of pod.nodeGroups) {
    const group = model.attachments.get(g);
    if (!group) continue;
    const o: Outcome = { hops: [], blocks: [], unknowns: [] };
    apply(
      o,
      networkPolicyCheck(
        model.k8s,
        pod,
        'Egress',
        { ranges: [to.range], label: to.id },
        port,
        protocol,
        undefined,
      ),
    );
    if (metadata) {
      if (pod.hostNetwork)
        o.hops.push({
          node: `pod ${pod.id}`,
          rule: 'hostNetwork: the pod is the node for the metadata service',
        });
      else if (group.hopLimit === undefined)
        o.unknowns.push({ node: group.key, reason: 'the metadata hop limit is not determined by the input' });
      else if (group.hopLimit >= 2)
        o.hops.push({
          node: group.key,
          rule: `${group.hopLimitSource}: responses survive the extra hop into the pod`,
        });
      else
        o.blocks.push({
          node: group.key,
          rule: `${group.hopLimitSource}: responses are dropped one hop before the pod`,
        });
    } else o.hops.push({ node: group.key, rule: `${to.id} listens on the node for its pods` });
    if (o.blocks.length === 0 && o.unknowns.length === 0) return { verdict: 'allowed', path: o.hops };
    outcomes.push(o);
  }
  if (outcomes.length === 0)
    return { verdict: 'unknown', reason: `pod ${pod.id} cannot be placed on a node group of the input` };
  const undetermined = outcomes.find((o) => o.blocks.length === 0);
  if (undetermined)
    return {
      verdict: 'unknown',
      reason: undetermined.unknowns.map((u) => `${u.node}: ${u.reason}`).join('; '),
    };
  return { verdict: 'denied', blockedBy: distinctBlocks(outcomes) };
}

function apply(o: Outcome, c: Check): void {
  if (c.ok === 'yes') o.hops.push(c.hop);
  else if (c.ok === 'no') o.blocks.push(c.block);
  else o.unknowns.push({ node: c.node, reason: c.reason });
}

/** Address ranges of an endpoint that is not a place. */
function rangesOf(e: Endpoint): readonly Range[] {
  if (e.kind === 'external')
    return e.ranges.some((r) => r[0] === 0 && r[1] === 2 ** 32 - 1) ? PUBLIC_ADDRESSES : e.ranges;
  if (e.kind === 'prefix-list') return e.inVpc ? [e.inVpc] : PUBLIC_ADDRESSES;
  if (e.kind === 'link-local') return [e.range];
  return [];
}

function evaluate(
  model: NetworkModel,
  from: Endpoint,
  to: Endpoint,
  src: Place | undefined,
  dst: Place | undefined,
  port: number,
  protocol: 'tcp' | 'udp',
): Outcome {
  const o: Outcome = { hops: [], blocks: [], unknowns: [] };
  const srcRanges = src ? src.ranges : rangesOf(from);
  const dstRanges = dst ? dst.ranges : rangesOf(to);
  const srcPeer: PolicyPeer = { ranges: srcRanges, label: from.id, ...(src?.pod ? { pod: src.pod } : {}) };
  const dstPeer: PolicyPeer = { ranges: dstRanges, label: to.id, ...(dst?.pod ? { pod: dst.pod } : {}) };

  if (src?.pod) apply(o, networkPolicyCheck(model.k8s, src.pod, 'Egress', dstPeer, port, protocol, dst?.pod));
  if (src) apply(o, sgCheck(model, src, 'egress', dst, to, dstRanges, port, protocol));
  // Routing.
  if (src && dst)
    o.hops.push({
      node: src.subnet!.routeTable ?? src.subnet!.key,
      rule: `local route (${formatRange(dst.ranges[0]!)} is in the VPC)`,
    });
  else if (src && !dst) apply(o, routeOut(model, src, to, dstRanges));
  else if (!src && dst) apply(o, routeIn(model, from, srcRanges, dst, port, protocol));
  // Network ACLs: the request one way, the answer back on the client's ephemeral port.
  const ephemeral = src ? (src.linux ? LINUX_EPHEMERAL : ANY_EPHEMERAL) : ANY_EPHEMERAL;
  if (!(src && dst && src.subnet!.key === dst.subnet!.key)) {
    for (const c of naclCrossing(
      model,
      src?.subnet,
      srcRanges,
      dst?.subnet,
      dstRanges,
      port,
      protocol,
      ephemeral,
    ))
      apply(o, c);
    const nat = src && !dst ? natSubnetOf(model, src) : undefined;
    if (nat && to.kind !== 'prefix-list')
      for (const c of naclCrossing(
        model,
        nat,
        srcRanges,
        undefined,
        dstRanges,
        port,
        protocol,
        ephemeral,
        'through the NAT gateway',
      ))
        apply(o, c);
  }
  const published = !src && dst ? lbService(model, dst, port, protocol) : undefined;
  if (published)
    o.hops.push({
      node: dst!.label,
      rule: 'security group rules for the Service are managed by the load balancer controller at run time',
    });
  else if (dst) apply(o, sgCheck(model, dst, 'ingress', src, from, srcRanges, port, protocol));
  if (dst?.pod) apply(o, networkPolicyCheck(model.k8s, dst.pod, 'Ingress', srcPeer, port, protocol, dst.pod));
  if (dst?.pod) apply(o, meshCheck(model.k8s, src?.pod, srcRanges, dst.pod, port));
  return o;
}

function natSubnetOf(model: NetworkModel, src: Place): SubnetModel | undefined {
  const table = model.routeTables.get(src.subnet?.routeTable ?? '');
  const route = table?.routes.find((r) => r.target === 'nat' && r.destination && r.destination[0] === 0);
  return route?.natSubnet ? model.subnets.get(route.natSubnet) : undefined;
}

/** Stateful security groups: egress of the source's groups, or ingress of the destination's. */
function sgCheck(
  model: NetworkModel,
  place: Place,
  direction: 'ingress' | 'egress',
  peer: Place | undefined,
  peerEndpoint: Endpoint,
  peerRanges: readonly Range[],
  port: number,
  protocol: 'tcp' | 'udp',
): Check {
  const node = place.label;
  if (place.sgs.length === 0 && !place.sgUnknown)
    return { ok: 'no', block: { node, rule: 'no security group attached' } };
  let maybe: string | undefined;
  for (const key of place.sgs) {
    const sg = model.securityGroups.get(key);
    if (!sg) continue;
    for (const rule of sg.rules) {
      if (rule.direction !== direction) continue;
      const m = ruleMatches(rule, peer, peerEndpoint, peerRanges, port, protocol);
      if (m === true)
        return {
          ok: 'yes',
          hop: { node, rule: `${direction} ${describeRule(rule, model)} (${rule.source})` },
        };
      if (m !== false) maybe ??= `${rule.source}: ${m}`;
    }
  }
  if (place.sgUnknown) maybe ??= place.sgUnknown;
  if (maybe) return { ok: 'unknown', reason: maybe, node };
  return {
    ok: 'no',
    block: {
      node,
      rule: `no ${direction} rule of ${place.sgs.map((k) => model.securityGroups.get(k)?.name ?? k).join(', ')} admits ${protocol}/${port} ${direction === 'ingress' ? 'from' : 'to'} ${peerEndpoint.id}`,
    },
  };
}

function describeRule(rule: SgRule, model: NetworkModel): string {
  const peer =
    rule.peer.kind === 'cidr'
      ? rule.peer.text
      : rule.peer.kind === 'sg'
        ? `group ${model.securityGroups.get(rule.peer.group)?.name ?? rule.peer.group}`
        : rule.peer.kind === 'external-sg'
          ? `group ${rule.peer.text}`
          : rule.peer.kind === 'prefix-list'
            ? `prefix list ${rule.peer.text}`
            : rule.peer.kind === 'ipv6'
              ? rule.peer.text
              : 'unknown peer';
  const ports =
    rule.protocol === 'all'
      ? 'all traffic'
      : `${rule.protocol} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`;
  return `${ports} ${rule.direction === 'ingress' ? 'from' : 'to'} ${peer}`;
}

/** true / false, or the reason the match is not determined. */
function ruleMatches(
  rule: SgRule,
  peer: Place | undefined,
  peerEndpoint: Endpoint,
  peerRanges: readonly Range[],
  port: number,
  protocol: 'tcp' | 'udp',
): boolean | string {
  if (rule.protocol !== 'all' && rule.protocol !== protocol)
    return rule.protocol === 'other' && rule.unknown ? rule.unknown : false;
  if (rule.protocol !== 'all' && (port < rule.fromPort || port > rule.toPort)) return rule.unknown ?? false;
  switch (rule.peer.kind) {
    case 'sg':
      if (peer) return peer.sgs.includes(rule.peer.group) || (peer.sgUnknown ? peer.sgUnknown : false);
      return false;
    case 'cidr': {
      const r = rule.peer.range;
      return peerRanges.some((p) => overlaps(p, r));
    }
    case 'external-sg':
      return externalGroupMatches(rule.peer.reason, peer, peerRanges);
    case 'prefix-list':
      // Entries the model does not know may hold any address, the internet's included.
      if (rule.peer.unknown) return rule.peer.unknown;
      if (peerEndpoint.kind !== 'prefix-list') return false;
      return rule.peer.name === peerEndpoint.name;
    case 'ipv6':
      // An IPv6 rule admits no IPv4 connection.
      return false;
    default:
      return rule.peer.reason;
  }
}

/**
 * A rule naming a group outside the input admits the network interfaces in that group, which only the
 * deployment decides: any interface of the VPC, or of a network peered with it, may be one. Addresses of the
 * internet never are, so a rule naming a group admits none of them.
 */
function externalGroupMatches(
  reason: string,
  peer: Place | undefined,
  peerRanges: readonly Range[],
): boolean | string {
  if (peer) return `${reason}: whether ${peer.label} is in it is decided at deploy time`;
  const internetOnly = peerRanges.every((r) => PUBLIC_ADDRESSES.some((p) => contains(p, r)));
  return internetOnly ? false : `${reason}: which interfaces are in it is decided at deploy time`;
}

/** A route whose destination the input does not determine could take any traffic that leaves the VPC. */
function undeterminedRoute(table: RouteTableModel | undefined): RouteModel | undefined {
  return table?.routes.find((r) => r.unknown && !r.destination);
}

function routeOut(model: NetworkModel, src: Place, to: Endpoint, dstRanges: readonly Range[]): Check {
  const subnet = src.subnet!;
  const node = subnet.routeTable ?? `${subnet.key} (main route table)`;
  if (subnet.routeTableUnknown) return { ok: 'unknown', reason: subnet.routeTableUnknown, node: subnet.key };
  const table = model.routeTables.get(subnet.routeTable ?? '');
  if (to.kind === 'prefix-list') {
    const service = to.name.split('.').pop();
    const endpoint = table?.gatewayEndpoints.find((g) => g.service.endsWith(`.${service}`));
    if (endpoint)
      return {
        ok: 'yes',
        hop: { node: endpoint.key, rule: `gateway endpoint ${endpoint.service} on ${node}` },
      };
  }
  const inVpc = dstRanges.every((r) =>
    model.vpcRanges.some((v) => overlaps(v, r) && v[0] <= r[0] && r[1] <= v[1]),
  );
  if (inVpc && dstRanges.length > 0) return { ok: 'yes', hop: { node, rule: 'local route' } };
  const undetermined = undeterminedRoute(table);
  if (undetermined) return { ok: 'unknown', reason: undetermined.unknown!, node };
  const routes = (table?.routes ?? []).filter(
    (r) => r.destination && dstRanges.some((d) => overlaps(d, r.destination!)),
  );
  routes.sort((a, b) => b.destination![0] - a.destination![0] || a.destination![1] - b.destination![1]);
  const unknownRoute = (table?.routes ?? []).find((r) => r.unknown);
  for (const route of routes) {
    const dest = formatRange(route.destination!);
    if (route.target === 'igw') {
      if (!src.attachment.publicAddress)
        return {
          ok: 'no',
          block: {
            node: src.label,
            rule: `route ${dest} → internet gateway (${route.key}), but the interfaces have no public address`,
          },
        };
      return { ok: 'yes', hop: { node, rule: `route ${dest} → internet gateway (${route.key})` } };
    }
    if (route.target === 'nat') {
      const natTable = model.routeTables.get(model.subnets.get(route.natSubnet ?? '')?.routeTable ?? '');
      const igw = natTable?.routes.find((r) => r.target === 'igw' && r.destination && r.destination[0] === 0);
      if (!igw)
        return {
          ok: 'no',
          block: {
            node: route.key,
            rule: `route ${dest} → NAT gateway, whose subnet has no internet gateway route`,
          },
        };
      return {
        ok: 'yes',
        hop: { node, rule: `route ${dest} → NAT gateway (${route.key}), then ${igw.key} → internet gateway` },
      };
    }
    if (route.target === 'vgw' || route.target === 'tgw' || route.target === 'peering')
      return { ok: 'yes', hop: { node, rule: `route ${dest} → ${route.target} (${route.key})` } };
    if (route.target === 'unknown')
      return { ok: 'unknown', reason: route.unknown ?? 'route target unknown', node };
  }
  if (unknownRoute) return { ok: 'unknown', reason: unknownRoute.unknown!, node };
  return {
    ok: 'no',
    block: {
      node,
      rule: `no route to ${to.id}${to.kind === 'prefix-list' ? ' (no gateway endpoint, no internet route)' : ''}`,
    },
  };
}

function routeIn(
  model: NetworkModel,
  from: Endpoint,
  srcRanges: readonly Range[],
  dst: Place,
  port: number,
  protocol: 'tcp' | 'udp',
): Check {
  const subnet = dst.subnet!;
  const node = subnet.routeTable ?? `${subnet.key} (main route table)`;
  if (subnet.routeTableUnknown) return { ok: 'unknown', reason: subnet.routeTableUnknown, node: subnet.key };
  const table = model.routeTables.get(subnet.routeTable ?? '');
  if (from.kind === 'prefix-list' && from.inVpc)
    return {
      ok: 'yes',
      hop: {
        node,
        rule: `${from.name} delivers from ${formatRange(from.inVpc)} inside the VPC (no route needed)`,
      },
    };
  const undetermined = undeterminedRoute(table);
  if (undetermined) return { ok: 'unknown', reason: undetermined.unknown!, node };
  const publicSource = intersect(srcRanges, PUBLIC_ADDRESSES).length > 0;
  if (from.kind === 'external' && !publicSource) {
    const route = table?.routes.find(
      (r) =>
        (r.target === 'vgw' || r.target === 'tgw' || r.target === 'peering') &&
        r.destination &&
        srcRanges.some((s) => overlaps(s, r.destination!)),
    );
    if (route)
      return {
        ok: 'yes',
        hop: {
          node,
          rule: `return route ${formatRange(route.destination!)} → ${route.target} (${route.key})`,
        },
      };
    return { ok: 'no', block: { node, rule: `no route between ${from.id} and the subnet` } };
  }
  // From the internet: the subnet must route to an internet gateway and the destination must have a public address.
  const igw = table?.routes.find(
    (r) => r.target === 'igw' && r.destination && srcRanges.some((s) => overlaps(s, r.destination!)),
  );
  const service = lbService(model, dst, port, protocol);
  if (!igw) return { ok: 'no', block: { node, rule: `no internet gateway route: ${subnet.key} is private` } };
  if (!dst.attachment.publicAddress && !service)
    return {
      ok: 'no',
      block: { node: dst.label, rule: 'no public address (internet-facing load balancer or public IP)' },
    };
  return {
    ok: 'yes',
    hop: {
      node,
      rule: `route ${formatRange(igw.destination!)} → internet gateway (${igw.key}); ${service ?? `public address on ${dst.attachment.key}`}`,
    },
  };
}

/** A Service of type LoadBalancer that publishes a pod's port gives the node a public entry. */
function lbService(model: NetworkModel, dst: Place, port: number, protocol: string): string | undefined {
  const pod = dst.pod;
  if (!pod) return undefined;
  for (const svc of model.k8s.services) {
    if (svc.namespace !== pod.namespace) continue;
    const spec = svc.object.spec as Record<string, unknown> | undefined;
    if (!spec || spec.type !== 'LoadBalancer') continue;
    const selector = spec.selector as Record<string, string> | undefined;
    if (!selector || !Object.entries(selector).every(([k, v]) => pod.labels[k] === v)) continue;
    const scheme =
      svc.annotations['service.beta.kubernetes.io/aws-load-balancer-scheme'] ??
      (svc.annotations['service.beta.kubernetes.io/aws-load-balancer-internal'] === 'true'
        ? 'internal'
        : 'internet-facing');
    if (scheme !== 'internet-facing') continue;
    const ports = Array.isArray(spec.ports) ? (spec.ports as Record<string, unknown>[]) : [];
    const hit = ports.find((p) => {
      const target = p.targetPort ?? p.port;
      const number = typeof target === 'number' ? target : pod.namedPorts[String(target)]?.port;
      return number === port && String(p.protocol ?? 'TCP').toLowerCase() === protocol;
    });
    if (hit)
      return `Service ${svc.namespace}/${svc.name} type LoadBalancer (internet-facing) publishes port ${port}`;
  }
  return undefined;
}
