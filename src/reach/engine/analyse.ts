/**
 * Proof obligations over a network model: with a flow spec, every intended flow must be possible, every
 * denial claim and every flow between components that the spec does not name must be impossible; without a
 * spec (foreign input), every resource reachable from the internet and every path from a private resource to
 * the internet is listed for review.
 */
import { COMPONENT_TAG, type Component, type DenialClass, type FlowSpec } from '../../flows/types.js';
import { NODE_ROLE_LABEL } from '../../flows/names.js';
import type { Inventory } from '../../inventory/model.js';
import type { FlowResult, FlowVerdict } from '../../findings/index.js';
import { buildNetworkModel } from './build.js';
import type { AttachmentModel, NetworkModel, PodModel, SgPeer } from './model.js';
import { cidrRange, contains, formatRange, overlaps, PUBLIC_ADDRESSES, type Range } from './net.js';
import { canReach, type Endpoint, type ReachAnswer } from './query.js';

/** Why a flow is checked; each class has its own control (a denial claim names its class). */
export type CheckClass =
  'intended' | 'unnamed' | DenialClass | 'internet-exposure' | 'internet-egress' | 'defense-in-depth';

export interface FlowCheck {
  readonly class: CheckClass;
  /** The flow id, denial id or exposure being proved. */
  readonly claim: string;
  readonly result: FlowResult;
}

export interface EngineResult {
  readonly checks: readonly FlowCheck[];
  readonly flows: readonly FlowResult[];
  readonly model: NetworkModel;
}

/** Claims the AWS network (routes, security groups, ACLs, endpoint settings, hop limit) can enforce alone. */
const LAYERED = new Set<CheckClass>([
  'internet-isolation',
  'exfiltration',
  'instance-metadata',
  'api-access',
]);

/** The model with the Kubernetes layers switched off: what the AWS network alone allows. */
function networkLayerOnly(model: NetworkModel): NetworkModel {
  return {
    ...model,
    k8s: {
      ...model.k8s,
      present: true,
      enforced: false,
      enforcementSource: 'network layer alone: Kubernetes policies set aside',
      authorizationPolicies: [],
      peerAuthentications: [],
    },
  };
}

const cache = new WeakMap<Inventory, WeakMap<object, EngineResult>>();
const NO_SPEC = {};

/** Memoized per inventory and spec: controls and the report ask for the same analysis. */
export function analyse(inventory: Inventory, spec: FlowSpec | undefined): EngineResult {
  let perSpec = cache.get(inventory);
  if (!perSpec) cache.set(inventory, (perSpec = new WeakMap()));
  const key = spec ?? NO_SPEC;
  const hit = perSpec.get(key);
  if (hit) return hit;
  const model = buildNetworkModel(inventory);
  const checks = spec ? analyseSpec(model, spec) : analyseForeign(model);
  // Defense-in-depth checks repeat other flows with fewer layers: they are findings, not report flows.
  const result = {
    checks,
    flows: checks.filter((c) => c.class !== 'defense-in-depth').map((c) => c.result),
    model,
  };
  perSpec.set(key, result);
  return result;
}

function toResult(
  from: string,
  to: string,
  port: number,
  protocol: 'tcp' | 'udp',
  expected: FlowVerdict,
  answer: ReachAnswer,
  reason: string,
): FlowResult {
  return {
    from,
    to,
    port,
    protocol,
    expected,
    verdict: answer.verdict,
    reason:
      answer.verdict === 'unknown' ? `${reason}; not determined: ${answer.reason ?? 'unknown'}` : reason,
    ...(answer.verdict === 'allowed' || (answer.verdict === 'unknown' && answer.path)
      ? { path: answer.path ?? [] }
      : {}),
    ...(answer.verdict === 'denied' ? { blockedBy: answer.blockedBy ?? [] } : {}),
  };
}

