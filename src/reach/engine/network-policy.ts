/**
 * Kubernetes NetworkPolicy semantics (networking.k8s.io/v1), evaluated for one pod, one direction and one peer:
 * - a pod is isolated for a direction only when a policy in its namespace selects it (an empty podSelector
 *   selects every pod) and lists that direction in policyTypes; omitted policyTypes mean Ingress, plus Egress
 *   when the policy has egress rules;
 * - an isolated pod admits a connection only when a rule of one of those policies matches peer and port;
 *   a rule with no peers matches every peer, a rule with no ports every port;
 * - a peer with namespaceSelector and podSelector together selects those pods in those namespaces; the two as
 *   separate peers select either; ipBlock matches addresses in `cidr` but not in `except`;
 * - a named port resolves against the destination pod's container ports; `endPort` widens a numbered port;
 * - a policy with a field or value this model does not know (a newer API field, a malformed selector, an
 *   `endPort` below its port) makes the pods it may select `unknown` rather than guessing what it allows.
 * Written by hand: no maintained library evaluates policies offline.
 */
import type { K8sObject } from '../../inventory/model.js';
import {
  cidrRange as blockRange,
  parseCidr,
  subtractRanges,
  type AddressRange,
} from '../../contract/cidr.js';
import { labelsOfNamespace } from './build-k8s.js';
import {
  ALL_CONNECTIONS,
  NO_CONNECTIONS,
  portsOf,
  union,
  type ConnectionSet,
  type Protocol,
} from './connection-set.js';
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

/** The selector of a policy that has none: `{}`, which selects every pod. */
const EVERY_POD: Obj = Object.freeze({});

const selectorOutcomes = new WeakMap<object, WeakMap<object, SelectorOutcome>>();

/**
 * `matchLabelSelector`, answered once per selector and label set. A proof asks the same few selectors about the
 * same pods' labels for every port and peer it checks (a fifth of the proofs' time); both are read from the
 * parsed input and never change while it is analysed.
 */
function selects(selector: unknown, labels: Readonly<Record<string, string>>): SelectorOutcome {
  if (typeof selector !== 'object' || selector === null) return matchLabelSelector(selector, labels);
  let byLabels = selectorOutcomes.get(selector);
  if (!byLabels) selectorOutcomes.set(selector, (byLabels = new WeakMap()));
  let outcome = byLabels.get(labels);
  if (!outcome) byLabels.set(labels, (outcome = matchLabelSelector(selector, labels)));
  return outcome;
}

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
  const node = policyNode(pod);
  if (pod.hostNetwork) return { ok: 'yes', hop: { node, rule: 'hostNetwork: NetworkPolicies do not apply' } };
  if (k8s.enforced === false)
    return { ok: 'yes', hop: { node, rule: `NetworkPolicies not enforced (${k8s.enforcementSource})` } };
  if (!k8s.present)
    return {
      ok: 'unknown',
      reason: 'the input has no Kubernetes manifests, so the NetworkPolicies are not known',
      node,
    };
  const isolation = isolationOf(k8s, pod, direction);
  if ('unknown' in isolation) return isolation.unknown;
  const isolating = isolation.policies;
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

/** The node a pod's NetworkPolicy checks are reported at. */
function policyNode(pod: PodModel): string {
  return `pod ${pod.id}`;
}

type NetworkPolicyModel = KubernetesModel['networkPolicies'][number];
type Isolation = { readonly policies: readonly NetworkPolicyModel[] } | { readonly unknown: Check };

const isolations = new WeakMap<KubernetesModel, WeakMap<PodModel, Map<string, Isolation>>>();

/**
 * The policies that isolate the pod for a direction, or why that is not known. It depends on the pod alone, not
 * on the peer or port, and a proof asks it for every peer and port: it is worked out once per model and pod.
 */
function isolationOf(k8s: KubernetesModel, pod: PodModel, direction: 'Ingress' | 'Egress'): Isolation {
  let byPod = isolations.get(k8s);
  if (!byPod) isolations.set(k8s, (byPod = new WeakMap()));
  let byDirection = byPod.get(pod);
  if (!byDirection) byPod.set(pod, (byDirection = new Map()));
  let isolation = byDirection.get(direction);
  if (!isolation) byDirection.set(direction, (isolation = readIsolation(k8s, pod, direction)));
  return isolation;
}

