/** Shared readers for the Kubernetes controls: namespaces in scope, containers, NetworkPolicy rules, results. */
import type { Inventory, K8sObject, PodTemplate } from '../../inventory/model.js';
import { getPath, isPlainObject, isSymbolic, type SymbolicValue } from '../../inventory/values.js';
import type { Status } from '../../findings/index.js';
import { podResource } from '../pss/control.js';
import type { ControlResult } from '../types.js';
import { isDatabaseContainer } from '../weaviate/workload.js';

export type Obj = { readonly [key: string]: unknown };

export function asObj(v: unknown): Obj | undefined {
  return isPlainObject(v) ? (v as Obj) : undefined;
}

export function asList(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * The dotted path of the first value under `value` that the input does not determine (a reference or parameter
 * embedded by a template), or undefined when every value is written out. `at` names `value` itself.
 */
export function firstUndetermined(value: unknown, at: string): string | undefined {
  if (isSymbolic(value)) return at;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = firstUndetermined(v, `${at}[${i}]`);
      if (found) return found;
    }
  } else if (isPlainObject(value))
    for (const [k, v] of Object.entries(value)) {
      const found = firstUndetermined(v, `${at}.${k}`);
      if (found) return found;
    }
  return undefined;
}

/** Whether an object's label `key` may be set to a value the input does not determine. */
export function labelUndetermined(o: K8sObject, key: string): boolean {
  const metadata = o.object.metadata;
  if (isSymbolic(metadata)) return true;
  const labels = asObj(metadata)?.labels;
  return isSymbolic(labels) || isSymbolic(asObj(labels)?.[key]);
}

/** Where a pod template's labels or annotations hold a value the input does not determine (dotted path), if so. */
export function undeterminedPodMetadata(pod: PodTemplate): string | undefined {
  const metadataPath = [...pod.specPath.split('.').slice(0, -1), 'metadata'].join('.');
  return firstUndetermined(getPath(pod.owner.object as SymbolicValue, metadataPath), metadataPath);
}

const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Where a pod's containers cannot all be read (a list or a container the input does not determine), if so. */
export function undeterminedContainers(pod: PodTemplate): string | undefined {
  if (isSymbolic(pod.spec)) return 'the pod spec';
  for (const field of CONTAINER_FIELDS) {
    const list = pod.spec[field];
    if (isSymbolic(list)) return field;
    for (const [i, c] of asList(list).entries()) if (isSymbolic(c)) return `${field}[${i}]`;
  }
  return undefined;
}

/** Containers of a pod template: init, regular and ephemeral, each with the field it came from. */
export function podContainers(pod: PodTemplate): { field: string; name: string; raw: Obj }[] {
  const out: { field: string; name: string; raw: Obj }[] = [];
  for (const field of CONTAINER_FIELDS) {
    for (const c of asList(pod.spec[field])) {
      const raw = asObj(c);
      if (raw) out.push({ field, name: typeof raw.name === 'string' ? raw.name : '', raw });
    }
  }
  return out;
}

export function workloadResult(pod: PodTemplate, status: Status, message: string): ControlResult {
  return { status, resource: podResource(pod), message };
}

export function objectResult(o: K8sObject, status: Status, message: string): ControlResult {
  return {
    status,
    resource: {
      type: `${o.apiVersion}/${o.kind}`,
      id: o.namespace ? `${o.namespace}/${o.name}` : o.name,
      file: o.location.file,
      path: o.location.path,
      ...(o.location.line !== undefined ? { line: o.location.line } : {}),
    },
    message,
  };
}

/**
 * Every namespace the input speaks of: declared Namespace objects and namespaces that hold workloads, with the
 * Namespace object when there is one.
 */
export function namespacesInScope(inventory: Inventory): Map<string, K8sObject | undefined> {
  const out = new Map<string, K8sObject | undefined>();
  for (const o of inventory.k8s) if (o.kind === 'Namespace' && o.apiVersion === 'v1') out.set(o.name, o);
  for (const pod of inventory.pods) if (!out.has(pod.namespace)) out.set(pod.namespace, undefined);
  return out;
}

export function namespaceResult(name: string, ns: K8sObject | undefined, status: Status, message: string) {
  return ns
    ? objectResult(ns, status, message)
    : { status, resource: { type: 'v1/Namespace', id: name }, message };
}

export function networkPolicies(inventory: Inventory): K8sObject[] {
  return inventory.k8s.filter(
    (o) => o.kind === 'NetworkPolicy' && o.apiVersion.startsWith('networking.k8s.io/'),
  );
}

/** Whether a database (Weaviate) pod: one of its containers is Weaviate, not one of its inference modules. */
export function isDatabasePod(pod: PodTemplate): boolean {
  return asList(pod.spec.containers).some(isDatabaseContainer);
}

export const K8S_WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
];
