/**
 * `vectorfort synth`: blueprint → Kubernetes manifests (`<out>/k8s/<chart>.yaml`) and the CDK cloud assembly
 * (`<out>/cdk.out`), offline. Progress goes to stderr (a spinner only on a terminal); the summary to stdout.
 * Only what an earlier synth wrote is replaced (output-record.ts).
 */
import { join, relative } from 'node:path';
import { EXIT_FINDINGS, ExitError, InputError } from '../../errors.js';
import type { NagFinding } from '../../aws/app.js';
import { failsRun, type Severity } from '../../findings/index.js';
import { printable } from '../../report/printable.js';
import { synthCostEstimate } from '../cost-of-assembly.js';
import type { EvidenceSigningOptions } from '../evidence/options.js';
import { asInputError } from '../input-caused.js';
import { assertOutputReplaceable, recordOutput } from '../output-record.js';
import { runVerify } from '../run-verify.js';
import { verdictReason } from '../verdict-reason.js';
import { writeCharts } from '../write-charts.js';
import { writeFileAtomic } from '../write-file.js';

const REPORT_FORMATS = ['json', 'sarif', 'html'] as const;

export interface SynthOptions extends EvidenceSigningOptions {
  readonly blueprint?: string;
  readonly out: string;
  readonly failOn: Severity;
  readonly verify: boolean;
  /** Let a run whose only problems are unknown results pass. @default false */
  readonly allowUnknown?: boolean;
  /**
   * The time of the synthesis: it starts the review period of the acknowledgements written, and the
   * verification judges them at it. @default - the clock
   */
  readonly now?: Date;
  /** Also write an evidence bundle here. @default - none */
  readonly evidence?: string;
}

interface Progress {
  step(text: string): void;
  done(): void;
  fail(): void;
}

async function progress(): Promise<Progress> {
  // A terminal of unknown width (0 columns, as some pseudo-terminals report) makes ora's line clearing loop
  // forever; such terminals get no spinner, like pipes and files.
  if (!process.stderr.isTTY || !(process.stderr.columns > 0))
    return { step: () => undefined, done: () => undefined, fail: () => undefined };
  const { default: ora } = await import('ora');
  // The command reads nothing from stdin; leave it alone.
  const spinner = ora({ stream: process.stderr, discardStdin: false });
  return {
    step: (text) => {
      if (spinner.isSpinning) spinner.succeed();
      spinner.start(text);
    },
    done: () => spinner.isSpinning && spinner.succeed(),
    fail: () => spinner.isSpinning && spinner.fail(),
  };
}

