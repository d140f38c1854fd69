/**
 * Reachability over IPv6 between the VPC's attachments and addresses outside it (the IPv6 internet, a control
 * plane's ranges), layer by layer: security groups (`CidrIpv6` rules), the subnet's IPv6 routes (an internet
 * gateway carries both ways, an egress-only gateway carries only connections started inside) and the network
 * ACLs' IPv6 entries both ways. The IPv4 model (query.ts) leaves IPv6 out; this answers the IPv6 questions on the
 * same model and with the same verdicts: allowed with the witness path, denied with the blocking rule, unknown
 * when a layer depends on a value the input does not determine.
 *
 * What is assumed: the VPC's own IPv6 range never overlaps the outside ranges asked about (AWS assigns it from
 * its public pool), and pods are judged by their node's groups and subnet (the conservative side: a pod on the
 * host network has the node's addresses).
 */
import type { BlockingRule, PathHop } from '../../findings/index.js';
import { cidrRange as blockRange, parseCidr } from '../../contract/cidr.js';
import type { AttachmentModel, NaclEntryModel, NetworkModel, SgRule, SubnetModel } from './model.js';
import type { Endpoint, ReachAnswer } from './query.js';
import { IPV6_ROUTE_NOTE } from './aws/routes.js';

/** An inclusive interval of IPv6 addresses. */
export type Range6 = readonly [bigint, bigint];

export function ipv6Ranges(cidrs: readonly string[]): Range6[] {
  return cidrs.flatMap((text) => {
    const c = parseCidr(text.trim(), { hostBits: 'mask', bareAddress: true });
    if (c?.version !== 6) return [];
    const r = blockRange(c);
    return [[r.first, r.last] as Range6];
  });
}

function intersect6(a: readonly Range6[], b: readonly Range6[]): Range6[] {
  const out: Range6[] = [];
  for (const x of a)
    for (const y of b) {
      const lo = x[0] > y[0] ? x[0] : y[0];
      const hi = x[1] < y[1] ? x[1] : y[1];
      if (lo <= hi) out.push([lo, hi]);
    }
  return out;
}

const LINUX_EPHEMERAL: readonly [number, number] = [32768, 60999];
const ANY_EPHEMERAL: readonly [number, number] = [1024, 65535];

interface Place {
  readonly label: string;
  readonly sgs: readonly string[];
  readonly sgUnknown?: string;
  readonly subnet?: SubnetModel;
  readonly linux: boolean;
}

type Step =
  | { ok: true; hop: PathHop; ranges: Range6[] }
  | { ok: false; block: BlockingRule }
  | { unknown: string; node: string };

function placesOf(model: NetworkModel, e: Endpoint): Place[] | string {
  const fromAttachment = (a: AttachmentModel): Place[] =>
    a.subnets.length === 0
      ? [{ label: a.key, sgs: a.sgs, sgUnknown: a.sgUnknown ?? a.subnetUnknown, linux: a.linux }]
      : a.subnets.map((s) => ({
          label: `${a.key} in ${s}`,
          sgs: a.sgs,
          ...(a.sgUnknown ? { sgUnknown: a.sgUnknown } : {}),
          subnet: model.subnets.get(s),
          linux: a.linux,
        }));
  if (e.kind === 'attachments') return e.attachments.flatMap(fromAttachment);
  if (e.kind === 'pod')
    return e.pod.nodeGroups.flatMap((g) => {
      const a = model.attachments.get(g);
      return a ? fromAttachment(a) : [];
    });
  return e.kind === 'unresolved' ? e.reason : `${e.id} has no IPv6 place in the VPC`;
}

function ruleAdmits(rule: SgRule, port: number, protocol: string): boolean {
  if (rule.protocol === 'all') return true;
  return rule.protocol === protocol && port >= rule.fromPort && port <= rule.toPort;
}

/** The part of `ranges` the place's security groups admit in `direction`. */
function securityGroups(
  model: NetworkModel,
  place: Place,
  direction: 'ingress' | 'egress',
  ranges: readonly Range6[],
  port: number,
  protocol: string,
): Step {
  const node = place.sgs.join(', ') || place.label;
  if (place.sgUnknown) return { unknown: place.sgUnknown, node };
  let admitted: Range6[] = [];
  const rules: string[] = [];
  for (const key of place.sgs) {
    const group = model.securityGroups.get(key);
    if (!group) return { unknown: `security group ${key} is not in the input`, node: key };
    for (const rule of group.rules) {
      if (rule.direction !== direction) continue;
      if (rule.unknown) return { unknown: rule.unknown, node: rule.source };
      if (!ruleAdmits(rule, port, protocol)) continue;
      const peer = rule.peer;
      if (peer.kind === 'unknown') return { unknown: peer.reason, node: rule.source };
      if (peer.kind === 'prefix-list' && (peer.unknown || peer.text.includes('ipv6')))
        return {
          unknown: peer.unknown ?? `the IPv6 entries of prefix list ${peer.text} are not modelled`,
          node: rule.source,
        };
      if (peer.kind !== 'ipv6') continue;
      const hit = intersect6(ranges, ipv6Ranges([peer.text]));
      if (hit.length) {
        admitted = admitted.concat(hit);
        rules.push(
          `${rule.protocol === 'all' ? 'all traffic' : `${rule.protocol} ${rule.fromPort}-${rule.toPort}`} ${direction === 'ingress' ? 'from' : 'to'} ${peer.text} (${rule.source})`,
        );
      }
    }
  }
  if (admitted.length === 0)
    return {
      ok: false,
      block: {
        node,
        rule: `no ${direction} rule admits ${protocol}/${port} over IPv6 ${direction === 'ingress' ? 'from' : 'to'} these addresses`,
      },
    };
  return {
    ok: true,
    hop: { node, rule: `security group ${direction}: ${rules.join('; ')}` },
    ranges: admitted,
  };
}

