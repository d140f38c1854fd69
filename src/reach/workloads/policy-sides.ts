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
  namespacePeerOutcome,
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
  /** Whether its ports name container ports (resolved per destination pod). */
  readonly namedPorts: boolean;
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
  const sides: Record<Direction, (Side | undefined)[]> = { Ingress: [], Egress: [] };
  return {
    side(podIndex, direction) {
      return (sides[direction][podIndex] ??= sideOf(
        pods[podIndex]!,
        direction,
        policiesByNamespace,
        unmodelled,
        rulesOf,
      ));
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
      const reason = (why: string) => `NetworkPolicy ${namespace}/${policy.name} ${field}[${i}]: ${why}`;
      // The namespace part is decided once per namespace, the pod part once per pod of a selected one.
      for (const [podNamespace, members] of podsByNamespace) {
        const nsOk = namespacePeerOutcome(k8s, namespace, peer, podNamespace);
        if (nsOk.outcome === 'no-match') continue;
        for (const j of members) {
          const pod = pods[j]!;
          if (matched.get(j) === true || pod.hostNetwork) continue;
          const podOk =
            peer.podSelector === undefined ? nsOk : matchLabelSelector(peer.podSelector, pod.labels);
          if (podOk.outcome === 'no-match') continue;
          if (podOk.outcome === 'match' && nsOk.outcome === 'match') matched.set(j, true);
          else if (!matched.has(j))
            matched.set(j, {
              unknown: reason(
                nsOk.outcome === 'unknown' ? nsOk.reason : (podOk as { reason: string }).reason,
              ),
            });
        }
      }
    }
    const fixed = usesNamedPort(rule.ports) ? undefined : rulePortSet(rule.ports, undefined);
    // Named ports resolve per destination pod; each pod's answer is kept, as pairs ask for it again and again.
    const resolved = new Map<PodModel | undefined, ConnectionSet>();
    const portsTowards = (destination: PodModel | undefined) => {
      let set = resolved.get(destination);
      if (!set) {
        set = rulePortSet(rule.ports, destination);
        resolved.set(destination, set);
      }
      return set;
    };
    return {
      label: `NetworkPolicy ${namespace}/${policy.name} ${field}[${i}]`,
      everyPeer: peers.length === 0,
      namedPorts: fixed === undefined,
      pods: matched,
      blocks,
      ports: fixed ? () => fixed : (destination) => portsTowards(destination),
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
