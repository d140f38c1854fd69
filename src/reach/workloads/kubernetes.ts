/**
 * Connections between Kubernetes workloads (and between workloads and addresses outside the cluster) under
 * NetworkPolicy v1, assuming the CNI enforces the policies. Listing and evaluating one connection share the
 * per-direction sets below, so `eval` answers exactly what membership in `list` says.
 */
import { formatIpAddress, type AddressRange, type IpVersion } from '../../contract/cidr.js';
import type { Inventory } from '../../inventory/model.js';
import {
  ALL_CONNECTIONS,
  difference,
  equalSets,
  hasConnection,
  intersection,
  isEmpty,
  NO_CONNECTIONS,
  union,
  type ConnectionSet,
  type Protocol,
} from '../engine/connection-set.js';
import type { KubernetesModel, PodModel } from '../engine/model.js';
import { externalId, inBlocks, pieces, wholeFamily } from './external.js';
import {
  compileSides,
  type CompiledRule,
  type Direction,
  type PeerMatch,
  type Side,
} from './policy-sides.js';
import type { Connection, LayerVerdict, Workload } from './types.js';

/** The other end of a connection: a workload's pod, or one address outside the cluster. */
export type Peer =
  | { readonly kind: 'pod'; readonly index: number }
  | { readonly kind: 'address'; readonly version: IpVersion; readonly value: bigint };

interface DirectionSets {
  readonly allowed: ConnectionSet;
  readonly unknown: ConnectionSet;
  readonly reason?: string;
}

const OPEN: DirectionSets = { allowed: ALL_CONNECTIONS, unknown: NO_CONNECTIONS };
/** No connection at all, as one object so the pair loop can skip it by identity. */
const NOTHING: DirectionSets = { allowed: NO_CONNECTIONS, unknown: NO_CONNECTIONS };

/** Kinds that own pods; a ReplicaSet, Job or Pod with an owner is listed as its owner. */
const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicaSet',
  'ReplicationController',
  'Pod',
]);

export class KubernetesReach {
  readonly workloads: readonly Workload[];
  private readonly pods: readonly PodModel[];
  private readonly sides: ReturnType<typeof compileSides>;
  private readonly families: readonly IpVersion[];
  private readonly hostNetworkPods: readonly number[];
  private readonly peerSets: Record<Direction, ((peer: number) => DirectionSets)[]> = {
    Ingress: [],
    Egress: [],
  };

  constructor(inventory: Inventory, k8s: KubernetesModel) {
    this.pods = k8s.pods.filter((p) => !p.hypothetical && p.template && isListed(p));
    this.workloads = this.pods.map((p) => ({
      id: `${p.namespace}/${p.template!.owner.name}[${p.template!.owner.kind}]`,
      namespace: p.namespace,
      name: p.template!.owner.name,
      kind: p.template!.owner.kind,
    }));
    this.sides = compileSides(inventory, k8s, this.pods);
    this.hostNetworkPods = this.pods.flatMap((p, i) => (p.hostNetwork ? [i] : []));
    // IPv6 ranges are listed only when a policy names an IPv6 block: most clusters are IPv4 only.
    this.families = usesIpv6(k8s) ? [4, 6] : [4];
  }

  /** Every connection between two different workloads, and between workloads and outside addresses. */
  connections(): Connection[] {
    const out: Connection[] = [];
    const n = this.pods.length;
    for (let s = 0; s < n; s++) {
      const egress = this.towardsPods(s, 'Egress');
      for (let t = 0; t < n; t++) {
        if (s === t) continue;
        const c = this.podToPod(s, t, egress);
        if (c) out.push(c);
      }
      out.push(...this.external(s, 'Egress'), ...this.external(s, 'Ingress'));
    }
    return out;
  }

  private podToPod(s: number, t: number, egressOf: (peer: number) => DirectionSets): Connection | undefined {
    const egress = egressOf(t);
    if (egress === NOTHING) return undefined;
    const ingress = this.towardsPods(t, 'Ingress')(s);
    if (ingress === NOTHING) return undefined;
    return combine(this.workloads[s]!.id, this.workloads[t]!.id, egress, ingress);
  }

