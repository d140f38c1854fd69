/**
 * Istio's verdict for traffic into a meshed workload: STRICT mutual TLS rejects sources without a sidecar;
 * DENY policies are evaluated before ALLOW policies; when any ALLOW policy applies to the workload, a request
 * must match one of its rules (an ALLOW policy without rules matches nothing: default deny). Ports the pod
 * keeps out of its sidecar (`traffic.sidecar.istio.io/excludeInboundPorts`) bypass the mesh entirely.
 */
import type { Protocol } from '../flows/types.js';
import type { K8sObject } from '../inventory/model.js';
import type { Endpoint } from './endpoints.js';
import type { K8sModel } from './model.js';
import { selectorMatches } from './network-policy.js';
import { allow, deny, type LayerAnswer } from './verdict.js';

const ROOT_NAMESPACE = 'istio-system';
type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function appliesTo(policy: K8sObject, to: Endpoint): boolean {
  const pod = to.pods[0];
  if (!pod) return false;
  if (policy.namespace !== pod.namespace && policy.namespace !== ROOT_NAMESPACE) return false;
  const spec = asObj(policy.object.spec) ?? {};
  const selector = asObj(spec.selector);
  return selector === undefined ? true : selectorMatches(selector, pod.labels);
}

function principalOf(from: Endpoint): string | undefined {
  const k8s = from.component.k8s;
  if (!k8s || !from.component.meshed) return undefined;
  return `cluster.local/ns/${k8s.namespace}/sa/${k8s.serviceAccount ?? 'default'}`;
}

function matchesValue(patterns: readonly string[], value: string | undefined): boolean {
  if (value === undefined) return false;
  return patterns.some(
    (p) =>
      p === '*' ||
      p === value ||
      (p.endsWith('*') && value.startsWith(p.slice(0, -1))) ||
      (p.startsWith('*') && value.endsWith(p.slice(1))),
  );
}

function ruleMatches(rule: Obj, from: Endpoint, port: number): boolean {
  const principal = principalOf(from);
  const fromOk =
    rule.from === undefined ||
    asArr(rule.from).some((f) => {
      const source = asObj(asObj(f)?.source) ?? {};
      const principals = asArr(source.principals).map(String);
      const notPrincipals = asArr(source.notPrincipals).map(String);
      const namespaces = asArr(source.namespaces).map(String);
      if (principals.length > 0 && !matchesValue(principals, principal)) return false;
      if (notPrincipals.length > 0 && matchesValue(notPrincipals, principal)) return false;
      if (namespaces.length > 0 && !(principal && matchesValue(namespaces, from.component.k8s?.namespace)))
        return false;
      return true;
    });
  const toOk =
    rule.to === undefined ||
    asArr(rule.to).some((t) => {
      const operation = asObj(asObj(t)?.operation) ?? {};
      const ports = asArr(operation.ports).map(String);
      const notPorts = asArr(operation.notPorts).map(String);
      if (ports.length > 0 && !ports.includes(String(port))) return false;
      if (notPorts.includes(String(port))) return false;
      return true;
    });
  // `when` conditions depend on request attributes the prover cannot see; a rule with them is not relied on.
  return fromOk && toOk && rule.when === undefined;
}

export function excludedFromSidecar(to: Endpoint, port: number): boolean {
  return to.pods.some((pod) =>
    (pod.annotations['traffic.sidecar.istio.io/excludeInboundPorts'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .includes(String(port)),
  );
}

export function meshLayer(
  model: K8sModel,
  from: Endpoint,
  to: Endpoint,
  port: number,
  _protocol: Protocol,
): LayerAnswer | undefined {
  if (!to.component.meshed || to.pods.length === 0 || excludedFromSidecar(to, port)) return undefined;
  const id = to.component.id;
  const strict = model.peerAuthentications.some(
    (p) => appliesTo(p, to) && asObj(asObj(p.object.spec)?.mtls)?.mode === 'STRICT',
  );
  if (strict && !principalOf(from))
    return deny(id, `PeerAuthentication STRICT: ${from.component.id} has no sidecar identity`);
  const policies = model.authorizationPolicies.filter((p) => appliesTo(p, to));
  const action = (p: K8sObject) => String(asObj(p.object.spec)?.action ?? 'ALLOW');
  for (const p of policies.filter((x) => action(x) === 'DENY'))
    if (asArr(asObj(p.object.spec)?.rules).some((r) => ruleMatches(asObj(r) ?? {}, from, port)))
      return deny(id, `AuthorizationPolicy ${p.namespace}/${p.name} (DENY)`);
  const allows = policies.filter((x) => action(x) === 'ALLOW');
  if (allows.length === 0) return allow(id, 'no AuthorizationPolicy applies (mesh allows)');
  const admitting = allows.find((p) =>
    asArr(asObj(p.object.spec)?.rules).some((r) => ruleMatches(asObj(r) ?? {}, from, port)),
  );
  return admitting
    ? allow(
        id,
        `AuthorizationPolicy ${admitting.namespace}/${admitting.name} admits ${principalOf(from) ?? from.component.id} on ${port}`,
      )
    : deny(
        id,
        `AuthorizationPolicies ${allows.map((p) => `${p.namespace}/${p.name}`).join(', ')}: no ALLOW rule matches ${principalOf(from) ?? from.component.id} on ${port}`,
      );
}
