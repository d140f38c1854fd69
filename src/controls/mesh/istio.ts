/** Istio objects of the inventory and the database workloads they protect. */
import type { Inventory, K8sObject, PodTemplate } from '../../inventory/model.js';
import { isSymbolic } from '../../inventory/values.js';
import { asObj, firstUndetermined, isDatabasePod } from '../k8s/objects.js';
import { selects } from '../k8s/selectors.js';

/** Istio's default root namespace: mesh-wide policies live there. */
export const ROOT_NAMESPACE = 'istio-system';

export function istioObjects(inventory: Inventory, kind: string): K8sObject[] {
  return inventory.k8s.filter((o) => o.kind === kind && o.apiVersion.startsWith('security.istio.io/'));
}

export function databasePods(inventory: Inventory): PodTemplate[] {
  return inventory.pods.filter(isDatabasePod);
}

/** Namespaces that run the database. */
export function databaseNamespaces(inventory: Inventory): string[] {
  return [...new Set(databasePods(inventory).map((p) => p.namespace))].sort();
}

export function spec(o: K8sObject): Record<string, unknown> {
  return (asObj(o.object.spec) as Record<string, unknown> | undefined) ?? {};
}

/**
 * Whether a policy has no workload selector (it applies to its whole namespace). A selector the input does not
 * determine is not taken as absent: see {@link undeterminedSpec}.
 */
export function isNamespaceWide(o: K8sObject): boolean {
  if (isSymbolic(o.object.spec)) return false;
  const written = spec(o).selector;
  if (isSymbolic(written)) return false;
  const selector = asObj(written);
  if (isSymbolic(selector?.matchLabels)) return false;
  const labels = asObj(selector?.matchLabels);
  return !selector || !labels || Object.keys(labels).length === 0;
}

/** Where a policy's spec holds a value the input does not determine (dotted path), if anywhere. */
export function undeterminedSpec(o: K8sObject): string | undefined {
  return firstUndetermined(o.object.spec, 'spec');
}

/** Whether a policy with a `selector.matchLabels` applies to the pod. */
export function selectsPod(o: K8sObject, pod: PodTemplate): boolean {
  const selector = asObj(spec(o).selector);
  return selects({ matchLabels: selector?.matchLabels ?? {} }, pod.labels) === true;
}

export const ISTIO_REFERENCES = ['https://istio.io/latest/docs/reference/config/security/'];