  /**
   * The sets of one pod's direction for each pod peer, computed once per side from the pods each rule
   * selects (what `directionSets` computes for one peer, without scanning the rules per pair).
   */
  private towardsPods(index: number, direction: Direction): (peer: number) => DirectionSets {
    const cache = this.peerSets[direction];
    const hit = cache[index];
    if (hit) return hit;
    const side = this.sides.side(index, direction);
    let lookup: (peer: number) => DirectionSets;
    if (side.kind !== 'isolated') {
      const sets = this.directionSets(side, { kind: 'pod', index: 0 }, undefined);
      lookup = () => sets;
    } else if (direction === 'Egress' && side.rules.some((r) => r.everyPeer && r.namedPorts)) {
      // Ports named for every peer resolve per destination: no shared base.
      lookup = (peer) => this.directionSets(side, { kind: 'pod', index: peer }, this.pods[peer]);
    } else {
      const own = direction === 'Ingress' ? this.pods[index] : undefined;
      let base = NO_CONNECTIONS;
      for (const rule of side.rules) if (rule.everyPeer) base = union(base, rule.ports(own));
      const byPeer = new Map<number, { allowed: ConnectionSet; unknown: ConnectionSet; reason?: string }>();
      const add = (peer: number, match: PeerMatch, ports: ConnectionSet) => {
        const entry = byPeer.get(peer) ?? { allowed: base, unknown: NO_CONNECTIONS };
        if (match === true) entry.allowed = union(entry.allowed, ports);
        else {
          entry.unknown = union(entry.unknown, ports);
          entry.reason ??= match.unknown;
        }
        byPeer.set(peer, entry);
      };
      for (const rule of side.rules) {
        if (rule.everyPeer) continue;
        for (const [peer, match] of rule.pods) add(peer, match, rule.ports(own ?? this.pods[peer]));
        if (rule.blocks.length > 0)
          for (const peer of this.hostNetworkPods)
            add(
              peer,
              this.peerMatch(rule, { kind: 'pod', index: peer })!,
              rule.ports(own ?? this.pods[peer]),
            );
      }
      const finished = new Map<number, DirectionSets>();
      for (const [peer, entry] of byPeer) {
        const unknown = difference(entry.unknown, entry.allowed);
        const empty = isEmpty(entry.allowed) && isEmpty(unknown);
        finished.set(
          peer,
          empty
            ? NOTHING
            : {
                allowed: entry.allowed,
                unknown,
                ...(!isEmpty(unknown) && entry.reason ? { reason: entry.reason } : {}),
              },
        );
      }
      const fallback: DirectionSets = isEmpty(base) ? NOTHING : { allowed: base, unknown: NO_CONNECTIONS };
      lookup = (peer) => finished.get(peer) ?? fallback;
    }
    cache[index] = lookup;
    return lookup;
  }

  /** A pod's connections to (egress) or from (ingress) outside addresses, merged into maximal ranges. */
  private external(index: number, direction: Direction): Connection[] {
    const side = this.sides.side(index, direction);
    const destination = direction === 'Ingress' ? this.pods[index] : undefined;
    const blocks = side.kind === 'isolated' ? side.rules.flatMap((r) => r.blocks) : [];
    const out: Connection[] = [];
    for (const version of this.families) {
      const ranges: { range: AddressRange; sets: DirectionSets }[] = [];
      for (const piece of side.kind === 'isolated' ? pieces(version, blocks) : [wholeFamily(version)]) {
        const sets = this.directionSets(side, { kind: 'address', version, value: piece.first }, destination);
        const last = ranges.at(-1);
        if (last && sameSets(last.sets, sets)) last.range = { ...last.range, last: piece.last };
        else ranges.push({ range: piece, sets });
      }
      for (const { range, sets } of ranges) {
        if (isEmpty(sets.allowed) && isEmpty(sets.unknown)) continue;
        const workload = this.workloads[index]!.id;
        const address = externalId(range);
        out.push(
          direction === 'Egress'
            ? combine(workload, address, sets, OPEN)
            : combine(address, workload, OPEN, sets),
        );
      }
    }
    return out;
  }

  /**
   * Every layer's verdict for one connection: the source pod's egress policies, then the destination pod's
   * ingress policies (an address outside the cluster has neither).
   */
  layers(from: Peer, to: Peer, port: number, protocol: Protocol): LayerVerdict[] {
    const layers: LayerVerdict[] = [];
    const destination = to.kind === 'pod' ? this.pods[to.index] : undefined;
    if (from.kind === 'pod') layers.push(this.layer(from.index, 'Egress', to, destination, port, protocol));
    if (to.kind === 'pod') layers.push(this.layer(to.index, 'Ingress', from, destination, port, protocol));
    return layers;
  }

