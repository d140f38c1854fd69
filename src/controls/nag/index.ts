/**
 * cdk-nag's findings folded into the report. Where cdk-nag already checks a generic AWS property, its result is
 * reported (mapped to the frameworks) rather than the rule being rewritten:
 *
 * - a cloud assembly synthesized with the packs carries `validation-report.json` with their plugin reports: its
 *   violations and acknowledged violations (with their reasons) are read;
 * - any other template (plain CloudFormation, or an assembly synthesized without the packs) is loaded into a
 *   fresh in-memory CDK app and the AwsSolutions and NIST 800-53 rev 5 packs run over it; acknowledgements
 *   written in the template (`Metadata.cdk_nag.rules_to_suppress`) are honoured with their reasons.
 *
 * Each finding names the inventory resource it is about (by construct path or logical id), carries origin
 * `cdk-nag`, severity high for errors and medium for warnings, and `unknown` status when the rule could not
 * evaluate the resource.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { isPlainObject } from '../../inventory/values.js';
import type { Finding, ResourceLocator } from '../../findings/index.js';
import { locate } from '../network/cfn.js';
import { loadFailureMessage, ruleErrorMessage } from './errors.js';
import { readValidationReport } from './report.js';
import { nagRuleMappings } from './rule-mappings.js';
import { INCLUDE_ID, runPacksOnTemplate, STACK_ID } from './run-packs.js';
import type { NagViolation } from './violations.js';

export { markDuplicates, NAG_DUPLICATES } from './duplicates.js';
export { NAG_RULE_MAPPINGS, nagRuleMappings } from './rule-mappings.js';
export type { NagViolation } from './violations.js';

export const NAG_ORIGIN = 'cdk-nag';
export const VALIDATION_REPORT = 'validation-report.json';

export interface NagOptions {
  /** Cloud assembly directories. @default the inventory's inputs of kind `cloud-assembly` */
  readonly assemblyDirs?: readonly string[];
  /** Plain template files. @default the inventory's inputs of kind `cloudformation` */
  readonly templateFiles?: readonly string[];
  /**
   * Resources the packs are run over in process, in total across the run's plain templates; a template that
   * would exceed what is left gets one `unknown` finding instead, since the packs take a few milliseconds per
   * resource on top of a second to load (a budget per run keeps large inputs bounded).
   * @default DEFAULT_MAX_TEMPLATE_RESOURCES
   */
  readonly maxTemplateResources?: number;
}

// About 3 ms per resource for both packs on the reference machine: 1,000 keeps a large foreign input within a few
// seconds, and covers the typical hand-written template whole.
export const DEFAULT_MAX_TEMPLATE_RESOURCES = 1000;

/** cdk-nag findings for the inventory's CloudFormation inputs. */
export async function nagFindings(inventory: Inventory, options: NagOptions = {}): Promise<Finding[]> {
  const assemblyDirs =
    options.assemblyDirs ?? inventory.inputs.filter((i) => i.kind === 'cloud-assembly').map((i) => i.path);
  const templateFiles =
    options.templateFiles ?? inventory.inputs.filter((i) => i.kind === 'cloudformation').map((i) => i.path);
  const budget = { left: options.maxTemplateResources ?? DEFAULT_MAX_TEMPLATE_RESOURCES };
  const findings: Finding[] = [];
  for (const dir of assemblyDirs) {
    const report = join(dir, VALIDATION_REPORT);
    const inside = resourcesUnder(inventory, dir);
    const read = existsSync(report) ? readValidationReport(report) : undefined;
    if (read?.packsRan) {
      const byPath = new Map(inside.filter((r) => r.cdkPath).map((r) => [r.cdkPath!, r]));
      for (const v of read.violations) findings.push(toFinding(v, byPath.get(v.constructPath)));
    } else {
      for (const file of [...new Set(inside.map((r) => r.location.file))])
        findings.push(...(await templateFindings(inventory, file, budget)));
    }
  }
  for (const file of templateFiles) findings.push(...(await templateFindings(inventory, file, budget)));
  return findings;
}

/** Resources read from files under `dir`. */
function resourcesUnder(inventory: Inventory, dir: string): CfnResource[] {
  const root = resolve(dir);
  return [...resourcesByFile(inventory)].flatMap(([file, resources]) => {
    const rel = relative(root, file);
    return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) ? resources : [];
  });
}

/** One `unknown` finding for a template the packs did not evaluate. */
function notEvaluated(file: string, title: string, message: string, remediation: string): Finding {
  return {
    ruleId: 'cdk-nag',
    title,
    severity: 'medium',
    status: 'unknown',
    resource: { type: 'AWS::CloudFormation::Template', id: file, file },
    message,
    remediation,
    frameworks: {},
    origin: NAG_ORIGIN,
  };
}

