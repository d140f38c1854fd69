/**
 * One end of a pod-to-pod connection as the NetworkPolicies see it: for each pod and direction, whether it is
 * open (selected by no policy for that direction, or on the host network), unknown (a policy that may select
 * it cannot be evaluated), or isolated with the rules that may admit peers. Peers are matched once per rule,
 * against the pods of the namespaces the rule can reach, so listing every pair stays near-linear in the rules.
 */
import type { AddressRange } from '../../contract/cidr.js';
import type { Inventory } from '../../inventory/model.js';
import type { ConnectionSet } from '../engine/connection-set.js';
import type { KubernetesModel, PodModel } from '../engine/model.js';
import {
  ipBlockRanges,
  podPeerOutcome,
  policyProblem,
  policyTypesOf,
  rulePortSet,
  usesNamedPort,
} from '../engine/network-policy.js';
import { matchLabelSelector } from '../engine/selectors.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

export type Direction = 'Ingress' | 'Egress';

/** A peer match: certain, or unknown with the reason. */
export type PeerMatch = true | { readonly unknown: string };

export interface CompiledRule {
  /** `NetworkPolicy ns/name ingress[0]`. */
  readonly label: string;
  /** A rule without peers admits every pod and every address. */
  readonly everyPeer: boolean;
  /** Pods (by index) the rule's pod peers select, certainly or possibly. */
  readonly pods: ReadonlyMap<number, PeerMatch>;
  /** Addresses its ipBlock peers admit. */
  readonly blocks: readonly AddressRange[];
  /** The connections admitted towards a destination pod (or an address, when undefined). */
  readonly ports: (destination: PodModel | undefined) => ConnectionSet;
}

export type Side =
  | { readonly kind: 'open'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string }
  | {
      readonly kind: 'isolated';
      readonly policies: readonly string[];
      readonly rules: readonly CompiledRule[];
    };

/** Kinds of policy that also filter pod traffic but are not modelled: their pods' connections are unknown. */
const UNMODELLED_POLICY_KINDS: Readonly<Record<string, 'cluster' | 'namespace'>> = {
  AdminNetworkPolicy: 'cluster',
  BaselineAdminNetworkPolicy: 'cluster',
  ClusterNetworkPolicy: 'cluster',
  CiliumClusterwideNetworkPolicy: 'cluster',
  GlobalNetworkPolicy: 'cluster',
  CiliumNetworkPolicy: 'namespace',
  StagedNetworkPolicy: 'namespace',
};

export interface PolicySides {
  side(podIndex: number, direction: Direction): Side;
}

export function compileSides(
  inventory: Inventory,
  k8s: KubernetesModel,
  pods: readonly PodModel[],
): PolicySides {
  const podsByNamespace = new Map<string, number[]>();
  pods.forEach((p, i) => {
    const list = podsByNamespace.get(p.namespace) ?? [];
    list.push(i);
    podsByNamespace.set(p.namespace, list);
  });
  const unmodelled = unmodelledPolicies(inventory);
  const policiesByNamespace = new Map<string, KubernetesModel['networkPolicies'][number][]>();
  for (const p of k8s.networkPolicies) {
    const list = policiesByNamespace.get(p.namespace ?? 'default') ?? [];
    list.push(p);
    policiesByNamespace.set(p.namespace ?? 'default', list);
  }
  const compiled = new Map<string, CompiledRule[]>();
  const rulesOf = (policy: KubernetesModel['networkPolicies'][number], direction: Direction) => {
    const key = `${policy.key}|${direction}`;
    let rules = compiled.get(key);
    if (!rules) {
      rules = compileRules(k8s, pods, podsByNamespace, policy, direction);
      compiled.set(key, rules);
    }
    return rules;
  };
  const sides = new Map<string, Side>();
  return {
    side(podIndex, direction) {
      const key = `${podIndex}|${direction}`;
      let side = sides.get(key);
      if (!side) {
        side = sideOf(pods[podIndex]!, direction, policiesByNamespace, unmodelled, rulesOf);
        sides.set(key, side);
      }
      return side;
    },
  };
}