  private layer(
    index: number,
    direction: Direction,
    peer: Peer,
    destination: PodModel | undefined,
    port: number,
    protocol: Protocol,
  ): LayerVerdict {
    const pod = this.workloads[index]!.id;
    const layer = `${direction.toLowerCase()} of ${pod}`;
    const side = this.sides.side(index, direction);
    if (side.kind === 'open') return { layer, verdict: 'allowed', rule: side.reason };
    if (side.kind === 'unknown') return { layer, verdict: 'unknown', rule: side.reason };
    let unknown: string | undefined;
    for (const rule of side.rules) {
      const match = this.peerMatch(rule, peer);
      if (match === undefined || !hasConnection(rule.ports(destination), protocol, port)) continue;
      if (match === true) return { layer, verdict: 'allowed', rule: rule.label };
      unknown ??= match.unknown;
    }
    if (unknown) return { layer, verdict: 'unknown', rule: unknown };
    return {
      layer,
      verdict: 'denied',
      rule: `NetworkPolicy ${side.policies.join(', ')} ${side.policies.length === 1 ? 'isolates' : 'isolate'} ${pod} for ${direction.toLowerCase()}; no rule admits ${this.peerName(peer)} on ${protocol} ${port}`,
    };
  }

  peerName(peer: Peer): string {
    if (peer.kind === 'pod') return this.workloads[peer.index]!.id;
    return `${formatIpAddress({ version: peer.version, value: peer.value })}[External]`;
  }

  private directionSets(side: Side, peer: Peer, destination: PodModel | undefined): DirectionSets {
    if (side.kind === 'open') return OPEN;
    if (side.kind === 'unknown')
      return { allowed: NO_CONNECTIONS, unknown: ALL_CONNECTIONS, reason: side.reason };
    let allowed = NO_CONNECTIONS;
    let unknown = NO_CONNECTIONS;
    let reason: string | undefined;
    for (const rule of side.rules) {
      const match = this.peerMatch(rule, peer);
      if (match === undefined) continue;
      if (match === true) allowed = union(allowed, rule.ports(destination));
      else {
        unknown = union(unknown, rule.ports(destination));
        reason ??= match.unknown;
      }
    }
    unknown = difference(unknown, allowed);
    return isEmpty(unknown) ? { allowed, unknown } : { allowed, unknown, ...(reason ? { reason } : {}) };
  }

  /** Whether a rule's peers include `peer`: true, unknown with the reason, or undefined for no. */
  private peerMatch(rule: CompiledRule, peer: Peer): PeerMatch | undefined {
    if (rule.everyPeer) return true;
    if (peer.kind === 'address') return inBlocks(peer.value, peer.version, rule.blocks) ? true : undefined;
    if (this.pods[peer.index]!.hostNetwork && rule.blocks.length > 0)
      return {
        unknown: `${rule.label}: ${this.workloads[peer.index]!.id} uses the node's address, which the input does not give`,
      };
    return rule.pods.get(peer.index);
  }
}

function combine(from: string, to: string, egress: DirectionSets, ingress: DirectionSets): Connection {
  const allowed = intersection(egress.allowed, ingress.allowed);
  const possible = intersection(
    union(egress.allowed, egress.unknown),
    union(ingress.allowed, ingress.unknown),
  );
  const unknown = difference(possible, allowed);
  const reasons = isEmpty(unknown)
    ? []
    : [egress.reason, ingress.reason].filter((r): r is string => r !== undefined);
  return { from, to, allowed, unknown, reasons };
}

function sameSets(a: DirectionSets, b: DirectionSets): boolean {
  return equalSets(a.allowed, b.allowed) && equalSets(a.unknown, b.unknown) && a.reason === b.reason;
}

function isListed(pod: PodModel): boolean {
  const owner = pod.template!.owner;
  if (!WORKLOAD_KINDS.has(owner.kind)) return false;
  const metadata = owner.object.metadata as { ownerReferences?: unknown } | undefined;
  const owned = Array.isArray(metadata?.ownerReferences) && metadata.ownerReferences.length > 0;
  return !(owned && (owner.kind === 'ReplicaSet' || owner.kind === 'Job' || owner.kind === 'Pod'));
}

function usesIpv6(k8s: KubernetesModel): boolean {
  const rec = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  return k8s.networkPolicies.some((p) => {
    const spec = rec(p.object.spec);
    return [
      ...list(spec.ingress).flatMap((r) => list(rec(r).from)),
      ...list(spec.egress).flatMap((r) => list(rec(r).to)),
    ].some((peer) => String(rec(rec(peer).ipBlock).cidr ?? '').includes(':'));
  });
}
