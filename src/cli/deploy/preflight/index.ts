/**
 * The pre-flight checks, run before anything in the account changes. Every check runs (the look-ups only
 * once the credentials work, since each would fail the same way without them) so one run lists everything
 * to fix; any problem ends the command with exit 2, naming the fix.
 */
import { EXIT_INVALID_INPUT, ExitError } from '../../../errors.js';
import { printable } from '../../../report/printable.js';
import type { AwsTarget } from '../aws-target.js';
import type { Prepared } from '../prepare.js';
import { bootstrapRequirements, checkBootstrap } from './bootstrap.js';
import { checkCredentials, type CallerIdentity } from './credentials.js';
import { checkReferences } from './check-references.js';
import type { PreflightProblem } from './problem.js';
import { referencesOf } from './references.js';
import { checkVerification, type GateOptions } from './verification.js';

export type { PreflightProblem } from './problem.js';

export interface PreflightOptions {
  readonly target: AwsTarget;
  /** The region asked for and where that came from (`--region`, `AWS_REGION`), when one was. */
  readonly requestedRegion?: { readonly region: string; readonly source: string };
  /** Which checks: `deploy` runs all of them; `diff` and `destroy` only the credentials'. */
  readonly scope: 'deploy' | 'credentials';
  /** The verification gate's settings (deploy). */
  readonly gate?: Omit<GateOptions, 'reportFile'>;
}

export async function runPreflight(
  prepared: Prepared,
  options: PreflightOptions,
): Promise<{ problems: PreflightProblem[]; identity?: CallerIdentity }> {
  const bp = prepared.blueprint;
  const problems: PreflightProblem[] = [];
  if (options.scope === 'deploy') {
    for (const field of prepared.placeholders)
      problems.push({
        check: 'placeholders',
        problem: `${field} still holds its placeholder value`,
        fix: `set ${field} in the blueprint${prepared.blueprintFile ? ` (${prepared.blueprintFile})` : ''} to your own value`,
      });
    if (prepared.nagErrors > 0)
      problems.push({
        check: 'verification',
        problem: `cdk-nag reported ${prepared.nagErrors} unacknowledged error(s)`,
        fix: 'fix or acknowledge them (vectorfort synth lists them)',
      });
    if (prepared.report && prepared.reportFile && options.gate)
      problems.push(
        ...checkVerification(prepared.report, { ...options.gate, reportFile: prepared.reportFile }),
      );
  }
  const credentials = await checkCredentials(
    options.target,
    { account: bp.environment.account, region: bp.environment.region },
    options.requestedRegion,
  );
  problems.push(...credentials.problems);
  if (options.scope === 'deploy' && credentials.identity) {
    const [references, bootstrap] = await Promise.all([
      checkReferences(referencesOf(bp), options.target),
      checkBootstrap(bootstrapRequirements(prepared.assemblyDir), options.target),
    ]);
    problems.push(...references, ...bootstrap);
  }
  return { problems, ...(credentials.identity ? { identity: credentials.identity } : {}) };
}

/** Prints the problems on stderr and stops the command (exit 2) when there are any. */
export function stopOnProblems(problems: readonly PreflightProblem[], command: string): void {
  if (problems.length === 0) return;
  const lines = [`${command}: ${problems.length} pre-flight check(s) failed; nothing was changed`];
  for (const p of problems)
    lines.push(`  ${p.check}: ${printable(p.problem)}`, `    fix: ${printable(p.fix)}`);
  process.stderr.write(`${lines.join('\n')}\n`);
  throw new ExitError(EXIT_INVALID_INPUT, `${command}: pre-flight checks failed`);
}
