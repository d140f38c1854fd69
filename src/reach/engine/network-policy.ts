/**
 * Kubernetes NetworkPolicy semantics (networking.k8s.io/v1), evaluated for one pod, one direction and one peer:
 * - a pod is isolated for a direction only when a policy in its namespace selects it (an empty podSelector
 *   selects every pod) and lists that direction in policyTypes; omitted policyTypes mean Ingress, plus Egress
 *   when the policy has egress rules;
 * - an isolated pod admits a connection only when a rule of one of those policies matches peer and port;
 *   a rule with no peers matches every peer, a rule with no ports every port;
 * - a peer with namespaceSelector and podSelector together selects those pods in those namespaces; the two as
 *   separate peers select either; ipBlock matches addresses in `cidr` but not in `except`;
 * - a named port resolves against the destination pod's container ports.
 * Written by hand: no maintained library evaluates policies offline.
 */
import { labelsOfNamespace } from './build-k8s.js';
import type { KubernetesModel, PodModel } from './model.js';
import { cidrRange, intersect, overlaps, subtract, type Range } from './net.js';
import { matchLabelSelector, SELECTOR_MATCH, SELECTOR_NO_MATCH, type SelectorOutcome } from './selectors.js';
import type { Check } from './check.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** The other side of a connection as the policy sees it. */
export interface PolicyPeer {
  readonly pod?: PodModel;
  /** Addresses the peer may use (a pod's node subnets, an external range). */
  readonly ranges: readonly Range[];
  readonly label: string;
}

const byNamespace = new WeakMap<KubernetesModel, Map<string, KubernetesModel['networkPolicies'][number][]>>();

/** The policies of one namespace (indexed once per model: queries would otherwise scan every policy). */
function policiesIn(k8s: KubernetesModel, namespace: string) {
  let index = byNamespace.get(k8s);
  if (!index) {
    index = new Map();
    for (const p of k8s.networkPolicies) {
      const list = index.get(p.namespace ?? 'default') ?? [];
      list.push(p);
      index.set(p.namespace ?? 'default', list);
    }
    byNamespace.set(k8s, index);
  }
  return index.get(namespace) ?? [];
}

