/** Kubernetes label selectors (`matchLabels` + `matchExpressions`), evaluated against a label set. */
import { matchLabelSelector } from '../../contract/label-selector.js';
import { isPlainObject } from '../../inventory/values.js';
import { firstUndetermined } from './objects.js';

type Labels = Readonly<Record<string, string>>;

/**
 * Whether `selector` (a LabelSelector as written) selects `labels`. An absent or empty selector selects
 * everything, as in NetworkPolicy and PodDisruptionBudget (policy/v1). Returns undefined when the selector
 * cannot be read, is undetermined or uses an operator Kubernetes does not know: the caller reports `unknown`.
 */
export function selects(selector: unknown, labels: Labels): boolean | undefined {
  if (selector === undefined || selector === null) return true;
  // A selector (or a part of it) the input does not determine may select anything or nothing.
  if (firstUndetermined(selector, 'selector') !== undefined) return undefined;
  const result = matchLabelSelector(selector, labels);
  return result.outcome === 'unknown' ? undefined : result.outcome === 'match';
}

/** Whether a selector is empty (`{}` or only empty parts): it selects everything. */
export function isEmptySelector(selector: unknown): boolean {
  if (!isPlainObject(selector)) return false;
  const labels = selector.matchLabels;
  const exprs = selector.matchExpressions;
  return (
    (labels === undefined ||
      labels === null ||
      (isPlainObject(labels) && Object.keys(labels).length === 0)) &&
    (exprs === undefined || exprs === null || (Array.isArray(exprs) && exprs.length === 0))
  );
}
