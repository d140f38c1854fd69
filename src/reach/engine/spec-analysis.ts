/**
 * The proof obligations of a flow spec: every intended flow must be possible; every denial claim, and every flow
 * between modelled components that the spec does not name, must be impossible; the claims the AWS network can
 * enforce alone must also hold without the Kubernetes layers (defense in depth).
 */
import type { Component, FlowSpec, Protocol } from '../../flows/types.js';
import type { FlowVerdict } from '../../findings/index.js';
import { outsideOf, toResult, type CheckClass, type FlowCheck } from './check-result.js';
import type { NetworkModel } from './model.js';
import { canReach, type Endpoint } from './query.js';
import { endpointOf } from './spec-endpoints.js';
import { canReachIpv6Inbound, canReachIpv6Outbound, ipv6Ranges } from './ipv6.js';

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

interface PortProbe {
  readonly port: number;
  readonly protocol: Protocol;
}

const probeKey = (from: string, to: string, port: number, protocol: string) =>
  `${from}|${to}|${port}|${protocol}`;

export function analyseSpec(model: NetworkModel, spec: FlowSpec): FlowCheck[] {
  const analysis = new SpecAnalysis(model, spec);
  analysis.checkIntendedFlows();
  analysis.checkDenials();
  analysis.checkDefenseInDepth();
  analysis.checkUnnamedFlows();
  return analysis.checks;
}

class SpecAnalysis {
  readonly checks: FlowCheck[] = [];
  private readonly components: Map<string, Component>;
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly seen = new Set<string>();
  /** Every (from, to, port, protocol) an intended flow names, port ranges expanded. */
  private readonly intended = new Set<string>();
  /** The ports each destination listens on, from the flows that reach it. */
  private readonly listening = new Map<string, PortProbe[]>();

  constructor(
    private readonly model: NetworkModel,
    private readonly spec: FlowSpec,
  ) {
    this.components = new Map(spec.components.map((c) => [c.id, c]));
    for (const f of spec.flows) {
      for (let p = f.port; p <= (f.toPort ?? f.port); p++)
        this.intended.add(probeKey(f.from, f.to, p, f.protocol));
      const list = this.listening.get(f.to) ?? [];
      if (!list.some((l) => l.port === f.port && l.protocol === f.protocol))
        list.push({ port: f.port, protocol: f.protocol });
      this.listening.set(f.to, list);
    }
  }

  private endpoint(id: string): Endpoint {
    let e = this.endpoints.get(id);
    if (!e) this.endpoints.set(id, (e = endpointOf(this.model, this.spec, this.components.get(id), id)));
    return e;
  }

  private check(
    cls: CheckClass,
    claim: string,
    flow: { readonly from: string; readonly to: string } & PortProbe,
    expected: FlowVerdict,
    reason: string,
  ): void {
    const { from, to, port, protocol } = flow;
    const k = probeKey(from, to, port, protocol);
    if (this.seen.has(k)) return;
    this.seen.add(k);
    const answer = this.reach(from, to, port, protocol);
    this.checks.push({
      class: cls,
      claim,
      result: toResult(from, to, port, protocol, expected, answer, reason),
      ...outsideOf(answer),
    });
  }

  /** Components outside the VPC with IPv6 ranges only go to the IPv6 prover; everything else to the IPv4 one. */
  private reach(from: string, to: string, port: number, protocol: Protocol) {
    const v6 = (id: string) => {
      const cidrs = this.components.get(id)?.cidrs;
      return cidrs?.length && cidrs.every((c) => c.includes(':')) ? ipv6Ranges(cidrs) : undefined;
    };
    const [src, dst] = [v6(from), v6(to)];
    if (dst) return canReachIpv6Outbound(this.model, this.endpoint(from), dst, port, protocol);
    if (src) return canReachIpv6Inbound(this.model, src, this.endpoint(to), port, protocol);
    return canReach(this.model, this.endpoint(from), this.endpoint(to), port, protocol);
  }

  checkIntendedFlows(): void {
    for (const f of this.spec.flows)
      this.check('intended', f.id, f, 'allowed', `intended flow ${f.id}: ${f.description}`);
  }

  checkDenials(): void {
    const spec = this.spec;
    const expand = (ids: readonly string[]) =>
      ids.flatMap((id) =>
        id.startsWith('tier:')
          ? spec.components.filter((c) => c.tier === id.slice(5)).map((c) => c.id)
          : [id],
      );
    // Specific claims first, so a flow that several claims cover is reported under the most specific one.
    const broad = (d: (typeof spec.denials)[number]) =>
      [...d.from, ...d.to].filter((x) => x.startsWith('tier:')).length;
    for (const d of [...spec.denials].sort((a, b) => broad(a) - broad(b))) {
      for (const from of expand(d.from))
        for (const to of expand(d.to)) {
          if (from === to) continue;
          const ports: PortProbe[] = d.ports.length
            ? d.ports.map((port) => ({ port, protocol: 'tcp' as const }))
            : anyPortSample(this.model, this.endpoint(from), this.endpoint(to), this.listening.get(to) ?? []);
          for (const p of ports) {
            if (this.intended.has(probeKey(from, to, p.port, p.protocol))) continue;
            this.check(d.class, d.id, { from, to, ...p }, 'denied', `denial ${d.id}: ${d.description}`);
          }
        }
    }
  }

