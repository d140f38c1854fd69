/**
 * Running the cdk-nag packs over a CloudFormation template that was not synthesized with them: the template is
 * loaded with `cloudformation_include.CfnInclude` into a fresh in-memory app, and each pack validates that
 * construct tree directly. aws-cdk-lib and cdk-nag are imported lazily: they cost about a second to load and
 * most verify runs read a validation report instead.
 */
import { isRuntimeError, type ImportCrash } from './errors.js';
import { isRuleError, splitRuleName, type NagViolation } from './violations.js';

/** Construct path prefix of the included template's resources: `<STACK_ID>/<INCLUDE_ID>/<LogicalId>`. */
export const STACK_ID = 'Template';
export const INCLUDE_ID = 'Include';

export interface PackRun {
  readonly violations: NagViolation[];
  /** Why the template could not be loaded, when it could not (the caller reports it as unknown). */
  readonly error?: string;
  /** Set when loading crashed rather than rejected the template: where the importer got to. */
  readonly crash?: ImportCrash;
}

/** Runs AwsSolutions and NIST 800-53 rev 5 over the template file (JSON or YAML). */
export async function runPacksOnTemplate(templateFile: string): Promise<PackRun> {
  const [{ App, CfnResource, Stack }, { CfnInclude }, { AwsSolutionsChecks, NIST80053R5Checks }] =
    await Promise.all([
      import('aws-cdk-lib'),
      import('aws-cdk-lib/cloudformation-include'),
      import('cdk-nag'),
    ]);
  const app = new App({ analyticsReporting: false });
  const stack = new Stack(app, STACK_ID);
  try {
    new CfnInclude(stack, INCLUDE_ID, {
      templateFile,
      preserveLogicalIds: true,
      allowCyclicalReferences: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!isRuntimeError(error)) return { violations: [], error: message };
    // The include construct is in the tree from its first line on; its children are what it imported.
    const partial = stack.node.tryFindChild(INCLUDE_ID);
    const imported = (partial?.node.children ?? []).map((c) => c.node.id);
    return { violations: [], error: message, crash: { imported } };
  }
  const violations: NagViolation[] = [];
  // One resource at a time: cdk-nag groups a rule's violations under the first one's description, which would
  // hide which resources the rule could not evaluate.
  const resources = stack.node
    .findAll()
    .filter((c): c is InstanceType<typeof CfnResource> => CfnResource.isCfnResource(c));
  for (const pack of [new AwsSolutionsChecks(), new NIST80053R5Checks()])
    for (const resource of resources)
      for (const v of pack.validateScope(resource).violations) {
        const { ruleId, detail } = splitRuleName(v.ruleName);
        violations.push({
          pack: pack.readPackName,
          ruleId,
          ...(detail !== undefined ? { detail } : {}),
          level: v.severity === 'error' ? 'error' : 'warning',
          description: v.description,
          constructPath: resource.node.path,
          ...(isRuleError(v.description) ? { undetermined: true } : {}),
        });
      }
  return { violations };
}
