/**
 * The verification pipeline shared by `verify` and `synth`: inventory → controls (with acknowledgements) and
 * cdk-nag's findings → reachability → one report. The CLI is the only place that wires these sides together.
 */
// Only the rule table: light enough to import eagerly, unlike the packs behind nag/index.js.
import { duplicateMarker } from '../controls/nag/duplicates.js';
import type { CheckContext } from '../controls/types.js';
import type { FlowSpec } from '../flows/types.js';
import type { Inventory } from '../inventory/model.js';
import {
  ACKNOWLEDGEMENT_STATUSES,
  summarize,
  verdictOf,
  type AcknowledgementRecord,
  type Finding,
  type Severity,
} from '../findings/index.js';
import type { Report } from '../report/model.js';
import { VERSION } from '../version.js';
import { inputGapFindings, nothingCheckedFindings } from './input-gap-findings.js';
import { collectProvenance, type BlueprintSource, type GitReader } from './provenance/index.js';

export interface RunVerifyOptions {
  /** Cloud assembly directories, templates and manifests. */
  readonly paths: readonly string[];
  /** Lowest severity that fails the run. @default 'info' */
  readonly failOn?: Severity;
  /** Let a run whose only problems are unknown results pass (they are still reported). @default false */
  readonly allowUnknown?: boolean;
  /**
   * The time acknowledgements and other time-dependent checks are judged at (`--now`).
   * @default - the clock's reading when the run starts
   */
  readonly now?: Date;
  /** Reads the time for the report's start and end. @default - the system clock */
  readonly clock?: () => Date;
  /**
   * Report every acknowledgement without an expiry as a low-severity failing finding (synth sets it for the
   * production preset). @default false
   */
  readonly requireAcknowledgementExpiry?: boolean;
  /** The blueprint a synth started from, for the provenance. @default - none (verify) */
  readonly blueprint?: BlueprintSource;
  /** The environment CI variables are read from. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Reads the commit from git. @default - git in the working directory */
  readonly git?: GitReader;
  /**
   * File of parameter values for the templates, as a deployment would pass them.
   * @default - none: parameters the templates do not fix are unknown
   */
  readonly parameters?: string;
}

export interface VerifyOutcome {
  readonly report: Report;
  readonly inventory: Inventory;
  readonly flowSpec?: FlowSpec;
}

export async function runVerify(options: RunVerifyOptions): Promise<VerifyOutcome> {
  const clock = options.clock ?? (() => new Date());
  const startedAt = clock();
  const warmed = await warmPacksForLargeInput(options.paths);
  try {
    const { loadInventory } = await import('../inventory/index.js');
    const inventory = await loadInventory(
      options.paths,
      options.parameters === undefined ? {} : { parameters: options.parameters },
    );
    return await reportFromInventory(inventory, { ...options, clock, startedAt });
  } catch (error) {
    // A worker started ahead that no run took would idle, holding aws-cdk-lib, until the process ends.
    if (warmed) await (await import('../controls/nag/pack-pool.js')).dropWarmWorker();
    throw error;
  }
}

/**
 * Starts a pack worker before the input is read when its templates look large enough for one (the default
 * output's do; a single small template's do not): loading the packs then overlaps reading the input.
 */
async function warmPacksForLargeInput(paths: readonly string[]): Promise<boolean> {
  const { looksLargeEnoughToWarm } = await import('../controls/nag/warm-hint.js');
  if (!looksLargeEnoughToWarm(paths)) return false;
  (await import('../controls/nag/pack-pool.js')).warmPackWorker();
  return true;
}

/** What `reportFromInventory` needs besides the inventory. */
export interface ReportOptions extends Omit<RunVerifyOptions, 'paths'> {
  /** The inputs the inventory was read from, for the provenance. @default - none (a live audit) */
  readonly paths?: readonly string[];
  /** When the run started. @default - the clock's reading when the report is begun */
  readonly startedAt?: Date;
  /**
   * Findings of the caller's own (the live audit's gaps and drift), judged with the rest.
   * @default - none
   */
  readonly extraFindings?: readonly Finding[];
  /**
   * Run cdk-nag's packs, which read the template files themselves (a live inventory has none).
   * @default true
   */
  readonly nag?: boolean;
}

