/**
 * cdk-nag's findings folded into the report. Where cdk-nag already checks a generic AWS property, its result is
 * reported (mapped to the frameworks) rather than the rule being rewritten.
 *
 * The AwsSolutions and NIST 800-53 rev 5 packs run here over every resource of every template read — plain
 * templates and the templates of cloud assemblies alike. An assembly's `validation-report.json` is never read:
 * it is part of the input, and an input's account of its own checks proves nothing (an edited or forged report
 * would otherwise silence the packs). Acknowledgements written in a template
 * (`Metadata.cdk_nag.rules_to_suppress`, as cdk-nag writes them during synthesis) are honoured with their
 * reasons, and the acknowledged findings stay in the report.
 *
 * Each finding names the inventory resource it is about (by logical id), carries origin `cdk-nag`, severity
 * high for errors and medium for warnings, and `unknown` status when the rule could not evaluate the resource.
 */
import { dirname, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { inputPathAgain } from '../../inventory/index.js';
import type { CfnResource, Inventory } from '../../inventory/model.js';
import type { AcknowledgementRecord, Finding, ResourceLocator } from '../../findings/index.js';
import { withOutcome } from '../acknowledgement-ledger.js';
import { locate } from '../network/cfn.js';
import { NagAcknowledgements } from './acknowledgements.js';
import { loadFailureMessage, ruleErrorMessage } from './errors.js';
import { nagRuleMappings } from './rule-mappings.js';
import { startPackRuns } from './pack-pool.js';
import { INCLUDE_ID, STACK_ID, type PackRun } from './run-packs.js';
import type { NagViolation } from './violations.js';

export { duplicateMarker, markDuplicates, NAG_DUPLICATES } from './duplicates.js';
export { NAG_RULE_MAPPINGS, nagRuleMappings } from './rule-mappings.js';
export type { NagViolation } from './violations.js';

export const NAG_ORIGIN = 'cdk-nag';

export interface NagOptions {
  /**
   * Resources checked per in-memory construct tree; a larger template is checked in chunks of this size, each
   * with the resources its rules look at elsewhere in the stack. @default DEFAULT_CHUNK_SIZE
   */
  readonly chunkSize?: number;
  /**
   * Worker threads that check templates in parallel, for inputs large enough to repay starting them (0: all on
   * the main thread). @default the available parallelism, at most 4
   */
  readonly maxWorkers?: number;
  /** Inputs with fewer resources than this are checked on the main thread. @default DEFAULT_MIN_RESOURCES */
  readonly workerMinResources?: number;
  /** When acknowledgements are evaluated (their expiry). @default - now */
  readonly now?: Date;
}

export { DEFAULT_CHUNK_SIZE } from './run-packs.js';

/** cdk-nag findings for every CloudFormation template the inventory read. */
export async function nagFindings(inventory: Inventory, options: NagOptions = {}): Promise<Finding[]> {
  return (await nagFindingsWithAcknowledgements(inventory, options)).findings;
}

/** cdk-nag findings, and every cdk-nag acknowledgement of the input with its status at `options.now`. */
export async function nagFindingsWithAcknowledgements(
  inventory: Inventory,
  options: NagOptions = {},
): Promise<NagResult> {
  return (await startNagFindings(inventory, options)).finish();
}

export interface NagResult {
  readonly findings: Finding[];
  readonly acknowledgements: AcknowledgementRecord[];
}

/** The packs under way over an input's templates. */
export interface PendingNag {
  /**
   * Waits for every template's check and makes the findings, each template's passed through `mark` as it
   * comes back (the caller marks duplicates of its own findings while the rest are checked).
   * @default - findings as they are
   */
  finish(mark?: (findings: readonly Finding[]) => Finding[]): Promise<NagResult>;
  /** Stops the checks still running, for a caller that will not finish (its own work failed). */
  cancel(): Promise<void>;
}

/**
 * Starts the packs over every template of the input: once this resolves, templates large enough for worker
 * threads are being checked there, and the caller's own work on the main thread runs meanwhile. `finish`
 * gives the findings (and checks on the main thread what no worker took).
 */
export async function startNagFindings(inventory: Inventory, options: NagOptions = {}): Promise<PendingNag> {
  const acknowledgements = new NagAcknowledgements(inventory, options.now ?? new Date());
  const templates = [...resourcesByFile(inventory)];
  const checked = await Promise.all(templates.map(([file]) => checkedPath(file)));
  const jobs = checked.flatMap((c, i) =>
    'real' in c
      ? [
          {
            file: c.real,
            options: {
              resourceCount: templates[i]![1].resources.length,
              ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
            },
          },
        ]
      : [],
  );
  const runs = startPackRuns(jobs, {
    ...(options.maxWorkers !== undefined ? { maxWorkers: options.maxWorkers } : {}),
    ...(options.workerMinResources !== undefined ? { minResources: options.workerMinResources } : {}),
  });
  return {
    async finish(mark) {
      const findings: Finding[] = [];
      const add = (found: readonly Finding[]) => {
        for (const f of mark ? mark(found) : found) findings.push(f);
      };
      add(acknowledgements.problems);
      const jobTemplates = checked.flatMap((c, i) => ('real' in c ? [i] : []));
      let done = 0;
      // Templates in order: those the packs did not run on (a refused path) between the runs that come back.
      const upTo = (end: number) => {
        for (; done < end; done++) {
          const c = checked[done]!;
          if (!('real' in c)) add(templateFindings(templates[done]![1], c, acknowledgements));
        }
      };
      await runs.forEach((run, index) => {
        const template = jobTemplates[index]!;
        upTo(template);
        add(templateFindings(templates[template]![1], run, acknowledgements));
        done = template + 1;
      });
      upTo(templates.length);
      return { findings, acknowledgements: acknowledgements.records() };
    },
    cancel: () => runs.cancel(),
  };
}

/** A template's resources as the inventory read them, under the path the input named it by. */
interface TemplateResources {
  readonly file: string;
  readonly resources: CfnResource[];
}

/** Resources by absolute template path (large inputs have hundreds of templates). */
function resourcesByFile(inventory: Inventory): Map<string, TemplateResources> {
  const map = new Map<string, TemplateResources>();
  const absolute = new Map<string, string>();
  for (const r of inventory.cfn) {
    let file = absolute.get(r.location.file);
    if (file === undefined) absolute.set(r.location.file, (file = resolve(r.location.file)));
    const entry = map.get(file);
    if (entry) entry.resources.push(r);
    else map.set(file, { file: r.location.file, resources: [r] });
  }
  return map;
}

/** The packs' findings for one template. */
function templateFindings(
  { file, resources }: TemplateResources,
  run: PackRun,
  acknowledgements: NagAcknowledgements,
): Finding[] {
  // Every resource the packs could not check is named, so none is silently left out.
  if (run.error !== undefined) {
    const why = loadFailureMessage(
      run.error,
      run.crash,
      resources.map((r) => r.logicalId),
    );
    acknowledgements.notChecked(file);
    return resources.map((r) => notChecked(r, why));
  }
  const byLogicalId = new Map(resources.map((r) => [r.logicalId, r]));
  // A resource has several findings; they share its locator (findings are never changed once made).
  const locators = new Map<CfnResource, ResourceLocator>();
  const prefix = `${STACK_ID}/${INCLUDE_ID}/`;
  return run.violations.map((v) => {
    const logicalId = v.constructPath.startsWith(prefix)
      ? v.constructPath.slice(prefix.length).split('/')[0]!
      : undefined;
    const resource = logicalId ? byLogicalId.get(logicalId) : undefined;
    let locator: ResourceLocator;
    if (resource) {
      locator = locators.get(resource) ?? locate(resource);
      locators.set(resource, locator);
    } else locator = { type: 'aws-cdk/Construct', id: logicalId ? `${file}#${logicalId}` : v.constructPath };
    const finding = toFinding(v, locator);
    return resource ? withOutcome(finding, acknowledgements.find(resource, v)) : finding;
  });
}

/** An `unknown` finding for a resource of a template the packs could not load. */
/** The unknown finding of one resource the packs could not check; `why` says what stopped them. */
function notChecked(resource: CfnResource, why: string): Finding {
  return {
    ruleId: 'cdk-nag',
    title: 'cdk-nag could not load the template',
    severity: 'medium',
    status: 'unknown',
    resource: locate(resource),
    message: `${why}; this resource was not checked`,
    remediation: 'Check that the template is valid CloudFormation (cfn-lint) and contains no transforms.',
    frameworks: {},
    origin: NAG_ORIGIN,
  };
}

/**
 * The packs get the real path of the file, checked again to be inside the input, or the run that did not
 * happen; they parse it under the same limits as the inventory (./run-packs.ts).
 */
async function checkedPath(file: string): Promise<{ real: string } | PackRun> {
  try {
    return { real: await inputPathAgain(dirname(file), file) };
  } catch (error) {
    if (error instanceof InputError) return { violations: [], error: error.message };
    throw error;
  }
}

/**
 * The texts findings share, one copy each: a large input has hundreds of thousands of findings of a few
 * hundred rules, and the violations that come back from worker threads carry a copy of every text each.
 */
const shared = new Map<string, string>();
function once(text: string): string {
  const known = shared.get(text);
  if (known !== undefined) return known;
  shared.set(text, text);
  return text;
}

const titles = new Map<string, string>();
function title(description: string): string {
  let known = titles.get(description);
  if (known === undefined) {
    // NIST descriptions end with " - (Control IDs: …)"; keep the sentence.
    const text = description.replace(/\s+-\s+\(Control IDs:.*$/s, '').trim();
    known = once(text.length > 0 ? text : 'cdk-nag finding');
    titles.set(once(description), known);
  }
  return known;
}

const remediations = new Map<string, string>();
function remediation(ruleId: string): string {
  let known = remediations.get(ruleId);
  if (known === undefined)
    remediations.set(
      once(ruleId),
      (known = `See ${ruleId} in cdk-nag's rules: https://github.com/cdklabs/cdk-nag/blob/main/RULES.md`),
    );
  return known;
}

function toFinding(v: NagViolation, locator: ResourceLocator): Finding {
  const status = v.undetermined ? 'unknown' : 'fail';
  return {
    ruleId: once(v.ruleId),
    title: v.undetermined ? `${v.ruleId} could not evaluate the resource` : title(v.description),
    severity: v.level === 'error' ? 'high' : 'medium',
    status,
    resource: locator,
    message: v.undetermined
      ? ruleErrorMessage(v.ruleId, locator.id)
      : v.detail !== undefined
        ? `${v.description} (finding: ${v.detail})`
        : once(v.description),
    remediation: remediation(v.ruleId),
    frameworks: nagRuleMappings(v.ruleId),
    ...(v.acknowledged !== undefined ? { acknowledged: { reason: v.acknowledged } } : {}),
    origin: NAG_ORIGIN,
  };
}