export function analyseSpec(model: NetworkModel, spec: FlowSpec): FlowCheck[] {
  const components = new Map(spec.components.map((c) => [c.id, c]));
  const endpoints = new Map<string, Endpoint>();
  const endpoint = (id: string): Endpoint => {
    let e = endpoints.get(id);
    if (!e) endpoints.set(id, (e = endpointOf(model, spec, components.get(id), id)));
    return e;
  };
  const checks: FlowCheck[] = [];
  const seen = new Set<string>();
  const key = (from: string, to: string, port: number, protocol: string) =>
    `${from}|${to}|${port}|${protocol}`;
  const check = (
    cls: CheckClass,
    claim: string,
    from: string,
    to: string,
    port: number,
    protocol: 'tcp' | 'udp',
    expected: FlowVerdict,
    reason: string,
  ) => {
    const k = key(from, to, port, protocol);
    if (seen.has(k)) return;
    seen.add(k);
    const answer = canReach(model, endpoint(from), endpoint(to), port, protocol);
    checks.push({ class: cls, claim, result: toResult(from, to, port, protocol, expected, answer, reason) });
  };

  const intended = new Set<string>();
  for (const f of spec.flows)
    for (let p = f.port; p <= (f.toPort ?? f.port); p++) intended.add(key(f.from, f.to, p, f.protocol));
  for (const f of spec.flows)
    check(
      'intended',
      f.id,
      f.from,
      f.to,
      f.port,
      f.protocol,
      'allowed',
      `intended flow ${f.id}: ${f.description}`,
    );

  const listening = new Map<string, { port: number; protocol: 'tcp' | 'udp' }[]>();
  for (const f of spec.flows) {
    const list = listening.get(f.to) ?? [];
    if (!list.some((l) => l.port === f.port && l.protocol === f.protocol))
      list.push({ port: f.port, protocol: f.protocol });
    listening.set(f.to, list);
  }
  const expand = (ids: readonly string[]) =>
    ids.flatMap((id) =>
      id.startsWith('tier:') ? spec.components.filter((c) => c.tier === id.slice(5)).map((c) => c.id) : [id],
    );
  // Specific claims first, so a flow that several claims cover is reported under the most specific one.
  const broad = (d: (typeof spec.denials)[number]) =>
    [...d.from, ...d.to].filter((x) => x.startsWith('tier:')).length;
  for (const d of [...spec.denials].sort((a, b) => broad(a) - broad(b))) {
    for (const from of expand(d.from))
      for (const to of expand(d.to)) {
        if (from === to) continue;
        const ports: { port: number; protocol: 'tcp' | 'udp' }[] = d.ports.length
          ? d.ports.map((port) => ({ port, protocol: 'tcp' as const }))
          : anyPortSample(model, endpoint(from), endpoint(to), listening.get(to) ?? []);
        for (const p of ports) {
          if (intended.has(key(from, to, p.port, p.protocol))) continue;
          check(d.class, d.id, from, to, p.port, p.protocol, 'denied', `denial ${d.id}: ${d.description}`);
        }
      }
  }

  // The claims the AWS network can enforce on its own must hold without the Kubernetes layers too, so that a
  // deleted NetworkPolicy or a disabled policy engine does not open them (defense in depth).
  const awsOnly = networkLayerOnly(model);
  for (const c of [...checks]) {
    if (!LAYERED.has(c.class)) continue;
    const f = c.result;
    const answer = canReach(
      awsOnly,
      endpoint(f.from),
      endpoint(f.to),
      Number(f.port),
      f.protocol as 'tcp' | 'udp',
    );
    checks.push({
      class: 'defense-in-depth',
      claim: c.claim,
      result: toResult(
        f.from,
        f.to,
        Number(f.port),
        f.protocol as 'tcp' | 'udp',
        'denied',
        answer,
        `${f.reason ?? c.claim} (network layer alone, without NetworkPolicies and mesh policies)`,
      ),
    });
  }

  // Flows between modelled components that the spec does not name, on the ports the destination listens on.
  // Every modelled component is a source (pods in namespaces we do not manage stand for any other team's
  // pod); destinations are the components whose traffic this deployment controls: AWS components (their
  // security groups are generated) and pods in namespaces the manifests manage (they carry default-deny
  // policies). kube-system and Helm-created namespaces carry no policies of ours; the default-deny controls
  // report them. A pod reaching what its node group may reach is implied too (pods use their node's group).
  // Two kinds of pairs are implied by an intended flow rather than unnamed, because no layer can tell them
  // apart from it: the same port to another component in the same subnets (ipBlock and CIDR rules see
  // subnets, not services), and a flow to the internet on a port, which includes AWS's public services on it.
  const managed = new Set([
    ...model.k8s.namespaceLabels.keys(),
    ...model.k8s.pods.filter((p) => !p.hypothetical).map((p) => p.namespace),
  ]);
  const inScope = (c: Component) => (c.k8s ? managed.has(c.k8s.namespace) : !!c.awsTag);
  const tierOf = (c: Component) => (c.k8s && c.nodeGroup ? 'data' : c.tier);
  // Pods leave through their node's security group (the VPC CNI gives them no group of their own), so the node
  // and every pod on it share one: what any of them may reach, the network layer grants to all. For sources
  // without NetworkPolicies of ours (the nodes, pods in namespaces we do not manage) that is implied, not
  // unnamed; pods in our namespaces are still checked, their egress policies decide.
  const sharedGroup = (c: Component | undefined) =>
    c === undefined ? undefined : c.k8s && c.nodeGroup ? `nodes-${c.nodeGroup}` : c.id;
  const nodeFlow = (from: Component, to: Component, port: number, protocol: string) =>
    !(from.k8s && managed.has(from.k8s.namespace)) &&
    spec.flows.some(
      (f) =>
        f.to === to.id &&
        f.port === port &&
        f.protocol === protocol &&
        sharedGroup(components.get(f.from)) === sharedGroup(from),
    );
  const implied = (from: Component, to: Component, port: number, protocol: string) =>
    nodeFlow(from, to, port, protocol) ||
    spec.flows.some((f) => {
      if (f.from !== from.id || f.port !== port || f.protocol !== protocol) return false;
      const target = components.get(f.to);
      if (!target) return false;
      if (f.to === 'internet') return !!to.prefixList;
      return !target.k8s && !to.k8s && !target.prefixList && !to.prefixList && tierOf(target) === tierOf(to);
    });
  for (const from of spec.components) {
    const source = endpoint(from.id);
    if (source.kind === 'prefix-list' || source.kind === 'link-local' || from.id === 'internet') continue;
    for (const to of spec.components) {
      if (!inScope(to) && !to.prefixList) continue;
      // AWS destinations are also probed on SSH: no flow names it, and nothing may open it.
      const probes = [
        ...(listening.get(to.id) ?? []),
        ...(to.awsTag && !(listening.get(to.id) ?? []).some((l) => l.port === 22)
          ? [{ port: 22, protocol: 'tcp' as const }]
          : []),
      ];
      for (const p of probes) {
        if (intended.has(key(from.id, to.id, p.port, p.protocol))) continue;
        // A component talking to itself is one workload (its own flows are named when they cross pods).
        if (from.id === to.id || implied(from, to, p.port, p.protocol)) continue;
        check(
          'unnamed',
          `${from.id}-to-${to.id}`,
          from.id,
          to.id,
          p.port,
          p.protocol,
          'denied',
          'not an intended flow: the spec does not name it',
        );
      }
    }
  }
  return checks;
}

