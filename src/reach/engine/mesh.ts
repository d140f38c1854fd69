/**
 * Istio at the destination's sidecar: PeerAuthentication (STRICT refuses plaintext, so an unmeshed client is
 * refused) and AuthorizationPolicy (any matching DENY refuses; when ALLOW policies select the workload a
 * request must match one of their rules). Only the attributes that decide a whole connection are evaluated
 * (source principals, namespaces and ipBlocks, destination ports); a rule that also names paths, methods or
 * conditions admits some requests (so it counts for ALLOW) and refuses only some (so it does not count for
 * DENY). Ports excluded from the sidecar bypass it. Written by hand: Istio ships no offline evaluator.
 */
import type { Check } from './check.js';
import type { KubernetesModel, PodModel } from './model.js';
import { cidrRange, overlaps, type Range } from './net.js';
import { matchLabelSelector, SELECTOR_MATCH, SELECTOR_NO_MATCH, type SelectorOutcome } from './selectors.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function glob(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return pattern === value;
}

function applies(
  k8s: KubernetesModel,
  o: { namespace?: string; object: Obj },
  pod: PodModel,
): SelectorOutcome {
  const spec = obj(o.object.spec);
  const selector = spec.selector ?? spec.targetRef;
  if (o.namespace !== pod.namespace && o.namespace !== k8s.rootNamespace) return SELECTOR_NO_MATCH;
  return selector === undefined ? SELECTOR_MATCH : matchLabelSelector(selector, pod.labels);
}

/** The objects that apply to the pod, or the first whose selector cannot be decided. */
function applying<T extends { namespace?: string; name?: string; object: Obj }>(
  k8s: KubernetesModel,
  objects: readonly T[],
  pod: PodModel,
): T[] | { readonly unknown: string } {
  const out: T[] = [];
  for (const o of objects) {
    const result = applies(k8s, o, pod);
    if (result.outcome === 'unknown')
      return { unknown: `${o.namespace}/${o.name}: selector ${result.reason}` };
    if (result.outcome === 'match') out.push(o);
  }
  return out;
}

export function meshCheck(
  k8s: KubernetesModel,
  source: PodModel | undefined,
  sourceRanges: readonly Range[],
  pod: PodModel,
  port: number,
): Check {
  const node = `sidecar of ${pod.id}`;
  if (!pod.meshed)
    return { ok: 'yes', hop: { node: `pod ${pod.id}`, rule: 'no sidecar: mesh policies do not apply' } };
  if (pod.meshExcludedPorts.includes(port))
    return {
      ok: 'yes',
      hop: {
        node,
        rule: `port ${port} excluded from the sidecar (traffic.sidecar.istio.io/excludeInboundPorts)`,
      },
    };
  const mtls = source?.meshed === true;
  const principal = mtls ? `cluster.local/ns/${source!.namespace}/sa/${source!.serviceAccount}` : undefined;

  // PeerAuthentication: workload > namespace > mesh-wide.
  const pas = applying(k8s, k8s.peerAuthentications, pod);
  if (!Array.isArray(pas)) return { ok: 'unknown', reason: `PeerAuthentication ${pas.unknown}`, node };
  const rank = (p: (typeof pas)[number]) =>
    obj(p.object.spec).selector ? 0 : p.namespace === pod.namespace ? 1 : 2;
  const pa = pas.sort((a, b) => rank(a) - rank(b))[0];
  if (pa) {
    const spec = obj(pa.object.spec);
    const portMode = obj(obj(spec.portLevelMtls)[String(port)]).mode;
    const mode = String(portMode ?? obj(spec.mtls).mode ?? 'PERMISSIVE');
    if (mode === 'STRICT' && !mtls)
      return {
        ok: 'no',
        block: {
          node,
          rule: `PeerAuthentication ${pa.namespace}/${pa.name} STRICT: the client has no sidecar (plaintext refused)`,
        },
      };
  }

  const policies = applying(k8s, k8s.authorizationPolicies, pod);
  if (!Array.isArray(policies))
    return { ok: 'unknown', reason: `AuthorizationPolicy ${policies.unknown}`, node };
  const ctx = { principal, namespace: mtls ? source!.namespace : undefined, ranges: sourceRanges, port };
  for (const p of policies.filter((p) => obj(p.object.spec).action === 'DENY'))
    for (const [i, rule] of (Array.isArray(obj(p.object.spec).rules)
      ? (obj(p.object.spec).rules as unknown[])
      : []
    ).entries())
      if (ruleMatches(obj(rule), ctx, 'deny'))
        return {
          ok: 'no',
          block: { node, rule: `AuthorizationPolicy ${p.namespace}/${p.name} DENY rules[${i}]` },
        };
  const allows = policies.filter((p) => (obj(p.object.spec).action ?? 'ALLOW') === 'ALLOW');
  if (allows.length === 0)
    return { ok: 'yes', hop: { node, rule: 'no ALLOW AuthorizationPolicy selects the workload' } };
  for (const p of allows)
    for (const [i, rule] of (Array.isArray(obj(p.object.spec).rules)
      ? (obj(p.object.spec).rules as unknown[])
      : []
    ).entries())
      if (ruleMatches(obj(rule), ctx, 'allow'))
        return {
          ok: 'yes',
          hop: { node, rule: `AuthorizationPolicy ${p.namespace}/${p.name} ALLOW rules[${i}]` },
        };
  return {
    ok: 'no',
    block: {
      node,
      rule: `AuthorizationPolicy ${allows.map((p) => `${p.namespace}/${p.name}`).join(', ')}: no ALLOW rule matches ${principal ?? 'a client without mesh identity'} on port ${port}`,
    },
  };
}