  /**
   * The claims the AWS network can enforce on its own must hold without the Kubernetes layers too, so that a
   * deleted NetworkPolicy or a disabled policy engine does not open them.
   */
  checkDefenseInDepth(): void {
    const awsOnly = networkLayerOnly(this.model);
    const leftToKubernetes = new Set(
      this.spec.denials.filter((d) => d.defenseInDepth === false).map((d) => d.id),
    );
    for (const c of [...this.checks]) {
      if (!LAYERED.has(c.class) || leftToKubernetes.has(c.claim)) continue;
      const f = c.result;
      const port = Number(f.port);
      const protocol = f.protocol as Protocol;
      const answer = canReach(awsOnly, this.endpoint(f.from), this.endpoint(f.to), port, protocol);
      this.checks.push({
        class: 'defense-in-depth',
        claim: c.claim,
        result: toResult(
          f.from,
          f.to,
          port,
          protocol,
          'denied',
          answer,
          `${f.reason ?? c.claim} (network layer alone, without NetworkPolicies and mesh policies)`,
        ),
        ...outsideOf(answer),
      });
    }
  }

  /**
   * Flows between modelled components that the spec does not name, on the ports the destination listens on.
   * Every modelled component is a source (pods in namespaces we do not manage stand for any other team's pod);
   * destinations are the components whose traffic this deployment controls: AWS components (their security
   * groups are generated) and pods in namespaces the manifests manage (they carry default-deny policies).
   * kube-system and Helm-created namespaces carry no policies of ours; the default-deny controls report them.
   * Sources on the internet are the denial claims' business: what they may reach is what the claims say.
   */
  checkUnnamedFlows(): void {
    const implied = impliedFlows(this.model, this.spec, this.components);
    for (const from of this.spec.components) {
      const source = this.endpoint(from.id);
      if (source.kind === 'prefix-list' || source.kind === 'link-local' || from.tier === 'internet') continue;
      for (const to of this.spec.components) {
        if (!implied.inScope(to) && !to.prefixList) continue;
        for (const p of this.probesOf(to)) {
          if (this.intended.has(probeKey(from.id, to.id, p.port, p.protocol))) continue;
          // A component talking to itself is one workload (its own flows are named when they cross pods).
          if (from.id === to.id || implied.covers(from, to, p.port, p.protocol)) continue;
          this.check(
            'unnamed',
            `${from.id}-to-${to.id}`,
            { from: from.id, to: to.id, ...p },
            'denied',
            'not an intended flow: the spec does not name it',
          );
        }
      }
    }
  }

  /** The ports a destination listens on; AWS destinations are also probed on SSH, which nothing may open. */
  private probesOf(to: Component): PortProbe[] {
    const listening = this.listening.get(to.id) ?? [];
    return [
      ...listening,
      ...(to.awsTag && !listening.some((l) => l.port === 22) ? [{ port: 22, protocol: 'tcp' as const }] : []),
    ];
  }
}

/**
 * Which pairs are implied by an intended flow rather than unnamed, and which destinations are in scope.
 * A pod reaching what its node group may reach is implied (pods use their node's security group). Two more kinds
 * of pairs are implied because no layer can tell them apart from an intended flow: the same port to another
 * component in the same subnets (ipBlock and CIDR rules see subnets, not services), and a flow to the internet
 * on a port, which includes AWS's public services on it.
 */
function impliedFlows(model: NetworkModel, spec: FlowSpec, components: ReadonlyMap<string, Component>) {
  const managed = new Set([
    ...model.k8s.namespaceLabels.keys(),
    ...model.k8s.pods.filter((p) => !p.hypothetical).map((p) => p.namespace),
  ]);
  const inScope = (c: Component) => (c.k8s ? managed.has(c.k8s.namespace) : !!c.awsTag);
  const tierOf = (c: Component) => (c.k8s && c.nodeGroup ? 'data' : c.tier);
  // Pods leave through their node's security group (the VPC CNI gives them no group of their own), so the node
  // and every pod on it share one: what any of them may reach, the network layer grants to all. For sources
  // without NetworkPolicies of ours (the nodes, pods in namespaces we do not manage) that is implied, not
  // unnamed; pods in our namespaces are still checked, their egress policies decide. A node's flow to the
  // internet includes AWS's public services on its port, as for any other source.
  const sharedGroup = (c: Component | undefined) =>
    c === undefined ? undefined : c.k8s && c.nodeGroup ? `nodes-${c.nodeGroup}` : c.id;
  const nodeFlow = (from: Component, to: Component, port: number, protocol: string) =>
    !(from.k8s && managed.has(from.k8s.namespace)) &&
    spec.flows.some(
      (f) =>
        (f.to === to.id || (f.to === 'internet' && !!to.prefixList)) &&
        f.port === port &&
        f.protocol === protocol &&
        sharedGroup(components.get(f.from)) === sharedGroup(from),
    );
  const covers = (from: Component, to: Component, port: number, protocol: string) =>
    nodeFlow(from, to, port, protocol) ||
    spec.flows.some((f) => {
      if (f.from !== from.id || f.port !== port || f.protocol !== protocol) return false;
      const target = components.get(f.to);
      if (!target) return false;
      // Named internet ranges (an OIDC issuer's) may hold AWS's public services too: their addresses are a
      // prefix list the input does not hold, so no layer can tell the two apart.
      if (f.to === 'internet' || target.tier === 'internet') return !!to.prefixList;
      return !target.k8s && !to.k8s && !target.prefixList && !to.prefixList && tierOf(target) === tierOf(to);
    });
  return { inScope, covers };
}

/** Ports that represent "any port": where the destination listens and where a rule could open a path. */
function anyPortSample(model: NetworkModel, from: Endpoint, to: Endpoint, listening: readonly PortProbe[]) {
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