export async function synthCommand(options: SynthOptions): Promise<void> {
  const ui = await progress();
  // The CLI reads the clock once; everything below is given this time.
  const now = options.now ?? new Date();
  try {
    ui.step('Loading the blueprint');
    const { loadBlueprint } = await import('../../blueprint/index.js');
    const loaded = loadBlueprint(options.blueprint);
    const bp = loaded.blueprint;
    const { environmentsOf } = await import('../../blueprint/index.js');
    const environments = environmentsOf(bp);
    if (environments) {
      ui.step('Synthesizing and verifying each environment');
      const { synthEnvironments } = await import('./synth-environments.js');
      await synthEnvironments(loaded, environments, { ...options, now });
      ui.done();
      return;
    }
    const source = loaded.file ?? '(default blueprint)';
    const reports = REPORT_FORMATS.map((format) => `report.${format}`);
    if (options.evidence !== undefined && !options.verify)
      throw new InputError('--evidence needs the verification: drop --no-verify');
    // Read before synthesizing: a mistake in the attachment manifest or the key should not wait for it.
    const evidence = options.evidence === undefined ? undefined : await evidenceInputs(options);
    assertOutputReplaceable(options.out, options.verify ? reports : []);

    ui.step('Rendering the Kubernetes manifests');
    const { deriveFlowSpec } = await import('../../flows/index.js');
    const { renderCharts } = await import('../../k8s/index.js');
    const { flowSpec, charts } = await asInputError(source, async () => {
      const spec = deriveFlowSpec(bp);
      const { acknowledgementTermsOf } = await import('../../aws/acknowledgement-terms.js');
      return { flowSpec: spec, charts: renderCharts(bp, spec, acknowledgementTermsOf(bp, now)) };
    });
    const k8sDir = join(options.out, 'k8s');
    const files = writeCharts(k8sDir, charts);

    ui.step('Synthesizing the CDK app (cdk-nag: AwsSolutions, NIST 800-53 R5)');
    const { synthesize } = await import('../../aws/app.js');
    // The stack applies the same objects that were just written to k8s/. Whatever synthesis leaves in cdk.out
    // is recorded even when it fails: it emptied the directory first, so all of it is its own.
    const result = await asInputError(source, async () =>
      synthesize(bp, options.out, { flowSpec, charts, synthesizedAt: now }),
    ).finally(() => recordOutput(options.out, []));
    ui.done();

    const show = (path: string) => printable(relative(process.cwd(), path) || '.');
    const lines = [
      `vectorfort synth: ${printable(bp.name)} (${printable(bp.preset)}) from ` +
        (loaded.file === undefined ? 'the default blueprint' : printable(loaded.file)),
    ];
    for (const stack of result.stacks)
      lines.push(
        `  stack ${printable(stack.name)}: ${stack.resourceCount} resources -> ${show(stack.templateFile)}`,
      );
    lines.push(`  cloud assembly: ${show(result.assemblyDir)}`);
    lines.push(
      `  cdk-nag: ${result.nagErrors.length} unacknowledged errors, ${result.nagAcknowledged} acknowledged` +
        (result.validationReportFile ? ` -> ${show(result.validationReportFile)}` : ''),
    );
    lines.push(
      `  Kubernetes manifests: ${files.length} file${files.length === 1 ? '' : 's'} -> ${show(k8sDir)}`,
    );
    if (loaded.placeholders.length > 0)
      lines.push(
        `  placeholders to replace before deploying: ${loaded.placeholders.map(printable).join(', ')}`,
      );
    process.stdout.write(`${lines.join('\n')}\n`);

    if (!options.verify) {
      failOnNagErrors(result.nagErrors);
      return;
    }

    ui.step('Verifying the outputs (controls, cdk-nag, reachability)');
    const inputs = [result.assemblyDir, ...(files.length > 0 ? [k8sDir] : [])];
    const verified = await runVerify({
      paths: inputs,
      failOn: options.failOn,
      allowUnknown: options.allowUnknown ?? false,
      now,
      // Production exceptions must be dated, so none outlives its review unnoticed.
      requireAcknowledgementExpiry: bp.preset === 'production',
      blueprint:
        loaded.file === undefined ? { defaults: bp, name: '(default blueprint)' } : { file: loaded.file },
    });
    const { loadPriceTable } = await import('../../cost/index.js');
    const priced = synthCostEstimate(
      verified.inventory,
      bp,
      [{ dir: result.assemblyDir, environment: bp.name }],
      loadPriceTable(),
    );
    const report = priced.estimate ? { ...verified.report, cost: priced.estimate } : verified.report;
    const { renderReport } = await import('../../report/format/index.js');
    const written = REPORT_FORMATS.map((format) => {
      const file = join(options.out, `report.${format}`);
      writeFileAtomic(file, renderReport(report, format));
      return file;
    });
    recordOutput(options.out, reports);
    if (evidence && options.evidence !== undefined) {
      ui.step('Writing the evidence bundle');
      const { writeBundle } = await import('../evidence/bundle.js');
      const bundle = await writeBundle(options.evidence, report, { ...evidence, now });
      written.push(`${bundle.dir} (evidence${bundle.signed ? ', signed' : ''})`);
    }
    ui.done();
    const s = report.summary;
    const mismatched = report.flows.filter((f) => f.verdict !== f.expected).length;
    const acknowledged = report.findings.filter((f) => f.status === 'fail' && f.acknowledged).length;
    const unknownAcknowledged = report.findings.filter(
      (f) => f.status === 'unknown' && f.acknowledged,
    ).length;
    process.stdout.write(
      [
        `  verify: ${report.controlsEvaluated?.length ?? 0} controls evaluated; ${s.pass} pass, ` +
          `${s.fail} fail (${acknowledged} acknowledged with a reason), ${s.unknown} unknown` +
          (unknownAcknowledged > 0 ? ` (${unknownAcknowledged} acknowledged with a reason), ` : ', ') +
          `${s.notApplicable} not applicable`,
        `  flows: ${report.flows.length} checked, ${mismatched} not as intended`,
        report.cost
          ? `  cost: about $${report.cost.total.monthly.toFixed(2)} a month (${report.cost.total.unpriced.length} resources unpriced; vectorfort cost shows the table)`
          : `  ${priced.note ?? 'no cost estimate'}`,
        `  reports: ${written.map(show).join(', ')}`,
        '',
      ].join('\n'),
    );
    failOnNagErrors(result.nagErrors);
    const { verdict } = report;
    if (verdict.status !== 'pass') {
      // What keeps the run from passing: its failures, or (incomplete) what could not be checked.
      const blocking = report.findings.filter((f) =>
        verdict.status === 'fail' ? failsRun(f, verdict.failOn) : f.status === 'unknown',
      );
      for (const f of blocking.slice(0, 20))
        process.stderr.write(
          `${f.status === 'unknown' ? 'unknown' : f.severity} ${printable(f.ruleId)}: ${printable(f.resource.id)}: ${printable(f.message)}\n`,
        );
      if (blocking.length > 20) process.stderr.write(`… and ${blocking.length - 20} more in the reports\n`);
      const reason = verdictReason(verdict);
      process.stderr.write(`${reason}\n`);
      throw new ExitError(EXIT_FINDINGS, reason);
    }
  } catch (error) {
    ui.fail();
    throw error;
  }
}

async function evidenceInputs(options: EvidenceSigningOptions) {
  const { attachmentsOf, signerOf } = await import('../evidence/options.js');
  const signer = signerOf(options);
  return { attachments: attachmentsOf(options), ...(signer ? { signer } : {}) };
}

/** The cdk-nag gate: its errors are in the reports too, but they fail the run even when verify is skipped. */
function failOnNagErrors(errors: readonly NagFinding[]): void {
  if (errors.length === 0) return;
  for (const f of errors)
    process.stderr.write(
      `cdk-nag ${printable(f.ruleId)}: ${printable(f.resource)}: ${printable(f.message)}\n`,
    );
  throw new ExitError(EXIT_FINDINGS, 'cdk-nag reported unacknowledged errors');
}
