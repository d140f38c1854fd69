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

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
