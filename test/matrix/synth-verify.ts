/**
 * Synthesizes a blueprint and verifies the result in process, the way `vectorfort synth` does: the flow spec
 * and the charts are derived once, the manifests written to k8s/, the cloud assembly to cdk.out/, and both
 * verified together. The matrix runs one of these per combination.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesize, type SynthResult } from '../../src/aws/app.js';
import { validateBlueprint, type Blueprint } from '../../src/blueprint/index.js';
import { runVerify } from '../../src/cli/run-verify.js';
import { writeCharts } from '../../src/cli/write-charts.js';
import { failsRun, type FlowResult, type Finding } from '../../src/findings/index.js';
import { deriveFlowSpec } from '../../src/flows/index.js';
import { renderCharts } from '../../src/k8s/index.js';

export interface SynthVerifyOutcome {
  readonly blueprint: Blueprint;
  /** `pass` when nothing fails at the lowest threshold (`--fail-on info`, the CLI's default). */
  readonly verdict: string;
  /** Unknown results without an acknowledgement: what keeps a run from passing. */
  readonly unknown: readonly Finding[];
  /** Every finding that carries an acknowledgement (failures and unknowns), with its reason. */
  readonly acknowledged: readonly Finding[];
  /** Findings that fail the run at the CLI's default threshold. */
  readonly failing: readonly Finding[];
  /** Flows whose verdict differs from the one the spec expects. */
  readonly mismatched: readonly FlowResult[];
  readonly flows: readonly FlowResult[];
  readonly nagErrors: number;
  readonly stacks: readonly string[];
  /** Every template of the cloud assembly (nested ones included) with its size in bytes, as deployed. */
  readonly templates: readonly TemplateSize[];
}

export interface TemplateSize {
  /** The file name in the cloud assembly (`<stack>.template.json`). */
  readonly file: string;
  readonly bytes: number;
}

/** Synthesizes and verifies a blueprint as a user writes it (validated here, defaults applied). */
export async function synthAndVerifyInput(
  input: Record<string, unknown>,
  file: string,
): Promise<SynthVerifyOutcome> {
  return synthAndVerify(validateBlueprint(input, file));
}

/**
 * Writes a blueprint's output as `vectorfort synth` does: the manifests to `<out>/k8s`, the cloud assembly to
 * `<out>/cdk.out`. Returns the synthesis and the paths to verify.
 */
export function writeOutput(
  blueprint: Blueprint,
  out: string,
  synthesizedAt: Date,
): { readonly result: SynthResult; readonly paths: string[] } {
  const flowSpec = deriveFlowSpec(blueprint);
  const charts = renderCharts(blueprint, flowSpec);
  const k8sDir = join(out, 'k8s');
  const files = writeCharts(k8sDir, charts);
  const result = synthesize(blueprint, out, { flowSpec, charts, synthesizedAt });
  return { result, paths: [result.assemblyDir, ...(files.length > 0 ? [k8sDir] : [])] };
}

export async function synthAndVerify(blueprint: Blueprint): Promise<SynthVerifyOutcome> {
  const out = mkdtempSync(join(tmpdir(), 'vectorfort-matrix-'));
  try {
    // Dated as the CLI dates it, so the acknowledgements carry their expiry and the templates their real size.
    const { result, paths } = writeOutput(blueprint, out, new Date());
    const { report } = await runVerify({ paths, failOn: 'info' });
    return {
      blueprint,
      verdict: report.verdict.status,
      unknown: report.findings.filter((f) => f.status === 'unknown' && !f.acknowledged),
      acknowledged: report.findings.filter((f) => f.acknowledged !== undefined),
      failing: report.findings.filter((f) => failsRun(f, report.verdict.failOn)),
      mismatched: report.flows.filter((f) => f.verdict !== f.expected),
      flows: report.flows,
      nagErrors: result.nagErrors.length,
      stacks: result.stacks.map((s) => s.name),
      templates: templateSizes(result.assemblyDir),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Measured before the output is removed, so a size check needs no second synthesis. */
function templateSizes(assemblyDir: string): TemplateSize[] {
  return readdirSync(assemblyDir)
    .filter((f) => f.endsWith('.template.json'))
    .sort()
    .map((file) => ({ file, bytes: statSync(join(assemblyDir, file)).size }));
}

/** One line per problem, for an assertion message that says what to fix. */
export function problemsOf(outcome: SynthVerifyOutcome): string[] {
  return [
    ...outcome.failing.map((f) => `${f.severity} ${f.ruleId} ${f.resource.id}: ${f.message}`),
    ...outcome.unknown.map((f) => `unknown ${f.ruleId} ${f.resource.id}: ${f.message}`),
    ...outcome.mismatched.map(
      (f) =>
        `flow ${f.from}->${f.to}:${f.port}/${f.protocol} expected ${f.expected}, got ${f.verdict}: ${f.reason ?? ''}`,
    ),
    ...(outcome.nagErrors > 0 ? [`${outcome.nagErrors} unacknowledged cdk-nag errors`] : []),
  ];
}