/** Ports that represent "any port": where the destination listens and where a rule could open a path. */
function anyPortSample(
  model: NetworkModel,
  from: Endpoint,
  to: Endpoint,
  listening: readonly { port: number; protocol: 'tcp' | 'udp' }[],
) {
  const out = new Map<string, { port: number; protocol: 'tcp' | 'udp' }>();
  const add = (port: number, protocol: 'tcp' | 'udp') => out.set(`${port}/${protocol}`, { port, protocol });
  for (const l of listening) add(l.port, l.protocol);
  for (const p of [22, 80, 443]) add(p, 'tcp');
  add(53, 'udp');
  const groups = (e: Endpoint): string[] =>
    e.kind === 'attachments'
      ? e.attachments.flatMap((a) => a.sgs)
      : e.kind === 'pod'
        ? e.pod.nodeGroups.flatMap((g) => model.attachments.get(g)?.sgs ?? [])
        : [];
  for (const [e, direction] of [
    [to, 'ingress'],
    [from, 'egress'],
  ] as const)
    for (const g of groups(e))
      for (const r of model.securityGroups.get(g)?.rules ?? [])
        if (r.direction === direction && (r.protocol === 'tcp' || r.protocol === 'udp'))
          add(r.fromPort, r.protocol);
  return [...out.values()];
}

