/**
 * Network ACLs are stateless and ordered: the lowest-numbered entry matching protocol, port and address
 * decides, and nothing matching means the final `*` deny. A connection needs four decisions: the request
 * leaving the client's subnet and entering the server's, and the answer (to the client's ephemeral port)
 * leaving the server's subnet and entering the client's. Traffic within one subnet does not cross an ACL.
 * "Some address of the source reaches some address of the destination" is decided exactly by evaluating
 * representative points of the elementary intervals the entries cut the ranges into.
 */
import type { Check } from './check.js';
import type { NaclEntryModel, NaclModel, NetworkModel, SubnetModel } from './model.js';
import { inRanges, representatives, type Range } from './net.js';

type Decision = { action: 'allow' | 'deny' | 'unknown'; entry?: NaclEntryModel; reason?: string };

function decide(leg: Leg, egress: boolean, address: number, port: number, protocol: string): Decision {
  const acl = leg.acl;
  // An ACL outside the input decides at deploy time; the VPC's default ACL allows everything.
  if (leg.subnet?.naclUnknown) return { action: 'unknown', reason: leg.subnet.naclUnknown };
  if (!acl) return { action: 'allow' };
  for (const e of acl.entries) {
    if (e.egress !== egress) continue;
    if (e.unknown) return { action: 'unknown', entry: e, reason: e.unknown };
    if (e.protocol !== 'all' && e.protocol !== protocol) continue;
    if (e.protocol !== 'all' && (port < e.fromPort || port > e.toPort)) continue;
    if (!e.range || !inRanges(address, [e.range])) continue;
    return { action: e.action, entry: e };
  }
  return { action: 'deny' };
}

function aclOf(model: NetworkModel, subnet: SubnetModel | undefined): NaclModel | undefined {
  return subnet?.nacl ? model.nacls.get(subnet.nacl) : undefined;
}

function describe(
  d: Decision,
  acl: NaclModel | undefined,
  subnet: SubnetModel | undefined,
  what: string,
): { node: string; rule: string } {
  const node = acl?.key ?? `${subnet?.key ?? '?'} (default network ACL)`;
  if (!acl) return { node, rule: `${what}: the VPC's default ACL allows all traffic` };
  if (!d.entry) return { node, rule: `${what}: no entry matches, the final * rule denies` };
  const e = d.entry;
  const ports = e.protocol === 'all' ? 'all traffic' : `${e.protocol} ${e.fromPort}-${e.toPort}`;
  return { node, rule: `${what}: rule ${e.ruleNumber} ${e.action} ${ports} ${e.cidrText} (${e.key})` };
}

function portPoints(range: Range, acls: readonly (NaclModel | undefined)[]): number[] {
  const cuts: Range[] = [];
  for (const acl of acls)
    for (const e of acl?.entries ?? []) if (e.protocol !== 'all') cuts.push([e.fromPort, e.toPort]);
  return representatives([range], cuts);
}

function addressPoints(ranges: readonly Range[], acls: readonly (NaclModel | undefined)[]): number[] {
  const cuts: Range[] = [];
  for (const acl of acls) for (const e of acl?.entries ?? []) if (e.range) cuts.push(e.range);
  return representatives(ranges, cuts);
}

/** Where a leg's decision is made: its ACL, or the subnet whose ACL is not in the input. */
function legNode(leg: Leg): string {
  return leg.acl?.key ?? leg.subnet?.key ?? '?';
}

type Leg = {
  acl: NaclModel | undefined;
  subnet: SubnetModel | undefined;
  egress: boolean;
  toward: 'src' | 'dst';
  ephemeral: boolean;
  what: string;
};

const memo = new WeakMap<NetworkModel['nacls'], Map<string, Check[]>>();

/** The text of a range list, kept per list: a place's ranges and an outside endpoint's are built once. */
const rangeTexts = new WeakMap<readonly Range[], string>();

function rangesText(ranges: readonly Range[]): string {
  let text = rangeTexts.get(ranges);
  if (text === undefined) rangeTexts.set(ranges, (text = ranges.map((r) => `${r[0]}-${r[1]}`).join(',')));
  return text;
}

/**
 * The ACL decisions for a connection from `srcRanges` (in `srcSubnet`, or outside the VPC) to `dstRanges`
 * (in `dstSubnet`, or outside). With `transit`, the subnet is crossed in the middle (a NAT gateway's).
 * Memoized per model: many queries cross the same pair of subnets on the same port. Writing the key had cost
 * more than the decisions it looked up: the range lists' text is kept per list, and subnet keys and the transit
 * label, the only free text, are length-prefixed so that no two keys collide.
 */
export function naclCrossing(
  model: NetworkModel,
  srcSubnet: SubnetModel | undefined,
  srcRanges: readonly Range[],
  dstSubnet: SubnetModel | undefined,
  dstRanges: readonly Range[],
  port: number,
  protocol: string,
  ephemeral: Range,
  transit?: string,
): Check[] {
  let cache = memo.get(model.nacls);
  if (!cache) memo.set(model.nacls, (cache = new Map()));
  const key = `${port}|${protocol}|${ephemeral[0]}-${ephemeral[1]}|${rangesText(srcRanges)}|${rangesText(dstRanges)}|${text(srcSubnet?.key)}${text(dstSubnet?.key)}${text(transit)}`;
  let hit = cache.get(key);
  if (!hit)
    cache.set(
      key,
      (hit = crossing(model, srcSubnet, srcRanges, dstSubnet, dstRanges, port, protocol, ephemeral, transit)),
    );
  return hit;
}

