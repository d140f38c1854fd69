/**
 * Clear messages for the two ways cdk-nag fails to decide: the template importer crashing on a shape it does
 * not expect, and a rule throwing on one resource. JavaScript's own error text ("Cannot read properties of
 * undefined") names neither the resource nor the rule, so it never reaches a finding.
 */

/** What a crash of the template importer tells about where it stopped. */
export interface ImportCrash {
  /** Logical ids of the resources imported before the crash, in import order. */
  readonly imported: readonly string[];
}

/**
 * Why the packs did not run over a template. `error` is the importer's message: its validation messages name
 * the problem and are kept; a crash (`crash` set) is described by where it stopped instead. `logicalIds` are the
 * template's resources in template order.
 */
export function loadFailureMessage(
  error: string,
  crash: ImportCrash | undefined,
  logicalIds: readonly string[],
): string {
  if (!crash) return `the template could not be loaded for the cdk-nag packs: ${error}`;
  const imported = new Set(crash.imported);
  const stoppedAt = logicalIds.find((id) => !imported.has(id));
  const where =
    stoppedAt !== undefined
      ? `at resource ${stoppedAt} (or a resource it references)`
      : 'after the resources (in its Outputs, Conditions or Hooks)';
  return `the cdk-nag packs were not run: CloudFormation's template importer stopped ${where} on a value of a shape it does not accept, such as an intrinsic function with the wrong arguments or an entry that is not an object`;
}

/** The message for a rule that threw on a resource instead of deciding. */
export function ruleErrorMessage(ruleId: string, resource: string): string {
  return `cdk-nag's rule ${ruleId} could not evaluate ${resource}: the rule stopped on a property it could not read (a value left to a parameter or an intrinsic function, or a shape the rule does not expect), so ${ruleId} did not check this resource`;
}

/** True for JavaScript's own runtime errors, as opposed to messages a library wrote for its user. */
export function isRuntimeError(error: unknown): boolean {
  return error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError;
}
