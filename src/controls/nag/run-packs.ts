/**
 * Running the cdk-nag packs over a CloudFormation template: the template, parsed once under the input limits,
 * is loaded with `cloudformation_include.CfnInclude` (./preparsed-include.ts) into a fresh in-memory construct
 * tree, and each resource is checked by the rules of both packs whose gate admits its type
 * (./rule-catalog.ts). A template of more than `chunkSize` resources is checked in chunks (./chunks.ts), one
 * construct tree at a time, so that memory stays bounded and every resource is still checked. aws-cdk-lib and
 * cdk-nag are imported lazily: a run without templates never loads them.
 */
import { createRequire } from 'node:module';
import type * as CdkLib from 'aws-cdk-lib';
import type * as Constructs from 'constructs';
import { InputError } from '../../errors.js';
import { parseTextFileWithFormat } from '../../inventory/load/parse-file.js';
import { isPlainObject } from '../../inventory/values.js';
import { planChunks } from './chunks.js';
import { contextResourceTypes } from './context-types.js';
import { includeParsedTemplate, includeTemplateFile } from './preparsed-include.js';
import { rememberResolvedValues } from './stack-resolve.js';
import { withTokensReleased } from './token-release.js';
import { gateKeyOf, loadRuleCatalog, type NagRule, type NagRuleCatalog } from './rule-catalog.js';
import { isRuntimeError, type ImportCrash } from './errors.js';
import { splitRuleName, type NagViolation } from './violations.js';

// require, not import(): importing a CommonJS module from ESM reads every export it declares, and each of
// aws-cdk-lib's is a lazy getter that loads a whole service module (three hundred of them).
const require = createRequire(import.meta.url);

/** Construct path prefix of the included template's resources: `<STACK_ID>/<INCLUDE_ID>/<LogicalId>`. */
export const STACK_ID = 'Template';
export const INCLUDE_ID = 'Include';

// CloudFormation accepts at most 500 resources in a template, so real templates are checked whole.
export const DEFAULT_CHUNK_SIZE = 500;

/** cdk-nag's description for a rule that threw (it is not verbose by default). */
const RULE_ERROR =
  'Rule threw an error during validation. This is generally caused by a parameter referencing an intrinsic function.';

export interface PackRunOptions {
  /** Resources checked per construct tree. @default DEFAULT_CHUNK_SIZE */
  readonly chunkSize?: number;
  /** Resources in the template, when the caller knows (the pool decides on worker threads by it). @default - unknown */
  readonly resourceCount?: number;
}

export interface PackRun {
  readonly violations: NagViolation[];
  /** Why the template could not be loaded, when it could not (the caller reports it as unknown). */
  readonly error?: string;
  /** Set when loading crashed rather than rejected the template: where the importer got to. */
  readonly crash?: ImportCrash;
}

/** Runs AwsSolutions and NIST 800-53 rev 5 over every resource of the template file (JSON or YAML). */
export async function runPacksOnTemplate(
  templateFile: string,
  options: PackRunOptions = {},
): Promise<PackRun> {
  let parsed: Awaited<ReturnType<typeof parseTextFileWithFormat>>;
  try {
    parsed = await parseTextFileWithFormat(templateFile, templateFile);
  } catch (error) {
    // The same limits refused the file when the inventory read it; the caller reports it as not checked.
    if (error instanceof InputError) return { violations: [], error: error.message };
    throw error;
  }
  const document = parsed.documents[0]?.value;
  // Not a template CfnInclude can take apart: it says what is wrong with the file itself.
  if (!isPlainObject(document) || !isPlainObject(document.Resources))
    return checkSource({ file: templateFile });
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (Object.keys(document.Resources).length <= chunkSize) {
    // JSON means the same to every parser, so CfnInclude gets the parsed value. YAML it reads itself: its
    // YAML library reads plain scalars by YAML 1.2 (`yes`, `on`, `010` stay text and ten) where the inventory
    // reads them as CloudFormation does, by YAML 1.1, and the packs' verdicts stay those of the file.
    if (parsed.format === 'yaml') {
      const run = checkSource({ file: templateFile });
      if (unsupportedFunction(run.error) === undefined) return run;
    }
    return checkTemplate(document);
  }
  const context = contextResourceTypes();
  const violations: NagViolation[] = [];
  for (const chunk of planChunks(document, chunkSize, (t) => context.has(t))) {
    const run = checkTemplate(chunk.template, new Set(chunk.checked));
    if (run.error !== undefined) return run;
    violations.push(...run.violations);
  }
  return { violations };
}