/** The IPv6 routes of the subnet toward `ranges`; `inbound` asks whether a connection can come in from them. */
function routes(model: NetworkModel, place: Place, ranges: readonly Range6[], inbound: boolean): Step {
  const subnet = place.subnet;
  const node = subnet?.routeTable ?? subnet?.key ?? place.label;
  if (!subnet) return { unknown: `the subnet of ${place.label} is not determined`, node };
  if (subnet.routeTableUnknown) return { unknown: subnet.routeTableUnknown, node };
  // Without an association of its own the subnet uses the VPC's main table, which the input cannot show (nor
  // whether an association it writes, whose subnet it does not determine, is this one).
  if (!subnet.routeTable)
    return { unknown: `${subnet.key} has no route table association in the input`, node };
  const floating = model.notes.find((n) => n.startsWith(IPV6_ROUTE_NOTE));
  if (floating) return { unknown: floating, node };
  const table = subnet.routeTable ? model.routeTables.get(subnet.routeTable) : undefined;
  const v6 = (table?.routes ?? [])
    .filter((r) => r.ipv6Destination !== undefined)
    .map((r) => ({
      r,
      range: ipv6Ranges([r.ipv6Destination!])[0],
      prefix: Number(r.ipv6Destination!.split('/')[1] ?? 128),
    }))
    .filter((x) => x.range !== undefined)
    .sort((a, b) => b.prefix - a.prefix);
  // A route whose destination is not determined may cover any address; it matters where it could carry.
  const open = (table?.routes ?? []).find(
    (r) =>
      r.ipv6Unknown &&
      (r.target === 'igw' || (r.target === 'egress-only' && !inbound) || r.target === 'unknown'),
  );
  if (open) return { unknown: open.ipv6Unknown!, node: open.key };
  // Longest prefix first: each address goes by the most specific route that covers it.
  let rest: Range6[] = [...ranges];
  const through: Range6[] = [];
  const used: string[] = [];
  for (const { r, range } of v6) {
    const hit = intersect6(rest, [range!]);
    if (hit.length === 0) continue;
    rest = subtract6(rest, [range!]);
    if (r.unknown) return { unknown: r.unknown, node: r.key };
    const carries = r.target === 'igw' || (r.target === 'egress-only' && !inbound);
    if (
      r.target === 'unknown' ||
      r.target === 'tgw' ||
      r.target === 'vgw' ||
      r.target === 'peering' ||
      r.target === 'other'
    )
      return {
        unknown: `${r.key} sends ${r.ipv6Destination} to a ${r.target} target, whose onward path is not in the input`,
        node: r.key,
      };
    if (carries) {
      through.push(...hit);
      used.push(
        `${r.ipv6Destination} → ${r.target === 'igw' ? 'internet gateway' : 'egress-only internet gateway'} (${r.key})`,
      );
    }
  }
  if (through.length === 0) {
    const egressOnly = v6.some(
      (x) => x.r.target === 'egress-only' && intersect6(ranges, [x.range!]).length > 0,
    );
    return {
      ok: false,
      block: {
        node,
        rule:
          inbound && egressOnly
            ? 'the IPv6 route leads to an egress-only internet gateway, which admits no connection from outside'
            : 'no IPv6 route to an internet gateway covers these addresses',
      },
    };
  }
  return { ok: true, hop: { node, rule: `IPv6 routes: ${used.join('; ')}` }, ranges: through };
}

function subtract6(a: readonly Range6[], cut: readonly Range6[]): Range6[] {
  let out: Range6[] = [...a];
  for (const c of cut) {
    const next: Range6[] = [];
    for (const r of out) {
      if (r[1] < c[0] || c[1] < r[0]) next.push(r);
      else {
        if (r[0] < c[0]) next.push([r[0], c[0] - 1n]);
        if (c[1] < r[1]) next.push([c[1] + 1n, r[1]]);
      }
    }
    out = next;
  }
  return out;
}