interface Ctx {
  principal?: string;
  namespace?: string;
  ranges: readonly Range[];
  port: number;
}

function ruleMatches(rule: Obj, ctx: Ctx, action: 'allow' | 'deny'): boolean {
  const partial = (Array.isArray(rule.when) && rule.when.length > 0) || false;
  const from = Array.isArray(rule.from) ? rule.from : undefined;
  if (from && !from.some((f) => sourceMatches(obj(obj(f).source), ctx))) return false;
  const to = Array.isArray(rule.to) ? rule.to : undefined;
  let narrowed = partial;
  if (to) {
    const hit = to.find((t) => {
      const op = obj(obj(t).operation);
      const ports = strings(op.ports);
      if (ports.length && !ports.includes(String(ctx.port))) return false;
      if (strings(op.notPorts).includes(String(ctx.port))) return false;
      return true;
    });
    if (!hit) return false;
    const op = obj(obj(hit).operation);
    narrowed ||= ['hosts', 'methods', 'paths', 'notHosts', 'notMethods', 'notPaths'].some(
      (k) => strings(op[k]).length > 0,
    );
  }
  return action === 'allow' ? true : !narrowed;
}

function sourceMatches(s: Obj, ctx: Ctx): boolean {
  const principals = strings(s.principals);
  if (principals.length && !(ctx.principal && principals.some((p) => glob(p, ctx.principal!)))) return false;
  if (strings(s.notPrincipals).some((p) => ctx.principal && glob(p, ctx.principal))) return false;
  if (strings(s.requestPrincipals).length) return false;
  const namespaces = strings(s.namespaces);
  if (namespaces.length && !(ctx.namespace && namespaces.some((n) => glob(n, ctx.namespace!)))) return false;
  if (strings(s.notNamespaces).some((n) => ctx.namespace && glob(n, ctx.namespace))) return false;
  const blocks = [...strings(s.ipBlocks), ...strings(s.remoteIpBlocks)];
  if (
    blocks.length &&
    !blocks.some((b) => {
      const r = cidrRange(b);
      return r && ctx.ranges.some((x) => overlaps(x, r));
    })
  )
    return false;
  return true;
}
