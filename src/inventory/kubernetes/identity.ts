/**
 * Which Kubernetes definitions are the same object, and when two definitions of it say the same thing. The API
 * server knows an object by group, kind, namespace and name: two files declaring it (an overlay and its base,
 * two environments) deploy one over the other, whatever version of the group each one writes.
 */
import type { K8sObject } from '../model.js';

/** `group/kind/namespace/name` (the core group is empty; cluster-scoped objects have no namespace). */
export function identityOf(object: K8sObject): string {
  const slash = object.apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : object.apiVersion.slice(0, slash);
  return [group, object.kind, object.namespace ?? '', object.name].join('/');
}

/** Labels the CDK adds to the objects it applies (pruning), which the manifest files do not carry. */
const CDK_LABEL_PREFIX = 'aws.cdk.eks/';

/**
 * The definition as canonical text: keys sorted, and the CDK's pruning labels left out, so that a manifest
 * file and the same object embedded in a template compare equal.
 */
export function comparableDefinition(object: K8sObject): string {
  const copy = JSON.parse(JSON.stringify(object.object)) as {
    metadata?: { labels?: Record<string, string> };
  };
  const labels = copy.metadata?.labels;
  if (labels) {
    for (const key of Object.keys(labels)) if (key.startsWith(CDK_LABEL_PREFIX)) delete labels[key];
    if (Object.keys(labels).length === 0) delete copy.metadata!.labels;
  }
  return JSON.stringify(copy, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/**
 * True for a manifest file and a template's embedded copy that define the object identically: the two ways the
 * same synthesized output reaches a cluster, not two competing definitions.
 */
export function isIdenticalDeploymentCopy(first: K8sObject, again: K8sObject): boolean {
  return (
    (first.embeddedIn === undefined) !== (again.embeddedIn === undefined) &&
    comparableDefinition(first) === comparableDefinition(again)
  );
}