function sideOf(
  pod: PodModel,
  direction: Direction,
  policiesByNamespace: ReadonlyMap<string, KubernetesModel['networkPolicies'][number][]>,
  unmodelled: { cluster?: string; namespaces: ReadonlyMap<string, string> },
  rulesOf: (policy: KubernetesModel['networkPolicies'][number], direction: Direction) => CompiledRule[],
): Side {
  if (unmodelled.cluster) return { kind: 'unknown', reason: unmodelled.cluster };
  const nsReason = unmodelled.namespaces.get(pod.namespace);
  if (nsReason) return { kind: 'unknown', reason: nsReason };
  if (pod.hostNetwork)
    return { kind: 'open', reason: `pod ${pod.id} uses the host network: NetworkPolicies do not apply` };
  const isolating: KubernetesModel['networkPolicies'][number][] = [];
  for (const policy of policiesByNamespace.get(pod.namespace) ?? []) {
    const spec = obj(policy.object.spec);
    const selected = matchLabelSelector(spec.podSelector ?? {}, pod.labels);
    if (selected.outcome === 'no-match') continue;
    const problem = policyProblem(policy);
    if (problem !== undefined)
      return { kind: 'unknown', reason: `NetworkPolicy ${policy.namespace}/${policy.name}: ${problem}` };
    if (!policyTypesOf(spec).includes(direction)) continue;
    if (selected.outcome === 'unknown')
      return {
        kind: 'unknown',
        reason: `NetworkPolicy ${policy.namespace}/${policy.name}: podSelector ${selected.reason}`,
      };
    isolating.push(policy);
  }
  if (isolating.length === 0)
    return { kind: 'open', reason: `no NetworkPolicy selects pod ${pod.id} for ${direction.toLowerCase()}` };
  return {
    kind: 'isolated',
    policies: isolating.map((p) => `${p.namespace}/${p.name}`),
    rules: isolating.flatMap((p) => rulesOf(p, direction)),
  };
}

function compileRules(
  k8s: KubernetesModel,
  pods: readonly PodModel[],
  podsByNamespace: ReadonlyMap<string, readonly number[]>,
  policy: KubernetesModel['networkPolicies'][number],
  direction: Direction,
): CompiledRule[] {
  const field = direction === 'Ingress' ? 'ingress' : 'egress';
  const rules = obj(policy.object.spec)[field];
  if (!Array.isArray(rules)) return [];
  const namespace = policy.namespace ?? 'default';
  return rules.map((raw, i) => {
    const rule = obj(raw);
    const peers = (rule[direction === 'Ingress' ? 'from' : 'to'] ?? []) as unknown[];
    const matched = new Map<number, PeerMatch>();
    const blocks: AddressRange[] = [];
    for (const peer of peers.map(obj)) {
      if (peer.ipBlock !== undefined) {
        blocks.push(...ipBlockRanges(peer.ipBlock));
        continue;
      }
      const candidates =
        peer.namespaceSelector === undefined ? (podsByNamespace.get(namespace) ?? []) : pods.map((_, j) => j);
      for (const j of candidates) {
        if (matched.get(j) === true) continue;
        const outcome = podPeerOutcome(k8s, namespace, peer, pods[j]!);
        if (outcome.outcome === 'match') matched.set(j, true);
        else if (outcome.outcome === 'unknown' && !matched.has(j))
          matched.set(j, {
            unknown: `NetworkPolicy ${namespace}/${policy.name} ${field}[${i}]: ${outcome.reason}`,
          });
      }
    }
    const fixed = usesNamedPort(rule.ports) ? undefined : rulePortSet(rule.ports, undefined);
    return {
      label: `NetworkPolicy ${namespace}/${policy.name} ${field}[${i}]`,
      everyPeer: peers.length === 0,
      pods: matched,
      blocks,
      ports: fixed ? () => fixed : (destination) => rulePortSet(rule.ports, destination),
    };
  });
}

/** Policy kinds in the input that filter traffic but are not modelled, by reach (every pod, or a namespace). */
function unmodelledPolicies(inventory: Inventory): { cluster?: string; namespaces: Map<string, string> } {
  const namespaces = new Map<string, string>();
  let cluster: string | undefined;
  for (const o of inventory.k8s) {
    const calico =
      o.apiVersion.startsWith('crd.projectcalico.org/') || o.apiVersion.startsWith('projectcalico.org/');
    const scope =
      UNMODELLED_POLICY_KINDS[o.kind] ?? (calico && o.kind === 'NetworkPolicy' ? 'namespace' : undefined);
    if (scope === undefined) continue;
    // The inventory gives kinds it does not know a namespace; cluster-wide kinds have none.
    const name = scope === 'namespace' ? `${o.namespace ?? 'default'}/${o.name}` : o.name;
    const reason = `${o.kind} ${name} (${o.apiVersion}) is not modelled`;
    if (scope === 'cluster') cluster ??= reason;
    else if (!namespaces.has(o.namespace ?? 'default')) namespaces.set(o.namespace ?? 'default', reason);
  }
  return { ...(cluster ? { cluster } : {}), namespaces };
}
