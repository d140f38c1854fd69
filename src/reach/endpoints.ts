/** Where a flow-spec component sits in the model: its addresses, subnets, security groups and pods. */
import type { Component } from '../flows/types.js';
import type { PodTemplate } from '../inventory/model.js';
import type { NetworkModel, Subnet } from './model.js';

/** A public address standing for "somewhere on the internet" when NACL rules are evaluated. */
export const INTERNET_ADDRESS = '198.51.100.7/32';

export interface Endpoint {
  readonly component: Component;
  /** Address ranges the component's traffic carries (tier subnets, or its own CIDRs). */
  readonly addresses: readonly string[];
  readonly subnets: readonly Subnet[];
  readonly groups: readonly string[];
  /** Pods of the component (empty when it is not a Kubernetes workload). */
  readonly pods: readonly PodTemplate[];
  readonly inVpc: boolean;
}

export function endpointOf(model: NetworkModel, component: Component): Endpoint {
  const spec = model.spec;
  const tier = component.k8s && component.nodeGroup ? 'data' : component.tier;
  const planned = spec?.subnets.filter((s) => s.tier === tier).map((s) => s.cidr) ?? [];
  const inVpc = planned.length > 0;
  const subnets = model.subnets.filter((s) => s.cidr !== undefined && planned.includes(s.cidr));
  const addresses = inVpc
    ? planned
    : component.id === 'internet'
      ? [INTERNET_ADDRESS]
      : (component.cidrs ?? []);
  const pods = component.k8s
    ? model.k8s.pods.filter(
        (p) =>
          p.namespace === component.k8s!.namespace &&
          Object.entries(component.k8s!.labels).every(([k, v]) => p.labels[k] === v),
      )
    : [];
  return {
    component,
    addresses,
    subnets,
    groups: model.componentGroups.get(component.id) ?? [],
    pods: pods.length > 0 ? pods : hypotheticalPods(model, component),
    inVpc,
  };
}

/**
 * A component whose pods the manifests do not contain (installed by a Helm chart, or living in another team's
 * namespace) stands for any pod with its labels in its namespace: the prover reasons about one such pod, under
 * whatever policies that namespace has.
 */
function hypotheticalPods(model: NetworkModel, component: Component): PodTemplate[] {
  const k8s = component.k8s;
  if (!k8s || !model.k8s.present) return [];
  const name = `any pod of ${component.id}`;
  const owner = {
    source: 'kubernetes' as const,
    key: `v1/Pod/${k8s.namespace}/${name}`,
    apiVersion: 'v1',
    kind: 'Pod',
    name,
    namespace: k8s.namespace,
    labels: k8s.labels,
    annotations: {},
    object: {},
    location: { file: '(hypothetical)', path: '' },
  };
  return [
    { owner, namespace: k8s.namespace, specPath: 'spec', labels: k8s.labels, annotations: {}, spec: {} },
  ];
}
