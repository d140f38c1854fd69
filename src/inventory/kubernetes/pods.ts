/** Pod templates of every workload kind, so pod-level checks see one shape whatever declares the pod. */
import type { K8sObject, PodTemplate } from '../model.js';
import { stringRecord } from './objects.js';

/** Where each workload kind keeps its pod template (the path of the template's metadata+spec). */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export function isWorkloadKind(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(TEMPLATE_PATHS, kind);
}

/** Where a workload kind keeps its pod spec (`spec.template.spec`; `spec` for a Pod). */
export function podSpecPath(kind: string): string {
  return [...(TEMPLATE_PATHS[kind] ?? []), 'spec'].join('.');
}

/** The pod template of a workload; undefined when the object is not a workload or declares no pod spec. */
export function podTemplateOf(owner: K8sObject): PodTemplate | undefined {
  const path = TEMPLATE_PATHS[owner.kind];
  if (!path) return undefined;
  let template: unknown = owner.object;
  for (const segment of path) template = asRecord(template)?.[segment];
  const record = asRecord(template);
  const spec = asRecord(record?.spec);
  if (!record || !spec) return undefined;
  const metadata = asRecord(record.metadata);
  return {
    owner,
    namespace: owner.namespace ?? 'default',
    specPath: [...path, 'spec'].join('.'),
    labels: stringRecord(metadata?.labels),
    annotations: stringRecord(metadata?.annotations),
    spec,
  };
}

/**
 * Why a pod spec cannot be checked as one, or undefined: the container lists must be lists of mappings (a
 * mapping or a string where a list belongs would leave every container check with nothing to look at).
 */
export function podSpecProblem(spec: Readonly<Record<string, unknown>>): string | undefined {
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    const list = spec[key];
    if (list === undefined && key !== 'containers') continue;
    if (!Array.isArray(list)) return `expected ${key} to be a list of containers`;
    if (key === 'containers' && list.length === 0) return 'expected at least one container';
    const at = list.findIndex((c) => asRecord(c) === undefined);
    if (at >= 0) return `expected ${key}.${at} to be a container (a mapping)`;
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
