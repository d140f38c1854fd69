/** Kubernetes label selectors (`matchLabels` + `matchExpressions`), evaluated against a label set. */
import { isPlainObject } from '../../inventory/values.js';

type Labels = Readonly<Record<string, string>>;

/**
 * Whether `selector` (a LabelSelector as written) selects `labels`. An empty selector selects everything, as in
 * NetworkPolicy and PodDisruptionBudget (policy/v1). Returns undefined when the selector cannot be read.
 */
export function selects(selector: unknown, labels: Labels): boolean | undefined {
  if (selector === undefined || selector === null) return true;
  if (!isPlainObject(selector)) return undefined;
  const matchLabels = selector.matchLabels;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isPlainObject(matchLabels)) return undefined;
    for (const [k, v] of Object.entries(matchLabels)) {
      if (typeof v !== 'string') return undefined;
      if (labels[k] !== v) return false;
    }
  }
  const expressions = selector.matchExpressions;
  if (expressions !== undefined && expressions !== null) {
    if (!Array.isArray(expressions)) return undefined;
    for (const e of expressions) {
      if (!isPlainObject(e) || typeof e.key !== 'string' || typeof e.operator !== 'string') return undefined;
      const values = Array.isArray(e.values)
        ? e.values.filter((v): v is string => typeof v === 'string')
        : [];
      const has = Object.hasOwn(labels, e.key);
      switch (e.operator) {
        case 'In':
          if (!has || !values.includes(labels[e.key]!)) return false;
          break;
        case 'NotIn':
          if (has && values.includes(labels[e.key]!)) return false;
          break;
        case 'Exists':
          if (!has) return false;
          break;
        case 'DoesNotExist':
          if (has) return false;
          break;
        default:
          return undefined;
      }
    }
  }
  return true;
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
