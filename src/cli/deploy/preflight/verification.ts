/**
 * The verification gate: a deploy goes ahead only on a passing report, or on one whose blocking findings
 * (failures at or above `--fail-on`, unknown results unless allowed) are exactly those of a report a reviewer
 * accepted (`--accept-findings FILE`, a `report.json`). A finding added since the review, or one the review
 * saw that is gone, means the accepted report no longer describes what would be deployed.
 */
import { FileRefusal, readRegularTextSync } from '../../../contract/regular-file.js';
import { InputError } from '../../../errors.js';
import { failsRun, type Finding, type Severity } from '../../../findings/index.js';
import type { Report } from '../../../report/model.js';
import type { PreflightProblem } from './problem.js';

export interface GateOptions {
  readonly failOn: Severity;
  readonly allowUnknown: boolean;
  /** The reviewed report file. @default - none: only a passing report lets the deploy go ahead */
  readonly acceptFindings?: string;
  /** Where the current report was written, for the fix text. */
  readonly reportFile: string;
}

/** A finding's identity across runs: control, outcome and the resource it is about. */
export function findingKey(f: Pick<Finding, 'ruleId' | 'status' | 'resource'>): string {
  return [f.ruleId, f.status, f.resource.type, f.resource.id, f.resource.path ?? ''].join(' | ');
}

function blocking(findings: readonly Finding[], options: GateOptions): Set<string> {
  return new Set(
    findings
      .filter(
        (f) =>
          failsRun(f, options.failOn) || (f.status === 'unknown' && !f.acknowledged && !options.allowUnknown),
      )
      .map(findingKey),
  );
}

export function checkVerification(report: Report, options: GateOptions): PreflightProblem[] {
  const current = blocking(report.findings, options);
  if (report.verdict.status === 'pass' && current.size === 0) return [];
  const what = report.verdict.status === 'fail' ? 'failing' : 'incomplete (unknown results)';
  if (options.acceptFindings === undefined)
    return [
      {
        check: 'verification',
        problem: `the verification is ${what}: ${current.size} blocking finding(s), listed in ${options.reportFile}`,
        fix:
          'fix them in the blueprint, acknowledge reviewed exceptions, or have the report reviewed and pass it ' +
          `with --accept-findings ${options.reportFile}`,
      },
    ];
  const accepted = blocking(readReviewed(options.acceptFindings), options);
  const added = [...current].filter((k) => !accepted.has(k));
  const gone = [...accepted].filter((k) => !current.has(k));
  if (added.length === 0 && gone.length === 0) return [];
  const list = (keys: string[]) =>
    keys.slice(0, 10).join('; ') + (keys.length > 10 ? `; … ${keys.length - 10} more` : '');
  return [
    {
      check: 'verification',
      problem:
        `the reviewed report ${options.acceptFindings} does not match the current findings` +
        (added.length > 0 ? `; not reviewed: ${list(added)}` : '') +
        (gone.length > 0 ? `; reviewed but no longer found: ${list(gone)}` : ''),
      fix: `review the current report (${options.reportFile}) and pass it with --accept-findings`,
    },
  ];
}

function readReviewed(file: string): Finding[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readRegularTextSync(file));
  } catch (error) {
    const why =
      error instanceof FileRefusal
        ? error.message
        : (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'file not found'
          : 'not a JSON report';
    throw new InputError(`${why} (expected the report.json of a reviewed run)`, file);
  }
  const findings = (parsed as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(findings) || !findings.every(isFinding))
    throw new InputError(
      'expected a vectorfort JSON report: an object with a findings array of {ruleId, status, severity, resource}',
      file,
      'findings',
    );
  return findings;
}

function isFinding(value: unknown): value is Finding {
  const f = value as Partial<Finding> | null;
  return (
    typeof f?.ruleId === 'string' &&
    typeof f.status === 'string' &&
    typeof f.severity === 'string' &&
    typeof f.resource?.id === 'string' &&
    typeof f.resource.type === 'string'
  );
}
