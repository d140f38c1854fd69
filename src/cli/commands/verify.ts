/**
 * `vectorfort verify [PATH ...]`: checks cloud assemblies, templates and manifests against the controls and
 * the flows, prints or writes the report, and fails (exit 1) when a finding at or above `--fail-on` fails or,
 * unless `--allow-unknown`, when something could not be checked.
 */
import { ExitError, EXIT_FINDINGS } from '../../errors.js';
import type { Severity } from '../../findings/index.js';
import type { Report } from '../../report/model.js';
import { runVerify } from '../run-verify.js';
import { emitReport } from '../emit-report.js';
import { verdictReason } from '../verdict-reason.js';
import { writeChunksAtomic, writeChunksToStdout } from '../write-file.js';

export interface VerifyOptions {
  readonly format: 'text' | 'json' | 'sarif' | 'html';
  readonly output?: string;
  readonly failOn: Severity;
  /** Let a run whose only problems are unknown results pass. @default false */
  readonly allowUnknown?: boolean;
  /**
   * File of parameter values for the templates.
   * @default - none
   */
  readonly parameters?: string;
  /** The time acknowledgements are judged at. @default - the clock */
  readonly now?: Date;
  /** Acknowledgements without an expiry fail (low severity). @default false */
  readonly requireAcknowledgementExpiry?: boolean;
  /** Print the acknowledgements and their status instead of the report. @default false */
  readonly listAcknowledgements?: boolean;
}

export async function verifyCommand(paths: readonly string[], options: VerifyOptions): Promise<void> {
  const report = await reportOnly(paths, options);
  if (options.listAcknowledgements) {
    // A listing, not a verdict: it exits 0 whatever the acknowledgements' status (the report decides that).
    const { renderAcknowledgementList } = await import('../../report/format/acknowledgements.js');
    const text = renderAcknowledgementList(report, options.format === 'json' ? 'json' : 'text');
    if (options.output === undefined) await writeChunksToStdout([text]);
    else await writeChunksAtomic(options.output, [text]);
    return;
  }
  await emitReport(
    report,
    options.format,
    options.output,
    `vectorfort verify: ${report.summary.fail} fail, ${report.summary.unknown} unknown, ${report.summary.pass} pass`,
  );
  const { verdict } = report;
  if (verdict.status !== 'pass') throw new ExitError(EXIT_FINDINGS, verdictReason(verdict));
}

/**
 * The run's report, and nothing else of it: the inventory the run returns beside it would otherwise stay
 * reachable from this function's suspended frame while the report is written (a fifth of the peak memory on
 * 100k resources).
 */
async function reportOnly(paths: readonly string[], options: VerifyOptions): Promise<Report> {
  const { report } = await runVerify({
    paths,
    failOn: options.failOn,
    allowUnknown: options.allowUnknown ?? false,
    ...(options.parameters === undefined ? {} : { parameters: options.parameters }),
    ...(options.now ? { now: options.now } : {}),
    requireAcknowledgementExpiry: options.requireAcknowledgementExpiry ?? false,
  });
  return report;
}