/** The first entry of the subnet's ACL deciding `port` for some address of `ranges` (stateless, ordered). */
function nacl(
  model: NetworkModel,
  place: Place,
  egress: boolean,
  ranges: readonly Range6[],
  ports: readonly [number, number],
  protocol: string,
  what: string,
): Step {
  const subnet = place.subnet;
  if (subnet?.naclUnknown) return { unknown: subnet.naclUnknown, node: subnet.key };
  const acl = subnet?.nacl ? model.nacls.get(subnet.nacl) : undefined;
  if (!acl)
    return {
      ok: true,
      hop: {
        node: `${subnet?.key ?? place.label} (default network ACL)`,
        rule: `${what}: the default ACL allows all traffic`,
      },
      ranges: [...ranges],
    };
  const entries = acl.entries.filter((e) => e.egress === egress);
  let rest: Range6[] = [...ranges];
  const allowed: Range6[] = [];
  let first: NaclEntryModel | undefined;
  for (const e of entries) {
    if (e.range) continue; // an IPv4 entry
    if (e.unknown) return { unknown: e.unknown, node: e.key };
    const portsMatch =
      e.protocol === 'all' || (e.protocol === protocol && e.fromPort <= ports[1] && ports[0] <= e.toPort);
    if (!portsMatch) continue;
    const cover = ipv6Ranges([e.cidrText]);
    const hit = intersect6(rest, cover);
    if (hit.length === 0) continue;
    // An entry that covers only part of the port range decides only those ports; the rest fall through, which
    // the whole-range entries we generate never need, so such an entry is read as deciding its ports alone.
    const wholePorts = e.protocol === 'all' || (e.fromPort <= ports[0] && ports[1] <= e.toPort);
    if (e.action === 'allow') {
      allowed.push(...hit);
      first ??= e;
    }
    if (wholePorts) rest = subtract6(rest, cover);
  }
  if (allowed.length === 0)
    return {
      ok: false,
      block: {
        node: acl.key,
        rule: `${what}: no IPv6 entry allows ${protocol} ${ports[0]}-${ports[1]}, the final * rule denies`,
      },
    };
  return {
    ok: true,
    hop: {
      node: acl.key,
      rule: `${what}: rule ${first!.ruleNumber} allow ${first!.protocol} ${first!.fromPort}-${first!.toPort} ${first!.cidrText}`,
    },
    ranges: allowed,
  };
}

function answerOf(results: { steps: Step[] }[]): ReachAnswer {
  const blocked: BlockingRule[] = [];
  let unknown: { unknown: string; node: string } | undefined;
  for (const { steps } of results) {
    const last = steps[steps.length - 1]!;
    if ('unknown' in last) unknown ??= last;
    else if (!last.ok) blocked.push(last.block);
    else return { verdict: 'allowed', path: steps.map((s) => (s as { hop: PathHop }).hop) };
  }
  if (unknown) return { verdict: 'unknown', reason: `${unknown.node}: ${unknown.unknown}` };
  return { verdict: 'denied', blockedBy: blocked };
}

/** Runs the layers in order, each narrowing the addresses, until one blocks or is undetermined. */
function run(ranges: Range6[], layers: ((r: Range6[]) => Step)[]): { steps: Step[] } {
  const steps: Step[] = [];
  let current = ranges;
  for (const layer of layers) {
    const s = layer(current);
    steps.push(s);
    if (!('ok' in s) || !s.ok) break;
    current = s.ranges;
  }
  return { steps };
}

/** Can some address of `from` open a connection to some address of the IPv6 ranges `to`? */
export function canReachIpv6Outbound(
  model: NetworkModel,
  from: Endpoint,
  to: readonly Range6[],
  port: number,
  protocol: 'tcp' | 'udp',
): ReachAnswer {
  const places = placesOf(model, from);
  if (typeof places === 'string') return { verdict: 'unknown', reason: places };
  if (places.length === 0)
    return { verdict: 'denied', blockedBy: [{ node: from.id, rule: 'no network interface in the VPC' }] };
  return answerOf(
    places.map((p) =>
      run(
        [...to],
        [
          (r) => securityGroups(model, p, 'egress', r, port, protocol),
          (r) => nacl(model, p, true, r, [port, port], protocol, 'IPv6 request leaving'),
          (r) =>
            nacl(
              model,
              p,
              false,
              r,
              p.linux ? LINUX_EPHEMERAL : ANY_EPHEMERAL,
              protocol,
              'IPv6 answer entering',
            ),
          (r) => routes(model, p, r, false),
        ],
      ),
    ),
  );
}

/** Can some address of the IPv6 ranges `from` open a connection to `to` in the VPC? */
export function canReachIpv6Inbound(
  model: NetworkModel,
  from: readonly Range6[],
  to: Endpoint,
  port: number,
  protocol: 'tcp' | 'udp',
): ReachAnswer {
  const places = placesOf(model, to);
  if (typeof places === 'string') return { verdict: 'unknown', reason: places };
  if (places.length === 0)
    return { verdict: 'denied', blockedBy: [{ node: to.id, rule: 'no network interface in the VPC' }] };
  return answerOf(
    places.map((p) =>
      run(
        [...from],
        [
          (r) => routes(model, p, r, true),
          (r) => nacl(model, p, false, r, [port, port], protocol, 'IPv6 request entering'),
          (r) => nacl(model, p, true, r, ANY_EPHEMERAL, protocol, 'IPv6 answer leaving'),
          (r) => securityGroups(model, p, 'ingress', r, port, protocol),
        ],
      ),
    ),
  );
}