/** Controls, cdk-nag, the input gaps and the proofs over an inventory however it was built, as one report. */
export async function reportFromInventory(
  inventory: Inventory,
  options: ReportOptions,
): Promise<VerifyOutcome> {
  const clock = options.clock ?? (() => new Date());
  const startedAt = options.startedAt ?? clock();
  const now = options.now ?? startedAt;
  const [
    { evaluateControlsWithAcknowledgements },
    { CONTROLS, STRUCTURAL_CONTROLS },
    { analyseReachability },
    { startNagFindings },
    { missingExpiryFindings },
    { controlCatalogDigest },
  ] = await Promise.all([
    import('../controls/evaluate.js'),
    import('../controls/registry.js'),
    import('../reach/index.js'),
    import('../controls/nag/index.js'),
    import('../controls/acknowledgement-findings.js'),
    import('../controls/catalog-digest.js'),
  ]);
  const flowSpec = inventory.flowSpec;
  const context: CheckContext = { flowSpec, now };

  // The packs start first: in worker threads (large enough inputs) they check while this thread evaluates ours.
  const pendingNag = options.nag === false ? undefined : await startNagFindings(inventory, { now });
  let evaluated: ReturnType<typeof evaluateControlsWithAcknowledgements>;
  try {
    evaluated = evaluateControlsWithAcknowledgements(inventory, CONTROLS, context);
  } catch (error) {
    await pendingNag?.cancel();
    throw error;
  }
  const ours = evaluated.findings;
  // cdk-nag's findings are marked as duplicates of ours template by template, while later templates are checked.
  const nag = pendingNag
    ? await pendingNag.finish(duplicateMarker(ours))
    : { findings: [], acknowledgements: [] };
  const acknowledgements = sortAcknowledgements([...evaluated.acknowledgements, ...nag.acknowledgements]);
  const checked = [
    ...ours,
    ...nag.findings,
    ...inputGapFindings(inventory),
    ...(options.requireAcknowledgementExpiry ? missingExpiryFindings(acknowledgements) : []),
    ...(options.extraFindings ?? []),
  ];
  const findings = [...checked, ...nothingCheckedFindings(inventory, checked, STRUCTURAL_CONTROLS)];
  const reach = analyseReachability(inventory, flowSpec);

  // A control counts as evaluated when it gave a verdict on at least one resource; one that found nothing
  // it applies to is listed as not evaluated, so "no finding" is never mistaken for "checked".
  const controlsWithVerdict = new Set(
    findings.filter((f) => f.status !== 'not-applicable' && f.origin === undefined).map((f) => f.ruleId),
  );
  const report: Report = {
    tool: { name: 'vectorfort', version: VERSION },
    summary: summarize(findings),
    verdict: verdictOf(findings, reach.flows, {
      failOn: options.failOn ?? 'info',
      allowUnknown: options.allowUnknown ?? false,
    }),
    findings: sortFindings(findings),
    flows: reach.flows,
    inputs: inventory.inputs.map((i) => ({ path: i.path, kind: i.kind })),
    controlsEvaluated: [...controlsWithVerdict].sort(),
    ...(inventory.parameters
      ? {
          parameters: {
            file: inventory.parameters.file,
            values: inventory.parameters.values.map((v) => ({ ...v })),
          },
        }
      : {}),
    ...(flowSpec
      ? {
          components: flowSpec.components.map((c) => ({
            id: c.id,
            tier: c.tier,
            description: c.description,
          })),
        }
      : {}),
    acknowledgements,
  };
  const provenance = collectProvenance({
    paths: options.paths ?? [],
    catalog: { sha256: controlCatalogDigest(CONTROLS), controls: CONTROLS.length },
    ...(flowSpec ? { flowSpec } : {}),
    ...(options.blueprint ? { blueprint: options.blueprint } : {}),
    ...(options.parameters !== undefined ? { parametersFile: options.parameters } : {}),
    evaluatedAt: now,
    startedAt,
    finishedAt: clock(),
    ...(options.env ? { env: options.env } : {}),
    ...(options.git ? { git: options.git } : {}),
  });
  return { report: { ...report, provenance }, inventory, flowSpec };
}

/** Lapsed first, then expiring, stale and active; by rule and resource within each. */
function sortAcknowledgements(records: readonly AcknowledgementRecord[]): AcknowledgementRecord[] {
  const rank = (r: AcknowledgementRecord) => ACKNOWLEDGEMENT_STATUSES.indexOf(r.status);
  return [...records].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.resources[0]?.id ?? '', b.resources[0]?.id ?? ''),
  );
}

const STATUS_ORDER = { fail: 0, unknown: 1, pass: 2, 'not-applicable': 3 } as const;
const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;

/**
 * Worst first, then by rule and resource, so reports are stable from run to run; another tool's findings that
 * duplicate one of our controls come after all of ours.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  // The order below, with the leading keys folded into one number per finding and each rule's name ranked
  // once: a large report has hundreds of thousands of findings of a few hundred rules, and comparing their
  // names on every comparison was most of the sort's time.
  const rules = [...new Set(findings.map((f) => f.ruleId))].sort(compareText);
  const ruleRank = new Map(rules.map((rule, i) => [rule, i]));
  const keyed = findings.map((finding) => ({
    finding,
    key:
      ((Number(finding.duplicateOf !== undefined) * 4 + STATUS_ORDER[finding.status]) * 5 +
        SEVERITY_ORDER[finding.severity]) *
        (rules.length + 1) +
      ruleRank.get(finding.ruleId)!,
  }));
  keyed.sort((a, b) => a.key - b.key || compareText(a.finding.resource.id, b.finding.resource.id));
  return keyed.map((k) => k.finding);
}

/** Code-point order: stable across locales and far cheaper than localeCompare on large reports. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
