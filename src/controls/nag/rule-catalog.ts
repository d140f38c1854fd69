/**
 * The rules of cdk-nag's AwsSolutions and NIST 800-53 rev 5 packs as data, so each resource is checked only by
 * the rules written for its type. cdk-nag's own pack walk calls every rule on every resource, and each rule's
 * `instanceof` gate loads the aws-cdk-lib service module it names: about forty modules for any template, most
 * of the cost of checking a small one. Here a rule runs where its gate can admit the resource, and the result,
 * violations and descriptions are the same (a test holds the two walks equal).
 *
 * The listing (./rule-catalog.generated.ts) is read from the packs themselves by
 * `npx tsx scripts/generate-nag-catalog.ts`, and a test fails when it no longer matches the installed cdk-nag.
 * With it a run loads only the rule modules that can fire on the resource types of its templates, instead of
 * both packs and their three hundred rule modules.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import type { CfnResource as CdkCfnResource } from 'aws-cdk-lib';
import type { IApplyRule } from 'cdk-nag';
import type * as NagRules from 'cdk-nag/lib/nag-rules.js';
import { NAG_RULE_LISTING } from './rule-catalog.generated.js';

const require = createRequire(import.meta.url);

export type NagLevel = 'error' | 'warning';

/** One rule of a pack as data: what the pack passes to `applyRule`, and where the rule's module is. */
export interface NagRuleEntry {
  readonly pack: string;
  /** `AwsSolutions-S1`, `NIST.800.53.R5-S3BucketLoggingEnabled`. */
  readonly ruleId: string;
  readonly level: NagLevel;
  /** The pack's one-line description of a violation. */
  readonly info: string;
  /** The rule's module, relative to cdk-nag's `lib/` (`rules/s3/S3BucketLoggingEnabled.js`). */
  readonly module: string;
  /**
   * The L1 classes the rule's gate admits, as `<module>.<class>` (`aws_s3.CfnBucket`); absent when the gate
   * could not be read, and the rule then runs on every resource.
   */
  readonly gates?: readonly string[];
  /** The CloudFormation types of those classes (`AWS::S3::Bucket`), in the same order. */
  readonly types?: readonly string[];
}

/** One rule of a pack, as the pack applies it. */
export interface NagRule {
  readonly pack: string;
  readonly ruleId: string;
  readonly level: NagLevel;
  readonly info: string;
  /** See {@link NagRuleEntry.gates}; `undefined` for a rule that runs on every resource. */
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

const checks = new Map<string, NagRule['check']>();
let nonCompliant: unknown;

/**
 * The rules, in pack order, that can fire on a resource of one of `types` (CloudFormation type names), with
 * their checks loaded; every rule when `types` is not given. A rule whose gate could not be read is always
 * included.
 */
export function loadRuleCatalog(types?: Iterable<string>): NagRuleCatalog {
  const wanted = types === undefined ? undefined : new Set(types);
  nonCompliant ??= (require('cdk-nag/lib/nag-rules.js') as typeof NagRules).NagRuleCompliance.NON_COMPLIANT;
  const rules: NagRule[] = [];
  for (const entry of NAG_RULE_LISTING as readonly NagRuleEntry[]) {
    if (wanted && entry.types && !entry.types.some((t) => wanted.has(t))) continue;
    let check = checks.get(entry.module);
    if (!check) {
      check = (require(`cdk-nag/lib/${entry.module}`) as { default: NagRule['check'] }).default;
      checks.set(entry.module, check);
    }
    rules.push({
      pack: entry.pack,
      ruleId: entry.ruleId,
      level: entry.level,
      info: entry.info,
      ...(entry.gates ? { gates: new Set(entry.gates) } : {}),
      check,
    });
  }
  return { rules, nonCompliant };
}

/**
 * Lists both packs' rules by letting each pack say what it would apply, as the generated listing records them
 * (the generator and the test that holds the listing to the installed cdk-nag use this).
 */
export async function listPackRules(): Promise<NagRuleEntry[]> {
  // The two packs' modules only: cdk-nag's index also loads four packs vectorfort does not run.
  const [{ AwsSolutionsChecks }, { NIST80053R5Checks }, { NagMessageLevel }, cdk] = await Promise.all([
    import('cdk-nag/lib/packs/aws-solutions.js'),
    import('cdk-nag/lib/packs/nist-800-53-r5.js'),
    import('cdk-nag/lib/nag-rules.js'),
    import('aws-cdk-lib'),
  ]);
  const lib = join(dirname(require.resolve('cdk-nag')));
  const moduleByRule = new Map<string, string>();
  for (const file of listJs(join(lib, 'rules'))) {
    const exported = (require(file) as { default?: unknown }).default;
    if (typeof exported === 'function') moduleByRule.set(exported.name, relative(lib, file));
  }
  const typeOf = (gate: string): string => {
    const [module, className] = gate.split('.') as [string, string];
    const namespace = (cdk as unknown as Record<string, Record<string, { CFN_RESOURCE_TYPE_NAME?: string }>>)[
      module
    ];
    const type = namespace?.[className]?.CFN_RESOURCE_TYPE_NAME;
    if (type === undefined) throw new Error(`cdk-nag gate ${gate} names no CloudFormation resource class`);
    return type;
  };
  const entries: NagRuleEntry[] = [];
  // Both packs share NagPack's constructor and applyRule; one type stands for both so one subclass fits them.
  const packs = [AwsSolutionsChecks, NIST80053R5Checks] as unknown as (typeof AwsSolutionsChecks)[];
  for (const Pack of packs) {
    // The pack calls applyRule once per rule for the resource it checks; recording the calls instead of
    // running them lists the pack's rules with their ids, levels and descriptions exactly as it applies them.
    class Listing extends Pack {
      protected override applyRule(params: IApplyRule): void {
        const module = moduleByRule.get(params.rule.name);
        if (
          module === undefined ||
          (require(join(lib, module)) as { default: unknown }).default !== params.rule
        )
          throw new Error(`cdk-nag rule ${params.rule.name}: its module was not found`);
        const gates = ruleGates(params.rule);
        entries.push({
          pack: this.readPackName,
          ruleId: `${this.readPackName}-${params.ruleSuffixOverride ?? params.rule.name}`,
          level: params.level === NagMessageLevel.ERROR ? 'error' : 'warning',
          info: params.info,
          module,
          ...(gates ? { gates: [...gates], types: [...gates].map(typeOf) } : {}),
        });
      }
    }
    (new Listing() as unknown as { checkResource(node: unknown): void }).checkResource(undefined);
  }
  return entries;
}

function listJs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listJs(path);
    return entry.name.endsWith('.js') && entry.name !== 'index.js' ? [path] : [];
  });
}
