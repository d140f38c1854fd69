/**
 * Which of a meshed component's ports bypass its sidecar, read from the flow spec (`viaMesh: false`), so the
 * choice is one decision in one place and visible on the pod as Istio's explicit exclusion annotations.
 */
import type { Component, FlowSpec } from '../flows/index.js';

export interface SidecarExclusions {
  /** Ports served by the pod that bypass the sidecar (gossip, data, Raft, metrics). */
  readonly inboundPorts: number[];
  /** Ports on meshed peers the pod calls around its sidecar (the same cluster-internal ports). */
  readonly outboundPorts: number[];
  /** Link-local addresses the pod calls around its sidecar (the Pod Identity agent). */
  readonly outboundIpRanges: string[];
}

// Numbers in numeric order (the default sort compares as text: 10000 before 2112).
const uniqueSorted = <T extends number | string>(values: T[]): T[] =>
  [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function sidecarExclusions(spec: FlowSpec, componentId: string): SidecarExclusions {
  const byId = new Map(spec.components.map((c) => [c.id, c]));
  const meshed = (c: Component | undefined) => Boolean(c?.meshed);
  const tcp = spec.flows.filter((f) => f.protocol === 'tcp' && !f.viaMesh);
  return {
    inboundPorts: uniqueSorted(tcp.filter((f) => f.to === componentId).map((f) => f.port)),
    outboundPorts: uniqueSorted(
      tcp.filter((f) => f.from === componentId && meshed(byId.get(f.to))).map((f) => f.port),
    ),
    outboundIpRanges: uniqueSorted(
      tcp
        .filter((f) => f.from === componentId && byId.get(f.to)?.tier === 'on-node')
        .flatMap((f) => byId.get(f.to)?.cidrs ?? []),
    ),
  };
}

/** Istio's pod annotations for the exclusions (empty lists are left out). */
export function sidecarAnnotations(x: SidecarExclusions): Record<string, string> {
  const out: Record<string, string> = {};
  if (x.inboundPorts.length) out['traffic.sidecar.istio.io/excludeInboundPorts'] = x.inboundPorts.join(',');
  if (x.outboundPorts.length)
    out['traffic.sidecar.istio.io/excludeOutboundPorts'] = x.outboundPorts.join(',');
  if (x.outboundIpRanges.length)
    out['traffic.sidecar.istio.io/excludeOutboundIPRanges'] = x.outboundIpRanges.join(',');
  return out;
}
