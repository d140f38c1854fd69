/**
 * The backup and restore-drill CronJobs of an inventory, read the way their controls need them: the mode each
 * runs (the job program's mode variable), its schedule and the drill's scratch namespace, each either known or
 * undetermined with the reason.
 */
import { JOB_MODE_VARIABLE, SCRATCH_NAMESPACE_VARIABLE } from '../../contract/backup-jobs.js';
import type { Inventory, PodTemplate } from '../../inventory/model.js';
import { isSymbolic } from '../../inventory/values.js';
import { asList, asObj, type Obj } from '../k8s/objects.js';
import { isDatabasePod } from '../k8s/objects.js';

export type Known<T> = { readonly value: T } | { readonly unknown: string };

export interface JobCronJob {
  readonly pod: PodTemplate;
  /** The program's mode, or why it is not known. */
  readonly mode: Known<string>;
}

/** A literal env value of the job containers, or why it is not known; undefined when no container sets it. */
export function envValue(pod: PodTemplate, name: string): Known<string> | undefined {
  for (const container of asList(pod.spec.containers)) {
    for (const item of asList(asObj(container)?.env)) {
      const entry = asObj(item);
      if (entry?.name !== name) continue;
      if (typeof entry.value === 'string') return { value: entry.value };
      return { unknown: `${name} is not a literal value` };
    }
  }
  return undefined;
}

/** CronJobs whose containers run a job program (those that set its mode variable). */
export function jobCronJobs(inventory: Inventory): JobCronJob[] {
  const out: JobCronJob[] = [];
  for (const pod of inventory.pods) {
    if (pod.owner.kind !== 'CronJob') continue;
    const mode = envValue(pod, JOB_MODE_VARIABLE);
    if (mode) out.push({ pod, mode });
  }
  return out;
}

/**
 * The scratch namespaces the drills name (literal values only), other than a drill's own namespace: a drill that
 * names the namespace it runs in restores next to production, and that Weaviate stays production.
 */
export function scratchNamespaces(inventory: Inventory): Set<string> {
  const out = new Set<string>();
  for (const job of jobCronJobs(inventory)) {
    const ns = envValue(job.pod, SCRATCH_NAMESPACE_VARIABLE);
    if (ns && 'value' in ns && ns.value !== job.pod.namespace) out.add(ns.value);
  }
  return out;
}

/** Weaviate workloads, without the drills' scratch copies. */
export function productionWeaviate(inventory: Inventory): PodTemplate[] {
  const scratch = scratchNamespaces(inventory);
  return inventory.pods.filter((p) => isDatabasePod(p) && !scratch.has(p.namespace));
}

/** A CronJob field: its value, or why it is not known. */
export function cronJobField(
  pod: PodTemplate,
  field: 'schedule' | 'suspend' | 'concurrencyPolicy',
): Known<unknown> {
  const spec = asObj((pod.owner.object as Obj).spec);
  const value = spec?.[field];
  if (isSymbolic(value)) return { unknown: `spec.${field} is decided at deploy time` };
  return { value };
}
