/**
 * The verification pipeline shared by `verify` and `synth`: inventory → controls (with acknowledgements) and
 * cdk-nag's findings → reachability → one report. The CLI is the only place that wires these sides together.
 */
// Only the rule table: light enough to import eagerly, unlike the packs behind nag/index.js.
import { markDuplicates } from '../controls/nag/duplicates.js';
import type { CheckContext } from '../controls/types.js';
import type { FlowSpec } from '../flows/types.js';
import type { Inventory } from '../inventory/model.js';
import { summarize, verdictOf, type Finding, type Severity } from '../findings/index.js';
import type { Report } from '../report/model.js';
import { VERSION } from '../version.js';
import { inputGapFindings, nothingCheckedFindings } from './input-gap-findings.js';

export interface RunVerifyOptions {
  /** Cloud assembly directories, templates and manifests. */
  readonly paths: readonly string[];
  /** Lowest severity that fails the run. @default 'info' */
  readonly failOn?: Severity;
  /** Let a run whose only problems are unknown results pass (they are still reported). @default false */
  readonly allowUnknown?: boolean;
  /** Date for time-dependent checks. @default now */
  readonly now?: Date;
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
  const { loadInventory } = await import('../inventory/index.js');
  const inventory = await loadInventory(
    options.paths,
    options.parameters === undefined ? {} : { parameters: options.parameters },
  );
  return reportFromInventory(inventory, options);
}

/** What `reportFromInventory` needs besides the inventory. */
export interface ReportOptions {
  /** Lowest severity that fails the run. @default 'info' */
  readonly failOn?: Severity;
  /** Let a run whose only problems are unknown results pass. @default false */
  readonly allowUnknown?: boolean;
  /** Date for time-dependent checks. @default now */
  readonly now?: Date;
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
  const [{ evaluateControls }, { CONTROLS, STRUCTURAL_CONTROLS }, { analyseReachability }, { nagFindings }] =
    await Promise.all([
      import('../controls/evaluate.js'),
      import('../controls/registry.js'),
      import('../reach/index.js'),
      import('../controls/nag/index.js'),
    ]);
  const flowSpec = inventory.flowSpec;
  const context: CheckContext = { flowSpec, now: options.now ?? new Date() };

  const ours = evaluateControls(inventory, CONTROLS, context);
  const checked = [
    ...ours,
    ...(options.nag === false ? [] : markDuplicates(ours, await nagFindings(inventory))),
    ...inputGapFindings(inventory),
    ...(options.extraFindings ?? []),
  ];
  const findings = [...checked, ...nothingCheckedFindings(inventory, checked, STRUCTURAL_CONTROLS)];
  const reach = analyseReachability(inventory, flowSpec);

  // A control counts as evaluated when it gave a verdict on at least one resource; one that found nothing
  // it applies to is listed as not evaluated, so "no finding" is never mistaken for "checked".
  const evaluated = new Set(
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
    controlsEvaluated: [...evaluated].sort(),
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
  };
  return { report, inventory, flowSpec };
}

const STATUS_ORDER = { fail: 0, unknown: 1, pass: 2, 'not-applicable': 3 } as const;
const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;

/**
 * Worst first, then by rule and resource, so reports are stable from run to run; another tool's findings that
 * duplicate one of our controls come after all of ours.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      Number(a.duplicateOf !== undefined) - Number(b.duplicateOf !== undefined) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareText(a.ruleId, b.ruleId) ||
      compareText(a.resource.id, b.resource.id),
  );
}

/** Code-point order: stable across locales and far cheaper than localeCompare on large reports. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