/**
 * Loads what checking any template needs (aws-cdk-lib's core, CfnInclude, cdk-nag's rule helpers) by checking
 * an empty template, so a worker started ahead of its jobs spends its wait on this rather than on the first one.
 */
export function warmUpPacks(): void {
  checkSource({ template: { Resources: {} } });
}

/** The intrinsic CfnInclude refused (`Fn::GetStackOutput`, which CDK writes for cross-region references). */
function unsupportedFunction(error: string | undefined): string | undefined {
  return error === undefined ? undefined : /Unsupported CloudFormation function '([^']+)'/.exec(error)?.[1];
}

/**
 * Checks a parsed template. An intrinsic CfnInclude cannot load is replaced by a reference to a parameter of
 * its own: the value stays unknown to the rules (a rule that needs it reports the resource as not evaluated),
 * and every other rule still checks the resource.
 */
function checkTemplate(template: Record<string, unknown>, checked?: ReadonlySet<string>): PackRun {
  let current = template;
  for (let attempt = 0; ; attempt++) {
    const run = checkSource({ template: current }, checked);
    const fn = unsupportedFunction(run.error);
    if (fn === undefined || attempt >= MAX_OPAQUE_FUNCTIONS) return run;
    current = withOpaqueFunction(current, fn);
  }
}

const MAX_OPAQUE_FUNCTIONS = 8;
const OPAQUE_PARAMETER = 'VectorfortOpaqueValue';

/** The template with every `{ fn: … }` replaced by a reference to a String parameter declared for it. */
function withOpaqueFunction(template: Record<string, unknown>, fn: string): Record<string, unknown> {
  const parameters: Record<string, unknown> = isPlainObject(template.Parameters)
    ? { ...template.Parameters }
    : {};
  const replace = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(replace);
    if (!isPlainObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === fn) {
      const name = `${OPAQUE_PARAMETER}${Object.keys(parameters).length}`;
      parameters[name] = { Type: 'String' };
      return { Ref: name };
    }
    return Object.fromEntries(keys.map((k) => [k, replace(value[k])]));
  };
  const resources = replace(template.Resources);
  return { ...template, Parameters: parameters, Resources: resources };
}

/**
 * Every construct of a tree records its creation stack trace and logical id as construct metadata, for
 * synthesis to write into the assembly. Nothing is synthesized here and no rule reads construct metadata:
 * capturing a stack trace per resource was a fifth of the time to load a template.
 */
const CHECK_CONTEXT = {
  'aws:cdk:disable-creation-stack-traces': true,
  'aws:cdk:disable-logicalId-metadata': true,
};

/**
 * A third of cdk-nag's rules search the whole stack for related resources (`Stack.of(node).node.findAll()`:
 * a bucket's logging target, a VPC's flow log), once per resource they check, so checking a template cost time
 * quadratic in its size. The tree is complete before any rule runs and no rule changes it, so the stack's
 * search answers every rule with the one list of its constructs.
 */
function freezeStackSearch(stack: { node: { findAll(order?: number): unknown[] } }): void {
  const node = stack.node;
  const findAll = node.findAll.bind(node);
  const all = new Map<number | undefined, unknown[]>();
  node.findAll = (order?: number) => {
    let found = all.get(order);
    if (!found) all.set(order, (found = findAll(order)));
    // A copy, as the original returns a new array each time: no rule can change what the next one sees.
    return [...found];
  };
}