/** Where a component of the spec is in the model. */
export function endpointOf(
  model: NetworkModel,
  spec: FlowSpec,
  c: Component | undefined,
  id: string,
): Endpoint {
  if (!c) return { kind: 'unresolved', id, reason: `the flow spec has no component "${id}"` };
  if (c.k8s) {
    const sel = c.k8s;
    const pods = model.k8s.pods.filter(
      (p) => p.namespace === sel.namespace && Object.entries(sel.labels).every(([k, v]) => p.labels[k] === v),
    );
    const placed = pods.find((p) => p.nodeGroups.length > 0);
    if (placed) return { kind: 'pod', id, pod: placed };
    const groups = [...model.attachments.values()].filter(
      (a) =>
        a.kind === 'node-group' &&
        c.nodeGroup &&
        (a.nodeLabels?.[NODE_ROLE_LABEL] === c.nodeGroup || a.tags[COMPONENT_TAG] === `nodes-${c.nodeGroup}`),
    );
    if (pods.length > 0 && groups.length === 0)
      return {
        kind: 'unresolved',
        id,
        reason: `the pods of ${id} cannot be scheduled on any node group of the input`,
      };
    if (groups.length === 0)
      return { kind: 'unresolved', id, reason: `no node group of the input runs ${id}` };
    const excluded = spec.flows.filter((f) => f.to === id && !f.viaMesh).map((f) => f.port);
    const pod: PodModel = {
      id: `${sel.namespace}/${id}${pods.length ? '' : ' (hypothetical)'}`,
      namespace: sel.namespace,
      labels: sel.labels,
      serviceAccount: sel.serviceAccount ?? 'default',
      hostNetwork: false,
      namedPorts: {},
      nodeGroups: groups.map((g) => g.key),
      meshed: c.meshed === true,
      meshExcludedPorts: excluded,
      hypothetical: true,
    };
    return { kind: 'pod', id, pod };
  }
  if (c.awsTag) {
    const attachments = [...model.attachments.values()].filter(
      (a) =>
        a.tags[COMPONENT_TAG] === c.awsTag ||
        a.sgs.some((g) => model.securityGroups.get(g)?.component === c.awsTag),
    );
    if (attachments.length === 0)
      return {
        kind: 'unresolved',
        id,
        reason: `no network interface of the input carries ${COMPONENT_TAG}=${c.awsTag}`,
      };
    return { kind: 'attachments', id, attachments };
  }
  if (c.prefixList) return { kind: 'prefix-list', id, name: c.prefixList };
  const ranges = (c.cidrs ?? []).map(cidrRange).filter((r): r is Range => r !== undefined);
  if (ranges.length === 0)
    return { kind: 'unresolved', id, reason: `component ${id} has no IPv4 address range` };
  if (ranges.every((r) => contains(cidrRange('169.254.0.0/16')!, r)))
    return { kind: 'link-local', id, range: ranges[0]! };
  return { kind: 'external', id, ranges };
}

/**
 * Whether a rule's peer may include internet addresses: a public CIDR, or a peer the input does not determine
 * (a CIDR chosen at deploy time, a prefix list whose entries are not known), whose paths are then reported as
 * unknown rather than passed over.
 */