function readIsolation(k8s: KubernetesModel, pod: PodModel, direction: 'Ingress' | 'Egress'): Isolation {
  const node = policyNode(pod);
  const policies: NetworkPolicyModel[] = [];
  for (const p of policiesIn(k8s, pod.namespace)) {
    const spec = obj(p.object.spec);
    const problem = policyProblem(p);
    if (problem !== undefined) {
      if (selects(spec.podSelector ?? EVERY_POD, pod.labels).outcome === 'no-match') continue;
      return {
        unknown: { ok: 'unknown', reason: `NetworkPolicy ${p.namespace}/${p.name}: ${problem}`, node },
      };
    }
    if (!policyTypesOf(spec).includes(direction)) continue;
    const selected = selects(spec.podSelector ?? EVERY_POD, pod.labels);
    if (selected.outcome === 'unknown')
      return {
        unknown: {
          ok: 'unknown',
          reason: `NetworkPolicy ${p.namespace}/${p.name}: podSelector ${selected.reason}`,
          node,
        },
      };
    if (selected.outcome === 'match') policies.push(p);
  }
  return { policies };
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
    ? selects(p.namespaceSelector, labelsOfNamespace(k8s, peer.pod.namespace))
    : peer.pod.namespace === policyNamespace
      ? SELECTOR_MATCH
      : SELECTOR_NO_MATCH;
  const podOk = hasPod ? selects(p.podSelector, peer.pod.labels) : SELECTOR_MATCH;
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

const SPEC_FIELDS = new Set(['podSelector', 'policyTypes', 'ingress', 'egress']);
const RULE_FIELDS = { ingress: new Set(['from', 'ports']), egress: new Set(['to', 'ports']) };
const PEER_FIELDS = new Set(['podSelector', 'namespaceSelector', 'ipBlock']);
const PORT_FIELDS = new Set(['protocol', 'port', 'endPort']);
const IP_BLOCK_FIELDS = new Set(['cidr', 'except']);
const POLICY_PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];
/** IANA service names, which is what a named port must be. */
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

/**
 * Why a NetworkPolicy cannot be evaluated exactly (a field this model does not know, a value the API server
 * would reject); undefined when every part of it is modelled.
 */
export function policyProblem(policy: K8sObject): string | undefined {
  // Asked once per pod of the namespace: read each policy once.
  if (problems.has(policy)) return problems.get(policy);
  const problem = readPolicyProblem(policy);
  problems.set(policy, problem);
  return problem;
}

const problems = new WeakMap<K8sObject, string | undefined>();

function readPolicyProblem(policy: K8sObject): string | undefined {
  if (!policy.apiVersion.endsWith('/v1')) return `apiVersion ${policy.apiVersion} is not modelled`;
  const spec = policy.object.spec;
  if (spec === undefined) return undefined;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return 'spec is not an object';
  const extra = Object.keys(spec).find((k) => !SPEC_FIELDS.has(k));
  if (extra !== undefined) return `spec.${extra} is not modelled`;
  const s = spec as Obj;
  if (s.podSelector !== undefined && (typeof s.podSelector !== 'object' || s.podSelector === null))
    return 'spec.podSelector is not an object';
  if (
    s.policyTypes !== undefined &&
    (!Array.isArray(s.policyTypes) || s.policyTypes.some((t) => t !== 'Ingress' && t !== 'Egress'))
  )
    return 'spec.policyTypes holds something other than Ingress and Egress';
  for (const field of ['ingress', 'egress'] as const) {
    const rules = s[field];
    if (rules === undefined || rules === null) continue;
    if (!Array.isArray(rules)) return `spec.${field} is not a list`;
    for (const [i, rule] of rules.entries()) {
      const problem = ruleProblem(rule, field);
      if (problem !== undefined) return `spec.${field}[${i}]${problem}`;
    }
  }
  return undefined;
}