export function policyTypesOf(spec: Obj): string[] {
  if (Array.isArray(spec.policyTypes)) return spec.policyTypes.map(String);
  return Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

export function networkPolicyCheck(
  k8s: KubernetesModel,
  pod: PodModel,
  direction: 'Ingress' | 'Egress',
  peer: PolicyPeer,
  port: number,
  protocol: string,
  /** The destination pod, for named ports (the policy's pod on ingress, the peer on egress). */
  destination: PodModel | undefined,
): Check {
  const node = `pod ${pod.id}`;
  if (pod.hostNetwork) return { ok: 'yes', hop: { node, rule: 'hostNetwork: NetworkPolicies do not apply' } };
  if (k8s.enforced === false)
    return { ok: 'yes', hop: { node, rule: `NetworkPolicies not enforced (${k8s.enforcementSource})` } };
  if (!k8s.present)
    return {
      ok: 'unknown',
      reason: 'the input has no Kubernetes manifests, so the NetworkPolicies are not known',
      node,
    };
  const isolating: KubernetesModel['networkPolicies'][number][] = [];
  for (const p of policiesIn(k8s, pod.namespace)) {
    const spec = obj(p.object.spec);
    if (!policyTypesOf(spec).includes(direction)) continue;
    const selected = matchLabelSelector(spec.podSelector ?? {}, pod.labels);
    if (selected.outcome === 'unknown')
      return {
        ok: 'unknown',
        reason: `NetworkPolicy ${p.namespace}/${p.name}: podSelector ${selected.reason}`,
        node,
      };
    if (selected.outcome === 'match') isolating.push(p);
  }
  if (isolating.length === 0) {
    if (k8s.enforced === undefined)
      return {
        ok: 'yes',
        hop: { node, rule: `no NetworkPolicy selects the pod for ${direction.toLowerCase()}` },
      };
    return {
      ok: 'yes',
      hop: { node, rule: `no NetworkPolicy selects the pod for ${direction.toLowerCase()} (not isolated)` },
    };
  }
  const field = direction === 'Ingress' ? 'ingress' : 'egress';
  const peersField = direction === 'Ingress' ? 'from' : 'to';
  // A rule whose peers cannot be decided admits the connection or not: unknown, unless another rule admits it.
  let undecided: string | undefined;
  for (const policy of isolating) {
    const rules = obj(policy.object.spec)[field];
    if (!Array.isArray(rules)) continue;
    for (const [i, rawRule] of rules.entries()) {
      const rule = obj(rawRule);
      const peers = rule[peersField];
      const peerOk =
        !Array.isArray(peers) || peers.length === 0
          ? SELECTOR_MATCH
          : anyMatch(peers.map((p) => peerMatches(k8s, policy.namespace!, obj(p), peer)));
      if (peerOk.outcome === 'no-match') continue;
      const ports = rule.ports;
      const portOk =
        !Array.isArray(ports) ||
        ports.length === 0 ||
        ports.some((p) => portMatches(obj(p), port, protocol, destination));
      if (!portOk) continue;
      if (peerOk.outcome === 'unknown') {
        undecided ??= `NetworkPolicy ${policy.namespace}/${policy.name} ${field}[${i}]: ${peerOk.reason}`;
        continue;
      }
      if (k8s.enforced === undefined) return { ok: 'unknown', reason: k8s.enforcementSource, node };
      return {
        ok: 'yes',
        hop: { node, rule: `NetworkPolicy ${policy.namespace}/${policy.name} ${field}[${i}]` },
      };
    }
  }
  if (k8s.enforced === undefined) return { ok: 'unknown', reason: k8s.enforcementSource, node };
  if (undecided !== undefined) return { ok: 'unknown', reason: undecided, node };
  return {
    ok: 'no',
    block: {
      node,
      rule: `NetworkPolicy ${isolating.map((p) => `${p.namespace}/${p.name}`).join(', ')} isolate the pod for ${field}; no rule admits ${peer.label} on ${protocol}/${port}`,
    },
  };
}

/** Match when one outcome matches; otherwise unknown when one is unknown; otherwise no match. */
function anyMatch(outcomes: readonly SelectorOutcome[]): SelectorOutcome {
  return (
    outcomes.find((o) => o.outcome === 'match') ??
    outcomes.find((o) => o.outcome === 'unknown') ??
    SELECTOR_NO_MATCH
  );
}

function peerMatches(
  k8s: KubernetesModel,
  policyNamespace: string,
  p: Obj,
  peer: PolicyPeer,
): SelectorOutcome {
  if (p.ipBlock !== undefined) {
    const block = obj(p.ipBlock);
    const range = cidrRange(String(block.cidr ?? ''));
    if (!range) return SELECTOR_NO_MATCH;
    const except = (Array.isArray(block.except) ? block.except : [])
      .map((e) => cidrRange(String(e)))
      .filter((r): r is Range => r !== undefined);
    const allowed = subtract([range], except);
    return intersect(allowed, peer.ranges).length > 0 &&
      peer.ranges.some((r) => allowed.some((a) => overlaps(a, r)))
      ? SELECTOR_MATCH
      : SELECTOR_NO_MATCH;
  }
  if (!peer.pod) return SELECTOR_NO_MATCH;
  const hasPod = p.podSelector !== undefined;
  const hasNs = p.namespaceSelector !== undefined;
  if (!hasPod && !hasNs) return SELECTOR_NO_MATCH;
  const nsOk = hasNs
    ? matchLabelSelector(p.namespaceSelector, labelsOfNamespace(k8s, peer.pod.namespace))
    : peer.pod.namespace === policyNamespace
      ? SELECTOR_MATCH
      : SELECTOR_NO_MATCH;
  const podOk = hasPod ? matchLabelSelector(p.podSelector, peer.pod.labels) : SELECTOR_MATCH;
  // Both must match: a certain non-match of either decides; otherwise an unknown part leaves it unknown.
  if (nsOk.outcome === 'no-match' || podOk.outcome === 'no-match') return SELECTOR_NO_MATCH;
  return nsOk.outcome === 'unknown' ? nsOk : podOk;
}

function portMatches(p: Obj, port: number, protocol: string, destination: PodModel | undefined): boolean {
  if (String(p.protocol ?? 'TCP').toLowerCase() !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'number') {
    const end = typeof p.endPort === 'number' ? p.endPort : p.port;
    return p.port <= port && port <= end;
  }
  const named = destination?.namedPorts[String(p.port)];
  return named !== undefined && named.port === port && named.protocol === protocol;
}
