/** Where the components of a flow spec are in a network model. */
import { COMPONENT_TAG, type Component, type FlowSpec } from '../../flows/types.js';
import { NODE_ROLE_LABEL } from '../../flows/names.js';
import type { NetworkModel, PodModel } from './model.js';
import { cidrRange, contains, type Range } from './net.js';
import { inVpcRangeOf } from './in-vpc-prefix-lists.js';
import type { Endpoint } from './query.js';

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
  if (c.prefixList) {
    const inVpc = inVpcRangeOf(c.prefixList);
    return { kind: 'prefix-list', id, name: c.prefixList, ...(inVpc ? { inVpc } : {}) };
  }
  const ranges = (c.cidrs ?? []).map(cidrRange).filter((r): r is Range => r !== undefined);
  if (ranges.length === 0)
    return { kind: 'unresolved', id, reason: `component ${id} has no IPv4 address range` };
  if (ranges.every((r) => contains(cidrRange('169.254.0.0/16')!, r)))
    return { kind: 'link-local', id, range: ranges[0]! };
  return { kind: 'external', id, ranges };
}