/** `-` for none, else the text after its length. */
function text(value: string | undefined): string {
  return value === undefined ? '-' : `${value.length}:${value}`;
}

function crossing(
  model: NetworkModel,
  srcSubnet: SubnetModel | undefined,
  srcRanges: readonly Range[],
  dstSubnet: SubnetModel | undefined,
  dstRanges: readonly Range[],
  port: number,
  protocol: string,
  ephemeral: Range,
  transit?: string,
): Check[] {
  const legs = legsOf(model, srcSubnet, dstSubnet, transit);
  if (legs.every((l) => !l.acl && !l.subnet?.naclUnknown))
    return legs.length
      ? [{ ok: 'yes', hop: describe({ action: 'allow' }, undefined, legs[0]!.subnet, 'network ACL') }]
      : [];
  const acls = [...new Set(legs.map((l) => l.acl))];
  const srcPts = addressPoints(srcRanges, acls);
  const dstPts = addressPoints(dstRanges, acls);
  const ephPts = portPoints(ephemeral, acls);
  let firstFailure: Check[] | undefined;
  let unknown: Check | undefined;
  for (const s of srcPts)
    for (const d of dstPts) {
      const request = legs
        .filter((l) => !l.ephemeral)
        .map((l) => [l, decide(l, l.egress, l.toward === 'src' ? s : d, port, protocol)] as const);
      const badRequest = request.find(([, r]) => r.action !== 'allow');
      if (badRequest) {
        const [leg, r] = badRequest;
        if (r.action === 'unknown') unknown ??= { ok: 'unknown', reason: r.reason!, node: legNode(leg) };
        else firstFailure ??= [{ ok: 'no', block: describe(r, leg.acl, leg.subnet, leg.what) }];
        continue;
      }
      for (const e of ephPts) {
        const answer = legs
          .filter((l) => l.ephemeral)
          .map((l) => [l, decide(l, l.egress, l.toward === 'src' ? s : d, e, protocol)] as const);
        const bad = answer.find(([, r]) => r.action !== 'allow');
        if (!bad)
          return [...request, ...answer].map(
            ([l, r]) =>
              ({
                ok: 'yes',
                hop: describe(r, l.acl, l.subnet, l.ephemeral ? `${l.what} (port ${e})` : l.what),
              }) as Check,
          );
        const [leg, r] = bad;
        if (r.action === 'unknown') unknown ??= { ok: 'unknown', reason: r.reason!, node: legNode(leg) };
        else
          firstFailure ??= [
            {
              ok: 'no',
              block: describe(
                r,
                leg.acl,
                leg.subnet,
                `${leg.what} (ephemeral ${ephemeral[0]}-${ephemeral[1]})`,
              ),
            },
          ];
      }
    }
  if (unknown) return [unknown];
  return (
    firstFailure ?? [
      {
        ok: 'no',
        block: { node: legs[0]!.acl?.key ?? '?', rule: 'no address pair passes the network ACLs' },
      },
    ]
  );
}

/**
 * The ACL crossings of a connection, in the order its hops are reported: the request and the answer at the
 * source subnet, then at the destination subnet; or, through a transit subnet, the request in and out, then
 * the answer in and out.
 */
function legsOf(
  model: NetworkModel,
  srcSubnet: SubnetModel | undefined,
  dstSubnet: SubnetModel | undefined,
  transit: string | undefined,
): Leg[] {
  const legs: Leg[] = [];
  if (transit) {
    const acl = aclOf(model, srcSubnet);
    legs.push(
      {
        acl,
        subnet: srcSubnet,
        egress: false,
        toward: 'src',
        ephemeral: false,
        what: `request enters ${transit}`,
      },
      {
        acl,
        subnet: srcSubnet,
        egress: true,
        toward: 'dst',
        ephemeral: false,
        what: `request leaves ${transit}`,
      },
      {
        acl,
        subnet: srcSubnet,
        egress: false,
        toward: 'dst',
        ephemeral: true,
        what: `answer enters ${transit}`,
      },
      {
        acl,
        subnet: srcSubnet,
        egress: true,
        toward: 'src',
        ephemeral: true,
        what: `answer leaves ${transit}`,
      },
    );
  } else {
    if (srcSubnet) {
      const acl = aclOf(model, srcSubnet);
      legs.push({
        acl,
        subnet: srcSubnet,
        egress: true,
        toward: 'dst',
        ephemeral: false,
        what: 'request leaves the source subnet',
      });
      legs.push({
        acl,
        subnet: srcSubnet,
        egress: false,
        toward: 'dst',
        ephemeral: true,
        what: 'answer enters the source subnet',
      });
    }
    if (dstSubnet) {
      const acl = aclOf(model, dstSubnet);
      legs.push({
        acl,
        subnet: dstSubnet,
        egress: false,
        toward: 'src',
        ephemeral: false,
        what: 'request enters the destination subnet',
      });
      legs.push({
        acl,
        subnet: dstSubnet,
        egress: true,
        toward: 'src',
        ephemeral: true,
        what: 'answer leaves the destination subnet',
      });
    }
  }
  return legs;
}