function mayBePublic(peer: SgPeer): boolean {
  if (peer.kind === 'cidr') return PUBLIC_ADDRESSES.some((p) => overlaps(p, peer.range));
  return peer.kind === 'unknown' || (peer.kind === 'prefix-list' && peer.unknown !== undefined);
}

const INTERNET: Endpoint = { kind: 'external', id: 'internet', ranges: [cidrRange('0.0.0.0/0')!] };

/** Foreign input: what the internet reaches, and which private resources reach the internet. */
export function analyseForeign(model: NetworkModel): FlowCheck[] {
  const checks: FlowCheck[] = [];
  const targets: { id: string; e: Endpoint; sgs: readonly string[]; a?: AttachmentModel }[] = [
    ...[...model.attachments.values()].map((a) => ({
      id: a.key,
      e: { kind: 'attachments', id: a.key, attachments: [a] } as Endpoint,
      sgs: a.sgs,
      a,
    })),
    ...model.k8s.pods
      .filter((p) => p.nodeGroups.length > 0)
      .map((p) => ({
        id: p.id,
        e: { kind: 'pod', id: p.id, pod: p } as Endpoint,
        sgs: p.nodeGroups.flatMap((g) => model.attachments.get(g)?.sgs ?? []),
      })),
  ];
  for (const t of targets) {
    const ports = new Map<string, { port: number; protocol: 'tcp' | 'udp' }>();
    for (const g of t.sgs)
      for (const r of model.securityGroups.get(g)?.rules ?? [])
        if (r.direction === 'ingress' && mayBePublic(r.peer))
          for (const protocol of r.protocol === 'all'
            ? (['tcp', 'udp'] as const)
            : r.protocol === 'tcp' || r.protocol === 'udp'
              ? [r.protocol]
              : [])
            ports.set(`${r.fromPort}/${protocol}`, {
              port: r.protocol === 'all' ? 22 : r.fromPort,
              protocol,
            });
    if (t.a?.kind === 'cluster') ports.set('443/tcp', { port: 443, protocol: 'tcp' });
    if (t.e.kind === 'pod')
      for (const svc of model.k8s.services)
        for (const p of Array.isArray((svc.object.spec as Record<string, unknown> | undefined)?.ports)
          ? ((svc.object.spec as Record<string, unknown>).ports as Record<string, unknown>[])
          : [])
          if (typeof (p.targetPort ?? p.port) === 'number')
            ports.set(`${String(p.targetPort ?? p.port)}/tcp`, {
              port: Number(p.targetPort ?? p.port),
              protocol: 'tcp',
            });
    for (const p of ports.values()) {
      const answer = canReach(model, INTERNET, t.e, p.port, p.protocol);
      if (answer.verdict === 'denied') continue;
      checks.push({
        class: 'internet-exposure',
        claim: t.id,
        result: toResult(
          'internet',
          t.id,
          p.port,
          p.protocol,
          'unknown',
          answer,
          'reachable from the internet: review',
        ),
      });
    }
    if (t.a?.publicAddress || t.a?.kind === 'cluster' || t.a?.kind === 'load-balancer') continue;
    const out = new Map<string, { port: number; protocol: 'tcp' | 'udp' }>();
    for (const g of t.sgs)
      for (const r of model.securityGroups.get(g)?.rules ?? [])
        if (r.direction === 'egress' && mayBePublic(r.peer))
          out.set(`${r.protocol}`, {
            port: r.protocol === 'all' ? 443 : r.fromPort,
            protocol: r.protocol === 'udp' ? 'udp' : 'tcp',
          });
    for (const p of out.values()) {
      const answer = canReach(model, t.e, INTERNET, p.port, p.protocol);
      if (answer.verdict === 'denied') continue;
      checks.push({
        class: 'internet-egress',
        claim: t.id,
        result: toResult(
          t.id,
          'internet',
          p.port,
          p.protocol,
          'unknown',
          answer,
          'a private resource reaches the internet: review',
        ),
      });
    }
  }
  return checks;
}

export { formatRange };
