/**
 * Kubernetes NetworkPolicy semantics (networking.k8s.io/v1), evaluated for one pod group and one peer:
 * a pod is isolated for a direction only when some policy selects it with that policy type; policyTypes
 * defaults to Ingress, plus Egress when the policy has egress rules; an empty podSelector selects every pod of
 * the namespace; namespaceSelector and podSelector in one peer must both match, in two peers either may;
 * ipBlock admits its CIDR minus `except`; a named port resolves against the destination container's ports;
 * a missing `ports` list means every port, a missing `protocol` means TCP. Written by hand: no maintained
 * JavaScript library evaluates NetworkPolicies offline.
 */
import type { Protocol } from '../flows/types.js';
import type { K8sObject, PodTemplate } from '../inventory/model.js';
import { covers, overlaps } from './address.js';
import type { Endpoint } from './endpoints.js';
import type { K8sModel } from './model.js';
import { allow, deny, unknown, type LayerAnswer } from './verdict.js';

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** matchLabels + matchExpressions over a label set; undefined selector matches nothing, `{}` everything. */
export function selectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  const s = asObj(selector);
  if (!s) return false;
  const matchLabels = asObj(s.matchLabels) ?? {};
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== v) return false;
  for (const e of asArr(s.matchExpressions)) {
    const x = asObj(e);
    if (!x || typeof x.key !== 'string') return false;
    const values = asArr(x.values).map(String);
    const has = Object.hasOwn(labels, x.key);
    switch (x.operator) {
      case 'In':
        if (!has || !values.includes(labels[x.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[x.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function policyTypes(spec: Obj): string[] {
  const declared = asArr(spec.policyTypes).map(String);
  if (declared.length > 0) return declared;
  return spec.egress !== undefined ? ['Ingress', 'Egress'] : ['Ingress'];
}

function selects(policy: K8sObject, pod: PodTemplate): boolean {
  const spec = asObj(policy.object.spec);
  return !!spec && policy.namespace === pod.namespace && selectorMatches(spec.podSelector ?? {}, pod.labels);
}

/** Ports a container of `pods` declares under `name`. */
function namedPort(pods: readonly PodTemplate[], name: string): number[] {
  const out: number[] = [];
  for (const pod of pods)
    for (const c of [...asArr(pod.spec.containers), ...asArr(pod.spec.initContainers)])
      for (const p of asArr(asObj(c)?.ports)) {
        const port = asObj(p);
        if (port?.name === name && typeof port.containerPort === 'number') out.push(port.containerPort);
      }
  return out;
}

function portsMatch(
  rule: Obj,
  port: number,
  protocol: Protocol,
  destinationPods: readonly PodTemplate[],
): boolean {
  const ports = rule.ports;
  if (ports === undefined || (Array.isArray(ports) && ports.length === 0)) return true;
  return asArr(ports).some((p) => {
    const x = asObj(p) ?? {};
    const proto = typeof x.protocol === 'string' ? x.protocol.toLowerCase() : 'tcp';
    if (proto !== protocol) return false;
    if (x.port === undefined) return true;
    if (typeof x.port === 'number') {
      const end = typeof x.endPort === 'number' ? x.endPort : x.port;
      return port >= x.port && port <= end;
    }
    return typeof x.port === 'string' && namedPort(destinationPods, x.port).includes(port);
  });
}

/** Does one `from`/`to` peer admit the other side? */
function peerMatches(peer: Obj, policyNamespace: string, other: Endpoint, model: K8sModel): boolean {
  if (peer.ipBlock !== undefined) {
    const block = asObj(peer.ipBlock);
    if (!block || typeof block.cidr !== 'string' || other.addresses.length === 0) return false;
    // Pod-to-pod traffic is matched by pod selectors; ipBlock is meant for addresses outside the cluster.
    if (other.pods.length > 0) return false;
    const except = asArr(block.except).map(String);
    return other.addresses.every(
      (a) => covers(block.cidr as string, a) && !except.some((e) => overlaps(e, a)),
    );
  }
  if (other.pods.length === 0) return false;
  const nsSelector = peer.namespaceSelector;
  const podSelector = peer.podSelector;
  return other.pods.every((pod) => {
    const nsLabels = model.namespaces.get(pod.namespace) ?? { 'kubernetes.io/metadata.name': pod.namespace };
    const nsOk =
      nsSelector === undefined ? pod.namespace === policyNamespace : selectorMatches(nsSelector, nsLabels);
    const podOk = podSelector === undefined ? true : selectorMatches(podSelector, pod.labels);
    return nsOk && podOk && (nsSelector !== undefined || podSelector !== undefined);
  });
}

function ruleAdmits(
  rule: Obj,
  direction: 'ingress' | 'egress',
  policyNamespace: string,
  other: Endpoint,
  port: number,
  protocol: Protocol,
  destinationPods: readonly PodTemplate[],
  model: K8sModel,
): boolean {
  if (!portsMatch(rule, port, protocol, destinationPods)) return false;
  const peers = rule[direction === 'ingress' ? 'from' : 'to'];
  if (peers === undefined || (Array.isArray(peers) && peers.length === 0)) return true;
  return asArr(peers).some((p) => peerMatches(asObj(p) ?? {}, policyNamespace, other, model));
}

/**
 * Rules are a union: for an address range outside the cluster (the endpoints tier's three subnets), each
 * address must be admitted by some peer of some rule, not necessarily the same one.
 */
function admittedByUnion(
  policies: readonly K8sObject[],
  direction: 'ingress' | 'egress',
  other: Endpoint,
  port: number,
  protocol: Protocol,
  destinationPods: readonly PodTemplate[],
  model: K8sModel,
): K8sObject | undefined {
  const addresses = other.addresses.length > 0 ? other.addresses : [];
  if (other.pods.length > 0 || addresses.length <= 1) return undefined;
  let witness: K8sObject | undefined;
  for (const address of addresses) {
    const single: Endpoint = { ...other, addresses: [address] };
    const admitting = policies.find((p) =>
      asArr(asObj(p.object.spec)![direction]).some((r) =>
        ruleAdmits(asObj(r) ?? {}, direction, p.namespace!, single, port, protocol, destinationPods, model),
      ),
    );
    if (!admitting) return undefined;
    witness ??= admitting;
  }
  return witness;
}

/**
 * The NetworkPolicy verdict for `self` (pods) sending to (`egress`) or receiving from (`ingress`) `other`.
 * `destinationPods` resolves named ports (the receiving side's containers).
 */
export function networkPolicySide(
  model: K8sModel,
  self: Endpoint,
  other: Endpoint,
  direction: 'ingress' | 'egress',
  port: number,
  protocol: Protocol,
  destinationPods: readonly PodTemplate[],
): LayerAnswer {
  const type = direction === 'ingress' ? 'Ingress' : 'Egress';
  const id = self.component.id;
  for (const pod of self.pods) {
    const policies = model.networkPolicies.filter(
      (p) => selects(p, pod) && policyTypes(asObj(p.object.spec)!).includes(type),
    );
    if (policies.length === 0)
      return allow(id, `no NetworkPolicy isolates ${pod.owner.name} for ${type} (all ${direction} allowed)`);
    const admitting = policies.find((p) =>
      asArr(asObj(p.object.spec)![direction]).some((r) =>
        ruleAdmits(asObj(r) ?? {}, direction, p.namespace!, other, port, protocol, destinationPods, model),
      ),
    );
    const union = admitting
      ? undefined
      : admittedByUnion(policies, direction, other, port, protocol, destinationPods, model);
    if (!admitting && !union)
      return deny(
        id,
        `NetworkPolicies ${policies.map((p) => `${p.namespace}/${p.name}`).join(', ')} isolate ${pod.owner.name} for ${type} and none admits ${other.component.id} on ${port}/${protocol}`,
      );
    const by = (admitting ?? union)!;
    if (pod === self.pods[self.pods.length - 1])
      return allow(id, `NetworkPolicy ${by.namespace}/${by.name} (${direction})`);
  }
  return unknown(id, 'no pods of this component are in the input');
}

export function policiesEnforced(model: K8sModel): LayerAnswer | undefined {
  if (model.policiesEnforced === true) return undefined;
  if (model.policiesEnforced === 'unknown') return unknown('cni', model.enforcementLabel);
  return allow('cni', `NetworkPolicies not enforced (${model.enforcementLabel})`);
}
