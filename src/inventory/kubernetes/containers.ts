/**
 * Finding containers in objects of kinds we do not model. A kind that runs pods (OpenShift DeploymentConfig, Argo
 * Rollout or Workflow, Knative Service, Tekton Task, an operator's custom resource) holds containers somewhere;
 * their security settings are what the pod controls check, so such an object must not pass unseen.
 */
import { isSymbolic } from '../values.js';

/** Lists that hold containers in every pod spec shape. */
const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Deeper than any custom resource nests its pod template; the search stops there. */
const MAX_DEPTH = 32;
/** Values looked at per object at most, so one huge custom resource cannot slow the run down. */
const MAX_VALUES = 20_000;

/**
 * The dotted path of the first container list, or of the first mapping that names an image (a single
 * `container`, a Tekton `step`), outside `metadata`; undefined when the object declares none.
 */
export function containersPath(object: Readonly<Record<string, unknown>>): string | undefined {
  let budget = MAX_VALUES;
  const queue: { value: unknown; path: string; depth: number }[] = Object.entries(object)
    .filter(([key]) => key !== 'metadata')
    .map(([key, value]) => ({ value, path: key, depth: 1 }));
  // Breadth first: the shallowest match names the clearest place (spec.template.spec.containers).
  for (let i = 0; i < queue.length && budget-- > 0; i++) {
    const { value, path, depth } = queue[i]!;
    if (typeof value !== 'object' || value === null || isSymbolic(value) || depth > MAX_DEPTH) continue;
    if (Array.isArray(value)) {
      value.forEach((item, n) => queue.push({ value: item, path: `${path}.${n}`, depth: depth + 1 }));
      continue;
    }
    const record = value as Record<string, unknown>;
    const image = record.image;
    if (typeof image === 'string' || isSymbolic(image)) return path;
    for (const [key, child] of Object.entries(record)) {
      if (CONTAINER_LISTS.has(key) && Array.isArray(child) && child.length > 0) return `${path}.${key}`;
      queue.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}
