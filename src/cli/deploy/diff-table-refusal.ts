/**
 * The toolkit shows each difference (the diff command's output, deploy's confirmation) through
 * cloudformation-diff, whose tables of security group and IAM changes refuse text with control characters: a
 * template whose rule or statement holds a tab, a carriage return, or an escape followed by a line break makes
 * the formatter throw a plain Error. The deployed template is read from the account, so this is input the
 * account holds, not a fault of ours; it is reported as such instead of ending the command as an internal error.
 */

/** The table library's refusals (the versions are pinned; the test reproduces each through the formatter). */
const TABLE_REFUSALS = [
  /^Table data must not contain control characters/,
  /^Subject parameter value width cannot be greater than the container width/,
];

/**
 * The diff formatter's refusal of a template's text, when `error` is it or wraps it (deploy wraps a stack's
 * failure in a ToolkitError with the original as its cause); undefined otherwise.
 */
export function diffTableRefusal(error: unknown): Error | undefined {
  // A few levels: the toolkit wraps once; a cycle of causes must not loop.
  for (let at = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth++)
    if (TABLE_REFUSALS.some((pattern) => pattern.test(at.message))) return at;
  return undefined;
}
