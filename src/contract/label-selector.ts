/**
 * Kubernetes label selectors (`matchLabels` + `matchExpressions` with In, NotIn, Exists and DoesNotExist), with
 * the upstream semantics. A selector the API server would reject (an unknown operator, a malformed part) is
 * neither a match nor a non-match: the object it belongs to may never exist, so the answer is `unknown` with
 * the reason, and the caller reports it as such.
 */

type Labels = Readonly<Record<string, string>>;

export type SelectorOutcome =
  | { readonly outcome: 'match' }
  | { readonly outcome: 'no-match' }
  | { readonly outcome: 'unknown'; readonly reason: string };

export const SELECTOR_MATCH: SelectorOutcome = Object.freeze({ outcome: 'match' });
export const SELECTOR_NO_MATCH: SelectorOutcome = Object.freeze({ outcome: 'no-match' });

const unknown = (reason: string): SelectorOutcome => ({ outcome: 'unknown', reason });

/**
 * Whether `labels` satisfy `selector` (a LabelSelector as written). An empty selector (`{}`) selects
 * everything. An absent selector is the caller's decision (it means "nothing" in some fields and "everything"
 * in others), so this is only called with one that is present: anything that is not an object is unknown.
 */
export function matchLabelSelector(selector: unknown, labels: Labels): SelectorOutcome {
  if (!isRecord(selector)) return unknown('the selector is not an object');
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined && matchLabels !== null && !isRecord(matchLabels))
    return unknown('matchLabels is not an object');
  if (matchExpressions !== undefined && matchExpressions !== null && !Array.isArray(matchExpressions))
    return unknown('matchExpressions is not a list');
  let matches = true;
  for (const [key, value] of Object.entries(matchLabels ?? {})) {
    if (typeof value !== 'string') return unknown(`matchLabels.${key} is not a string`);
    if (labels[key] !== value) matches = false;
  }
  for (const [i, expression] of ((matchExpressions ?? []) as unknown[]).entries()) {
    const result = matchExpression(expression, labels);
    if (typeof result === 'string') return unknown(`matchExpressions[${i}] ${result}`);
    if (!result) matches = false;
  }
  return matches ? SELECTOR_MATCH : SELECTOR_NO_MATCH;
}

/** Whether one requirement holds, or why it cannot be read. */
function matchExpression(expression: unknown, labels: Labels): boolean | string {
  if (!isRecord(expression)) return 'is not an object';
  const { key, operator, values } = expression;
  if (typeof key !== 'string') return 'has no key';
  if (values !== undefined && values !== null && !Array.isArray(values))
    return 'has values that are not a list';
  const list = (values ?? []) as unknown[];
  if (!list.every((v): v is string => typeof v === 'string')) return 'has values that are not strings';
  const has = Object.hasOwn(labels, key);
  switch (operator) {
    case 'In':
      return has && list.includes(labels[key]!);
    case 'NotIn':
      return !has || !list.includes(labels[key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return `has the unknown operator ${JSON.stringify(operator)}`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