/** A template for CfnInclude: parsed already, or a file it reads itself. */
type TemplateSource = { readonly template: Record<string, unknown> } | { readonly file: string };

/** Loads one template into its own construct tree and checks its resources (only `checked` ones, when given). */
function checkSource(source: TemplateSource, checked?: ReadonlySet<string>): PackRun {
  const { Construct } = require('constructs') as typeof Constructs;
  // A bare root rather than an App: an App prepares a cloud assembly for a synthesis that never happens here,
  // and takes context from the environment (CDK_CONTEXT_JSON), which must not change what the rules see.
  const root = new Construct(undefined as never, '');
  // The tree is dropped after the check; so are the tokens that would keep it.
  return withTokensReleased(root, () => checkInTree(root, source, checked));
}

function checkInTree(
  root: InstanceType<typeof Constructs.Construct>,
  source: TemplateSource,
  checked?: ReadonlySet<string>,
): PackRun {
  const { CfnResource, Stack } = require('aws-cdk-lib') as typeof CdkLib;
  for (const [key, value] of Object.entries(CHECK_CONTEXT)) root.node.setContext(key, value);
  const stack = new Stack(root, STACK_ID);
  let include: ReturnType<typeof includeTemplateFile>;
  try {
    const props = { preserveLogicalIds: true, allowCyclicalReferences: true };
    include =
      'template' in source
        ? includeParsedTemplate(stack, INCLUDE_ID, source.template, props)
        : includeTemplateFile(stack, INCLUDE_ID, source.file, props);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!isRuntimeError(error)) return { violations: [], error: message };
    // The include construct is in the tree from its first line on; its children are what it imported.
    const partial = stack.node.tryFindChild(INCLUDE_ID);
    const imported = (partial?.node.children ?? []).map((c) => c.node.id);
    return { violations: [], error: message, crash: { imported } };
  }
  freezeStackSearch(stack);
  rememberResolvedValues(stack);
  const resources = include.node.children.filter(
    (child): child is InstanceType<typeof CfnResource> =>
      CfnResource.isCfnResource(child) && (!checked || checked.has(child.node.id)),
  );
  // Only the rule modules that can fire on these types are loaded.
  const catalog = loadRuleCatalog(new Set(resources.map((r) => r.cfnResourceType)));
  const violations: NagViolation[] = [];
  for (const resource of resources)
    for (const rule of rulesFor(catalog, resource)) violations.push(...applyRule(rule, resource, catalog));
  return { violations };
}

const rulesByGate = new WeakMap<NagRuleCatalog, Map<string | undefined, NagRule[]>>();

/** The rules whose gate admits the resource's class, in pack order (memoized per class). */
function rulesFor(catalog: NagRuleCatalog, node: object): readonly NagRule[] {
  let byGate = rulesByGate.get(catalog);
  if (!byGate) rulesByGate.set(catalog, (byGate = new Map()));
  const key = gateKeyOf(node);
  let rules = byGate.get(key);
  if (!rules) {
    rules = catalog.rules.filter((r) => r.gates === undefined || (key !== undefined && r.gates.has(key)));
    byGate.set(key, rules);
  }
  return rules;
}

/** One rule on one resource, with the outcomes cdk-nag's `NagPack.applyRule` gives. */
function applyRule(
  rule: NagRule,
  node: Parameters<NagRule['check']>[0],
  catalog: NagRuleCatalog,
): NagViolation[] {
  const base = { pack: rule.pack, level: rule.level, constructPath: node.node.path };
  let result: unknown;
  try {
    result = rule.check(node);
  } catch {
    return [{ ...base, ruleId: rule.ruleId, description: RULE_ERROR, undetermined: true }];
  }
  if (result === catalog.nonCompliant) return [{ ...base, ruleId: rule.ruleId, description: rule.info }];
  if (!Array.isArray(result)) return [];
  return result.map((finding) => {
    const { ruleId, detail } = splitRuleName(`${rule.ruleId}[${String(finding)}]`);
    return { ...base, ruleId, ...(detail !== undefined ? { detail } : {}), description: rule.info };
  });
}
