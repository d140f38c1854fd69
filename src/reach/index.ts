/**
 * Reachability: proves the intended flows possible and every other flow impossible. For each intended flow
 * of the spec the expected verdict is `allowed`; for each denial claim (internet isolation, exfiltration,
 * instance metadata, namespace isolation, API access) and for every pair of modelled components on the
 * destination's listening ports that the spec does not name, it is `denied`. Without a spec (templates of
 * other tools) only exposure is reported, by the VF-REACH exposure control.
 */
import type { Component, FlowSpec, Protocol } from '../flows/types.js';
import type { Inventory } from '../inventory/model.js';
import type { FlowResult } from '../report/model.js';
import { buildModel, type NetworkModel } from './model.js';
import { canReach } from './query.js';

export { buildModel, type NetworkModel } from './model.js';
export { canReach, type ReachAnswer } from './query.js';

export interface ReachabilityResult {
  /** One entry per checked flow (intended flows, denial claims, unnamed flows between components). */
  readonly flows: readonly FlowResult[];
  readonly model: NetworkModel;
}

/** Ports sampled for a claim over "any port" besides the destination's own: administration and web. */
const PROBE_PORTS: readonly { port: number; protocol: Protocol }[] = [
  { port: 22, protocol: 'tcp' },
  { port: 443, protocol: 'tcp' },
];

const cache = new WeakMap<Inventory, Map<FlowSpec | undefined, ReachabilityResult>>();

export function analyseReachability(inventory: Inventory, spec: FlowSpec | undefined): ReachabilityResult {
  const perSpec = cache.get(inventory) ?? new Map<FlowSpec | undefined, ReachabilityResult>();
  cache.set(inventory, perSpec);
  const cached = perSpec.get(spec);
  if (cached) return cached;
  const model = buildModel(inventory, spec);
  const result = { flows: spec ? proveSpec(model, spec) : [], model };
  perSpec.set(spec, result);
  return result;
}

function listeningPorts(spec: FlowSpec, id: string): { port: number; protocol: Protocol }[] {
  const seen = new Map<string, { port: number; protocol: Protocol }>();
  for (const f of spec.flows)
    if (f.to === id) seen.set(`${f.port}/${f.protocol}`, { port: f.port, protocol: f.protocol });
  return [...seen.values()];
}

function expand(spec: FlowSpec, ids: readonly string[]): Component[] {
  return ids.flatMap((id) =>
    id.startsWith('tier:')
      ? spec.components.filter((c) => c.tier === id.slice(5))
      : spec.components.filter((c) => c.id === id),
  );
}

function proveSpec(model: NetworkModel, spec: FlowSpec): FlowResult[] {
  const results: FlowResult[] = [];
  const checked = new Set<string>();
  const intended = new Set(spec.flows.map((f) => `${f.from}>${f.to}>${f.port}>${f.protocol}`));
  // A flow to the internet on a port includes AWS's public services on it (S3 through its gateway endpoint).
  for (const f of spec.flows.filter((x) => x.to === 'internet'))
    for (const c of spec.components.filter((x) => x.prefixList))
      intended.add(`${f.from}>${c.id}>${f.port}>${f.protocol}`);
  const add = (
    from: string,
    to: string,
    port: number,
    protocol: Protocol,
    expected: 'allowed' | 'denied',
    reason: string,
  ) => {
    const key = `${from}>${to}>${port}>${protocol}`;
    if (checked.has(key) || from === to) return;
    checked.add(key);
    const answer = canReach(model, from, to, port, protocol);
    results.push({
      from,
      to,
      port,
      protocol,
      expected,
      verdict: answer.verdict,
      reason,
      ...(answer.path ? { path: answer.path } : {}),
      ...(answer.blockedBy ? { blockedBy: answer.blockedBy } : {}),
    });
  };

  for (const f of spec.flows) {
    // Traffic within one component (Weaviate's gossip between its own pods) is checked pod to pod.
    const key = `${f.from}>${f.to}>${f.port}>${f.protocol}`;
    if (f.from === f.to) {
      checked.add(key);
      const answer = canReach(model, f.from, f.to, f.port, f.protocol);
      results.push({
        from: f.from,
        to: f.to,
        port: f.port,
        protocol: f.protocol,
        expected: 'allowed',
        verdict: answer.verdict,
        reason: `intended: ${f.description}`,
        ...(answer.path ? { path: answer.path } : {}),
        ...(answer.blockedBy ? { blockedBy: answer.blockedBy } : {}),
      });
    } else add(f.from, f.to, f.port, f.protocol, 'allowed', `intended: ${f.description}`);
  }

  for (const claim of spec.denials) {
    for (const from of expand(spec, claim.from))
      for (const to of expand(spec, claim.to)) {
        if (to.tier === 'on-node' && !from.k8s) continue;
        const ports =
          claim.ports.length > 0
            ? claim.ports.map((port) => ({ port, protocol: 'tcp' as Protocol }))
            : [...listeningPorts(spec, to.id), ...PROBE_PORTS];
        for (const p of ports) {
          if (intended.has(`${from.id}>${to.id}>${p.port}>${p.protocol}`)) continue;
          add(from.id, to.id, p.port, p.protocol, 'denied', `denial: ${claim.description}`);
        }
      }
  }

  // Every other pair on the destination's listening ports. Sources are the components whose traffic the
  // deployment controls (AWS components with security groups, pods in namespaces the manifests manage);
  // destinations are AWS components and pods in managed namespaces (kube-system and Helm-created namespaces
  // carry no policies of ours: the default-deny controls report them). Two pairs are implied rather than
  // unnamed, because no layer can tell them apart from an intended flow: the same port on another component of
  // the same subnets (ipBlock and CIDR rules see subnets, not services), and a node reaching pods on a node
  // group whose security group it shares (VPC CNI pods use their node's group).
  const managed = (c: Component) => !!c.k8s && model.k8s.managedNamespaces.has(c.k8s.namespace);
  const controlled = (c: Component) =>
    (!!c.awsTag && (model.componentGroups.get(c.id)?.length ?? 0) > 0) || managed(c);
  const tierOf = (c: Component) => (c.k8s && c.nodeGroup ? 'data' : c.tier);
  const implied = (from: Component, to: Component, port: number, protocol: Protocol) =>
    spec.flows.some((f) => {
      const target = spec.components.find((c) => c.id === f.to);
      return (
        f.from === from.id &&
        f.port === port &&
        f.protocol === protocol &&
        !!target &&
        !target.k8s &&
        !to.k8s &&
        tierOf(target) === tierOf(to)
      );
    }) ||
    (!from.k8s &&
      !!to.k8s &&
      !!to.nodeGroup &&
      from.awsTag !== undefined &&
      (model.componentGroups.get(to.id) ?? []).some((g) =>
        (model.componentGroups.get(from.id) ?? []).includes(g),
      ));
  for (const from of spec.components.filter(controlled))
    for (const to of spec.components.filter((c) => controlled(c) || c.prefixList)) {
      for (const p of listeningPorts(spec, to.id))
        if (
          !intended.has(`${from.id}>${to.id}>${p.port}>${p.protocol}`) &&
          !implied(from, to, p.port, p.protocol)
        )
          add(from.id, to.id, p.port, p.protocol, 'denied', 'not in the flow spec');
    }
  return results;
}