function ruleProblem(rule: unknown, field: 'ingress' | 'egress'): string | undefined {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return ' is not an object';
  const extra = Object.keys(rule).find((k) => !RULE_FIELDS[field].has(k));
  if (extra !== undefined) return `.${extra} is not modelled`;
  const r = rule as Obj;
  const peersField = field === 'ingress' ? 'from' : 'to';
  const peers = r[peersField];
  if (peers !== undefined && peers !== null && !Array.isArray(peers)) return `.${peersField} is not a list`;
  for (const [i, peer] of ((peers ?? []) as unknown[]).entries()) {
    const problem = peerProblem(peer);
    if (problem !== undefined) return `.${peersField}[${i}]${problem}`;
  }
  if (r.ports !== undefined && r.ports !== null && !Array.isArray(r.ports)) return '.ports is not a list';
  for (const [i, port] of ((r.ports ?? []) as unknown[]).entries()) {
    const problem = portProblem(port);
    if (problem !== undefined) return `.ports[${i}]${problem}`;
  }
  return undefined;
}

function peerProblem(peer: unknown): string | undefined {
  if (typeof peer !== 'object' || peer === null || Array.isArray(peer)) return ' is not an object';
  const extra = Object.keys(peer).find((k) => !PEER_FIELDS.has(k));
  if (extra !== undefined) return `.${extra} is not modelled`;
  const p = peer as Obj;
  if (p.ipBlock === undefined)
    return p.podSelector === undefined && p.namespaceSelector === undefined ? ' selects nothing' : undefined;
  if (p.podSelector !== undefined || p.namespaceSelector !== undefined)
    return ' combines ipBlock with a selector, which the API server rejects';
  const block = obj(p.ipBlock);
  const extraBlock = Object.keys(block).find((k) => !IP_BLOCK_FIELDS.has(k));
  if (extraBlock !== undefined) return `.ipBlock.${extraBlock} is not modelled`;
  const cidr = typeof block.cidr === 'string' ? parseCidr(block.cidr, { hostBits: 'mask' }) : undefined;
  if (!cidr) return `.ipBlock.cidr ${JSON.stringify(block.cidr)} is not a CIDR block`;
  if (block.except !== undefined && !Array.isArray(block.except)) return '.ipBlock.except is not a list';
  for (const e of (block.except ?? []) as unknown[]) {
    const cut = typeof e === 'string' ? parseCidr(e, { hostBits: 'mask' }) : undefined;
    if (!cut || cut.version !== cidr.version || cut.prefix <= cidr.prefix)
      return `.ipBlock.except ${JSON.stringify(e)} is not a block inside ${String(block.cidr)}`;
    const outer = blockRange(cidr);
    const inner = blockRange(cut);
    if (inner.first < outer.first || inner.last > outer.last)
      return `.ipBlock.except ${JSON.stringify(e)} is not a block inside ${String(block.cidr)}`;
  }
  return undefined;
}

function portProblem(port: unknown): string | undefined {
  if (typeof port !== 'object' || port === null || Array.isArray(port)) return ' is not an object';
  const extra = Object.keys(port).find((k) => !PORT_FIELDS.has(k));
  if (extra !== undefined) return `.${extra} is not modelled`;
  const p = port as Obj;
  if (p.protocol !== undefined && !POLICY_PROTOCOLS.includes(String(p.protocol)))
    return `.protocol ${JSON.stringify(p.protocol)} is not TCP, UDP or SCTP`;
  if (typeof p.port === 'string') {
    if (!PORT_NAME.test(p.port)) return `.port ${JSON.stringify(p.port)} is not a port name`;
    if (p.endPort !== undefined) return '.endPort is set with a named port, which the API server rejects';
    return undefined;
  }
  if (p.port !== undefined && !validPort(p.port)) return `.port ${JSON.stringify(p.port)} is not a port`;
  if (p.endPort === undefined) return undefined;
  if (p.port === undefined) return '.endPort is set without a port, which the API server rejects';
  if (!validPort(p.endPort) || p.endPort < (p.port as number))
    return `.endPort ${JSON.stringify(p.endPort)} is not a port at or above ${String(p.port)}`;
  return undefined;
}

function validPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/**
 * The connections one rule's `ports` admit towards `destination` (named ports resolve against its container
 * ports, so a named port admits nothing towards an address outside the cluster). Only for a valid policy.
 */
export function rulePortSet(ports: unknown, destination: PodModel | undefined): ConnectionSet {
  if (!Array.isArray(ports) || ports.length === 0) return ALL_CONNECTIONS;
  let set = NO_CONNECTIONS;
  for (const raw of ports) {
    const p = obj(raw);
    const protocol = String(p.protocol ?? 'TCP') as Protocol;
    if (p.port === undefined) set = union(set, portsOf(protocol));
    else if (typeof p.port === 'number')
      set = union(set, portsOf(protocol, p.port, typeof p.endPort === 'number' ? p.endPort : p.port));
    else {
      const named = destination?.namedPorts[String(p.port)];
      if (named && named.protocol === protocol.toLowerCase())
        set = union(set, portsOf(protocol, named.port, named.port));
    }
  }
  return set;
}

/** Whether a rule's ports name a container port (its port set then depends on the destination pod). */
export function usesNamedPort(ports: unknown): boolean {
  return Array.isArray(ports) && ports.some((p) => typeof obj(p).port === 'string');
}

/** The addresses an ipBlock peer admits (`cidr` minus `except`), in either family. Only for a valid policy. */
export function ipBlockRanges(ipBlock: unknown): AddressRange[] {
  const block = obj(ipBlock);
  const cidr = parseCidr(String(block.cidr), { hostBits: 'mask' })!;
  const except = (Array.isArray(block.except) ? block.except : []).map((e) =>
    blockRange(parseCidr(String(e), { hostBits: 'mask' })!),
  );
  return subtractRanges(blockRange(cidr), except);
}

/**
 * Whether a pod peer (`podSelector`, `namespaceSelector` or both) selects `pod`, for a policy of
 * `policyNamespace`. A namespace the input does not declare has only its automatic name label known, so a
 * namespaceSelector reading any other label of it is unknown. Host-network pods are never selected by pod or
 * namespace selectors: they use the node's address.
 */
export function podPeerOutcome(
  k8s: KubernetesModel,
  policyNamespace: string,
  peer: Obj,
  pod: PodModel,
): SelectorOutcome {
  if (pod.hostNetwork) return SELECTOR_NO_MATCH;
  const nsOk = namespacePeerOutcome(k8s, policyNamespace, peer, pod.namespace);
  if (nsOk.outcome === 'no-match') return nsOk;
  const podOk = peer.podSelector !== undefined ? selects(peer.podSelector, pod.labels) : SELECTOR_MATCH;
  if (podOk.outcome === 'no-match') return podOk;
  return nsOk.outcome === 'unknown' ? nsOk : podOk;
}

/** Whether a pod peer's namespace part selects `namespace` (see {@link podPeerOutcome}). */
export function namespacePeerOutcome(
  k8s: KubernetesModel,
  policyNamespace: string,
  peer: Obj,
  namespace: string,
): SelectorOutcome {
  if (peer.namespaceSelector === undefined)
    return namespace === policyNamespace ? SELECTOR_MATCH : SELECTOR_NO_MATCH;
  const outcome = selects(peer.namespaceSelector, labelsOfNamespace(k8s, namespace));
  if (outcome.outcome === 'unknown' || k8s.namespaceLabels.has(namespace)) return outcome;
  const keys = selectorKeys(peer.namespaceSelector).filter((k) => k !== 'kubernetes.io/metadata.name');
  if (keys.length === 0) return outcome;
  return {
    outcome: 'unknown',
    reason: `namespace ${namespace} is not in the input, so its label ${keys[0]} is not known`,
  };
}

function selectorKeys(selector: unknown): string[] {
  const s = obj(selector);
  return [
    ...Object.keys(obj(s.matchLabels)),
    ...(Array.isArray(s.matchExpressions) ? s.matchExpressions.map((e) => String(obj(e).key)) : []),
  ];
}
