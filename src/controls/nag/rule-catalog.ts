/**
 * The rules of cdk-nag's AwsSolutions and NIST 800-53 rev 5 packs as data, so each resource is checked only by
 * the rules written for its type. cdk-nag's own pack walk calls every rule on every resource, and each rule's
 * `instanceof` gate loads the aws-cdk-lib service module it names: about forty modules for any template, most
 * of the cost of checking a small one. Here a rule runs where its gate can admit the resource, and the result,
 * violations and descriptions are the same (a test holds the two walks equal).
 */
import type { CfnResource as CdkCfnResource } from 'aws-cdk-lib';
import type { IApplyRule } from 'cdk-nag';

export type NagLevel = 'error' | 'warning';

/** One rule of a pack, as the pack applies it. */
export interface NagRule {
  readonly pack: string;
  /** `AwsSolutions-S1`, `NIST.800.53.R5-S3BucketLoggingEnabled`. */
  readonly ruleId: string;
  readonly level: NagLevel;
  /** The pack's one-line description of a violation. */
  readonly info: string;
  /**
   * The L1 classes the rule's gate admits, as `<module>.<class>` (`aws_s3.CfnBucket`); `undefined` when the gate
   * could not be read, and the rule then runs on every resource.
   */
  readonly gates?: ReadonlySet<string>;
  readonly check: (node: CdkCfnResource) => unknown;
}

export interface NagRuleCatalog {
  readonly rules: readonly NagRule[];
  /** cdk-nag's value for a non-compliant result. */
  readonly nonCompliant: unknown;
}

/** `node instanceof aws_s3_1.CfnBucket` in a compiled rule: the gate on the resource under check. */
const GATE = /\bnode instanceof\s+([A-Za-z_$][\w$]*?)_\d+\.(Cfn\w+)/g;

/** The classes a rule's gate admits, read from its compiled source; undefined when none can be read. */
export function ruleGates(check: (node: never) => unknown): ReadonlySet<string> | undefined {
  const gates = [...Function.prototype.toString.call(check).matchAll(GATE)].map((m) => `${m[1]}.${m[2]}`);
  // A gate on core (`aws_cdk_lib.CfnResource`) admits every resource.
  if (gates.length === 0 || gates.some((g) => g.startsWith('aws_cdk_lib.'))) return undefined;
  return new Set(gates);
}

/** `aws_s3.CfnBucket` for an L1 construct of aws-cdk-lib, from its jsii type name. */
export function gateKeyOf(node: object): string | undefined {
  const rtti = (node.constructor as unknown as Record<symbol, { fqn?: unknown } | undefined>)[
    Symbol.for('jsii.rtti')
  ];
  const fqn = typeof rtti?.fqn === 'string' ? rtti.fqn : undefined;
  return fqn?.startsWith('aws-cdk-lib.') ? fqn.slice('aws-cdk-lib.'.length) : undefined;
}

let catalog: Promise<NagRuleCatalog> | undefined;

/** The packs' rules, read once per process by letting each pack list what it would apply. */
export function loadRuleCatalog(): Promise<NagRuleCatalog> {
  catalog ??= (async () => {
    // The two packs' modules only: cdk-nag's index also loads four packs vectorfort does not run.
    const [{ AwsSolutionsChecks }, { NIST80053R5Checks }, { NagMessageLevel, NagRuleCompliance }] =
      await Promise.all([
        import('cdk-nag/lib/packs/aws-solutions.js'),
        import('cdk-nag/lib/packs/nist-800-53-r5.js'),
        import('cdk-nag/lib/nag-rules.js'),
      ]);
    const rules: NagRule[] = [];
    // Both packs share NagPack's constructor and applyRule; one type stands for both so one subclass fits them.
    const packs = [AwsSolutionsChecks, NIST80053R5Checks] as unknown as (typeof AwsSolutionsChecks)[];
    for (const Pack of packs) {
      // The pack calls applyRule once per rule for the resource it checks; recording the calls instead of
      // running them lists the pack's rules with their ids, levels and descriptions exactly as it applies them.
      class Listing extends Pack {
        protected override applyRule(params: IApplyRule): void {
          const gates = ruleGates(params.rule);
          rules.push({
            pack: this.readPackName,
            ruleId: `${this.readPackName}-${params.ruleSuffixOverride ?? params.rule.name}`,
            level: params.level === NagMessageLevel.ERROR ? 'error' : 'warning',
            info: params.info,
            ...(gates ? { gates } : {}),
            check: params.rule,
          });
        }
      }
      (new Listing() as unknown as { checkResource(node: unknown): void }).checkResource(undefined);
    }
    return { rules, nonCompliant: NagRuleCompliance.NON_COMPLIANT };
  })();
  return catalog;
}