const byFileCache = new WeakMap<Inventory, Map<string, CfnResource[]>>();

/** Resources by absolute template path, built once per inventory (large inputs have hundreds of templates). */
function resourcesByFile(inventory: Inventory): Map<string, CfnResource[]> {
  let map = byFileCache.get(inventory);
  if (map) return map;
  map = new Map();
  const absolute = new Map<string, string>();
  for (const r of inventory.cfn) {
    let file = absolute.get(r.location.file);
    if (file === undefined) absolute.set(r.location.file, (file = resolve(r.location.file)));
    const list = map.get(file);
    if (list) list.push(r);
    else map.set(file, [r]);
  }
  byFileCache.set(inventory, map);
  return map;
}

async function templateFindings(
  inventory: Inventory,
  file: string,
  budget: { left: number },
): Promise<Finding[]> {
  const target = resolve(file);
  const resources = resourcesByFile(inventory).get(target) ?? [];
  if (resources.length > budget.left)
    return [
      notEvaluated(
        file,
        'cdk-nag was not run over the template',
        `the template has ${resources.length} resources and the run's budget for the cdk-nag packs has ${budget.left} left`,
        'Synthesize the app with the cdk-nag packs as validation plugins (its validation-report.json is then read), or raise the limit.',
      ),
    ];
  budget.left -= resources.length;
  const byLogicalId = new Map(resources.map((r) => [r.logicalId, r]));
  const run = await runPacksOnTemplate(file);
  if (run.error !== undefined)
    return [
      notEvaluated(
        file,
        'cdk-nag could not load the template',
        loadFailureMessage(run.error, run.crash, [...byLogicalId.keys()]),
        'Check that the template is valid CloudFormation (cfn-lint) and contains no transforms.',
      ),
    ];
  const prefix = `${STACK_ID}/${INCLUDE_ID}/`;
  return run.violations.map((v) => {
    const logicalId = v.constructPath.startsWith(prefix)
      ? v.constructPath.slice(prefix.length).split('/')[0]!
      : undefined;
    const resource = logicalId ? byLogicalId.get(logicalId) : undefined;
    const reason = resource ? templateAcknowledgement(resource, v) : undefined;
    return toFinding(
      reason !== undefined ? { ...v, acknowledged: reason } : v,
      resource,
      logicalId ? `${file}#${logicalId}` : undefined,
    );
  });
}

/**
 * The reason a template acknowledges a rule on a resource, in cdk-nag's CloudFormation metadata format
 * `{cdk_nag: {rules_to_suppress: [{id, reason, applies_to?}]}}`.
 */
function templateAcknowledgement(resource: CfnResource, v: NagViolation): string | undefined {
  const raw = resource.raw as { Metadata?: unknown } | undefined;
  const meta = isPlainObject(raw?.Metadata) ? raw.Metadata.cdk_nag : undefined;
  const rules = isPlainObject(meta) ? meta.rules_to_suppress : undefined;
  if (!Array.isArray(rules)) return undefined;
  for (const rule of rules as unknown[]) {
    if (!isPlainObject(rule) || typeof rule.reason !== 'string') continue;
    const id = rule.id;
    if (id !== v.ruleId && id !== `${v.ruleId}[${v.detail}]`) continue;
    const appliesTo = rule.applies_to;
    if (v.detail !== undefined && Array.isArray(appliesTo) && !appliesTo.includes(v.detail)) continue;
    return rule.reason;
  }
  return undefined;
}

function title(description: string): string {
  // NIST descriptions end with " - (Control IDs: …)"; keep the sentence.
  const text = description.replace(/\s+-\s+\(Control IDs:.*$/s, '').trim();
  return text.length > 0 ? text : 'cdk-nag finding';
}

function toFinding(v: NagViolation, resource: CfnResource | undefined, fallbackId?: string): Finding {
  const locator: ResourceLocator = resource
    ? locate(resource)
    : { type: 'aws-cdk/Construct', id: fallbackId ?? v.constructPath };
  const status = v.undetermined ? 'unknown' : 'fail';
  return {
    ruleId: v.ruleId,
    title: v.undetermined ? `${v.ruleId} could not evaluate the resource` : title(v.description),
    severity: v.level === 'error' ? 'high' : 'medium',
    status,
    resource: locator,
    message: v.undetermined
      ? ruleErrorMessage(v.ruleId, locator.id)
      : `${v.description}${v.detail !== undefined ? ` (finding: ${v.detail})` : ''}`,
    remediation: `See ${v.ruleId} in cdk-nag's rules: https://github.com/cdklabs/cdk-nag/blob/main/RULES.md`,
    frameworks: nagRuleMappings(v.ruleId),
    ...(v.acknowledged !== undefined ? { acknowledged: { reason: v.acknowledged } } : {}),
    origin: NAG_ORIGIN,
  };
}
