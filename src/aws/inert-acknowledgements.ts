/**
 * Leaves out of the template the acknowledgements meant for the CDK's built-in CloudFormation validator
 * (`CloudFormation-Validate::…`). The app turns that validator off (`builtinCloudFormationValidation: false`),
 * so nothing reads them, yet cdk-nag copies each one onto every resource below the construct that made it:
 * aws-cdk-lib acknowledges W3010 on the whole stack as soon as the stack's availability zones are read, which
 * alone filled about 14% of a large template, and CloudFormation refuses templates over 1,000,000 bytes.
 * The verifier ignores these entries either way (src/controls/nag/acknowledgements.ts).
 */
import { AspectPriority, Aspects, CfnResource, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The CloudFormation Metadata key cdk-nag writes its acknowledgements under. */
const METADATA_CDK_NAG = 'cdk_nag';
/** The prefix of the built-in validator's rule ids. */
const BUILTIN_VALIDATOR_PREFIX = 'CloudFormation-Validate::';

/** Drops the built-in validator's acknowledgements once cdk-nag has copied them into the template. */
export function dropBuiltinValidatorAcknowledgements(scope: IConstruct): void {
  // cdk-nag copies acknowledgements at the default priority; this runs after every aspect of that priority.
  Aspects.of(scope).add(new DropBuiltinValidatorAcknowledgements(), { priority: AspectPriority.READONLY });
}

class DropBuiltinValidatorAcknowledgements implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource)) return;
    const nag: unknown = node.getMetadata(METADATA_CDK_NAG);
    if (typeof nag !== 'object' || nag === null || Array.isArray(nag)) return;
    const rules: unknown = (nag as { rules_to_suppress?: unknown }).rules_to_suppress;
    if (!Array.isArray(rules)) return;
    const kept = rules.filter((rule) => !isBuiltinValidatorRule(rule));
    if (kept.length === rules.length) return;
    if (kept.length > 0) node.addMetadata(METADATA_CDK_NAG, { ...nag, rules_to_suppress: kept });
    else delete (node.cfnOptions.metadata as Record<string, unknown> | undefined)?.[METADATA_CDK_NAG];
  }
}

function isBuiltinValidatorRule(rule: unknown): boolean {
  const id = typeof rule === 'object' && rule !== null ? (rule as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.startsWith(BUILTIN_VALIDATOR_PREFIX);
}
