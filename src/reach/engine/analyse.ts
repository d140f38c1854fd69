/**
 * Proof obligations over a network model: with a flow spec, every intended flow must be possible, every
 * denial claim and every flow between components that the spec does not name must be impossible; without a
 * spec (foreign input), every resource reachable from the internet and every path from a private resource to
 * the internet is listed for review.
 */
import type { FlowSpec } from '../../flows/types.js';
import type { Inventory } from '../../inventory/model.js';
import type { FlowResult } from '../../findings/index.js';
import { buildNetworkModel } from './build.js';
import { outsideOf, toResult, type FlowCheck } from './check-result.js';
import type { AttachmentModel, NetworkModel, SgPeer } from './model.js';
import { cidrRange, formatRange, overlaps, PUBLIC_ADDRESSES } from './net.js';
import { canReach, type Endpoint } from './query.js';
import { analyseSpec } from './spec-analysis.js';
import { withTransitProofs } from './transit.js';

export { toResult, type CheckClass, type FlowCheck } from './check-result.js';
export { analyseSpec } from './spec-analysis.js';
export { endpointOf } from './spec-endpoints.js';

export interface EngineResult {
  readonly checks: readonly FlowCheck[];
  readonly flows: readonly FlowResult[];
  readonly model: NetworkModel;
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
  const checks = spec
    ? withTransitProofs(inventory, model, spec, analyseSpec(model, spec))
    : analyseForeign(model);
  // Defense-in-depth checks repeat other flows with fewer layers: they are findings, not report flows.
  const result = {
    checks,
    flows: checks.filter((c) => c.class !== 'defense-in-depth').map((c) => c.result),
    model,
  };
  perSpec.set(key, result);
  return result;
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
        ...outsideOf(answer),
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
        ...outsideOf(answer),
      });
    }
  }
  return checks;
}

export { formatRange };
