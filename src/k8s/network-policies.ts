/**
 * NetworkPolicies generated from the flow spec: every namespace we create is closed in both directions, then each
 * flow enforced by the `network-policy` layer opens exactly its port, once on the sending side (egress) and once
 * on the receiving side (ingress), for the sides that live in our namespaces.
 *
 * Peers are pods (namespace + pod selector from the component's `k8s` selector) or address ranges: a component's
 * own CIDRs, or the planned subnets of its tier for VPC-internal components without one (interface endpoints,
 * the EKS API's network interfaces). Ranges covering everything (`/0`) and the instance metadata address are
 * never emitted. A flow whose peer has no expressible address (S3 in a region whose ranges the blueprint does
 * not know: only a managed prefix list) produces no rule; `unexpressedFlows` lists them so the gap is reported,
 * not hidden behind a wider rule.
 */
import {
  NetworkPolicy,
  type INetworkPolicyPeer,
  type INetworkPolicyPort,
} from 'kubernetes-models/networking.k8s.io/v1';
import { ANNOTATION_DESCRIPTION, ANNOTATION_FLOW } from '../contract/keys.js';
import { INSTANCE_METADATA_CIDR, type Component, type Flow, type FlowSpec } from '../flows/index.js';
import type { RenderContext } from './context.js';
import { ownedNamespaces } from './namespaces.js';

export const DEFAULT_DENY_POLICY = 'default-deny-all';
export const FLOW_ANNOTATION = ANNOTATION_FLOW;
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Address ranges a component stands for, or undefined when a NetworkPolicy cannot express it. */
export function componentCidrs(spec: FlowSpec, c: Component): string[] | undefined {
  const usable = (cidrs: readonly string[]) =>
    cidrs.filter((cidr) => !cidr.endsWith('/0') && cidr !== INSTANCE_METADATA_CIDR && cidr.includes('.'));
  if (c.cidrs) {
    const out = usable(c.cidrs);
    return out.length ? out : undefined;
  }
  if (c.prefixList) return undefined;
  const tier = c.tier;
  // Nodes (AWS components in the data tier) are their subnets: pods share those ranges under the VPC CNI, so such
  // a rule is only ever written with the node port it is for (the kubelet's).
  if (tier === 'public' || tier === 'application' || tier === 'endpoints' || (tier === 'data' && c.awsTag)) {
    const out = usable(spec.subnets.filter((s) => s.tier === tier).map((s) => s.cidr));
    return out.length ? out : undefined;
  }
  return undefined;
}

function peer(spec: FlowSpec, c: Component): INetworkPolicyPeer[] | undefined {
  if (c.k8s)
    return [
      {
        namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: c.k8s.namespace } },
        podSelector: { matchLabels: { ...c.k8s.labels } },
      },
    ];
  return componentCidrs(spec, c)?.map((cidr) => ({ ipBlock: { cidr } }));
}

const policyFlows = (spec: FlowSpec) => spec.flows.filter((f) => f.enforcedBy.includes('network-policy'));

export function networkPolicies(ctx: RenderContext): NetworkPolicy[] {
  const { spec } = ctx;
  const owned = new Set(ownedNamespaces(ctx));
  const byId = new Map(spec.components.map((c) => [c.id, c]));
  const labels = { ...ctx.commonLabels };
  const policies: NetworkPolicy[] = [...owned].map(
    (namespace) =>
      new NetworkPolicy({
        metadata: { name: DEFAULT_DENY_POLICY, namespace, labels },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      }),
  );
  for (const flow of policyFlows(spec)) {
    const from = byId.get(flow.from);
    const to = byId.get(flow.to);
    if (!from || !to) continue;
    const ports: INetworkPolicyPort[] = [
      { protocol: flow.protocol === 'udp' ? 'UDP' : 'TCP', port: flow.port, endPort: flow.toPort },
    ];
    const annotations = { [FLOW_ANNOTATION]: flow.id, [ANNOTATION_DESCRIPTION]: flow.description };
    if (from.k8s && owned.has(from.k8s.namespace)) {
      const to_ = peer(spec, to);
      if (to_)
        policies.push(
          new NetworkPolicy({
            metadata: { name: `${flow.id}-egress`, namespace: from.k8s.namespace, labels, annotations },
            spec: {
              podSelector: { matchLabels: { ...from.k8s.labels } },
              policyTypes: ['Egress'],
              egress: [{ to: to_, ports }],
            },
          }),
        );
    }
    if (to.k8s && owned.has(to.k8s.namespace)) {
      const from_ = peer(spec, from);
      if (from_)
        policies.push(
          new NetworkPolicy({
            metadata: { name: `${flow.id}-ingress`, namespace: to.k8s.namespace, labels, annotations },
            spec: {
              podSelector: { matchLabels: { ...to.k8s.labels } },
              policyTypes: ['Ingress'],
              ingress: [{ from: from_, ports }],
            },
          }),
        );
    }
  }
  return policies;
}

/** Flows the policies should carry but cannot (their peer has no address a NetworkPolicy can name). */
export function unexpressedFlows(ctx: RenderContext): Flow[] {
  const owned = new Set(ownedNamespaces(ctx));
  const byId = new Map(ctx.spec.components.map((c) => [c.id, c]));
  return policyFlows(ctx.spec).filter((f) => {
    const from = byId.get(f.from);
    const to = byId.get(f.to);
    if (!from || !to) return true;
    const egressMissing = from.k8s && owned.has(from.k8s.namespace) && !peer(ctx.spec, to);
    const ingressMissing = to.k8s && owned.has(to.k8s.namespace) && !peer(ctx.spec, from);
    return Boolean(egressMissing || ingressMissing);
  });
}
