/**
 * The run's verdict, decided once from the findings, the flows and the `--fail-on` threshold. The exit code and
 * every reporter show this one value instead of deciding PASS or FAIL again.
 */
import type { Finding } from './finding.js';
import { isNotAsIntended, type FlowResult } from './flow.js';
import { atLeast, type Severity } from './severity.js';

/**
 * `pass`: no unacknowledged failure at or above the threshold, and no unacknowledged unknown result (or
 * unknowns allowed).
 * `fail`: at least one such failure. `incomplete`: nothing fails, but results that could not be decided (a
 * control that could not evaluate, a part of the input that was not modelled) keep the run from passing.
 */
export type VerdictStatus = 'pass' | 'fail' | 'incomplete';

export interface VerdictOptions {
  /** Lowest severity whose unacknowledged failures fail the run. @default 'info' */
  readonly failOn?: Severity;
  /**
   * Let a run whose only problems are unknown results pass (they are still reported and counted). Unknowns of
   * every severity count: what was not checked has no severity of its own to compare with `failOn`.
   * @default false
   */
  readonly allowUnknown?: boolean;
}

export interface Verdict {
  readonly status: VerdictStatus;
  /** The threshold the verdict was decided at. */
  readonly failOn: Severity;
  /** Unacknowledged failures at or above `failOn`: what fails the run. */
  readonly failing: number;
  /** Unacknowledged failures below `failOn`: reported, but they do not fail the run. */
  readonly belowThreshold: number;
  /** Failures and unknown results accepted with a recorded reason. */
  readonly acknowledged: number;
  /** Findings that could not be decided and carry no acknowledgement; never counted as a pass. */
  readonly unknown: number;
  /** Whether unknown results were allowed (`--allow-unknown`): then a run with unknowns may pass. */
  readonly allowUnknown: boolean;
  /** Checked flows whose verdict is not the expected one. */
  readonly flowsNotAsIntended: number;
}

/** True when the finding fails the run at `failOn`: failed, not acknowledged, at or above the threshold. */
export function failsRun(finding: Finding, failOn: Severity): boolean {
  return finding.status === 'fail' && !finding.acknowledged && atLeast(finding.severity, failOn);
}

/**
 * Decides the verdict. Flows count only as information: every checked flow is also the finding of a
 * reachability control, which carries the severity, the acknowledgement and `unknown`, so the threshold
 * applies to flows through their findings.
 */
export function verdictOf(
  findings: readonly Finding[],
  flows: readonly FlowResult[],
  options: VerdictOptions = {},
): Verdict {
  const failOn = options.failOn ?? 'info';
  const allowUnknown = options.allowUnknown ?? false;
  let failing = 0;
  let belowThreshold = 0;
  let acknowledged = 0;
  let unknown = 0;
  for (const f of findings) {
    if (f.status !== 'fail' && f.status !== 'unknown') continue;
    else if (f.acknowledged) acknowledged++;
    else if (f.status === 'unknown') unknown++;
    else if (atLeast(f.severity, failOn)) failing++;
    else belowThreshold++;
  }
  const flowsNotAsIntended = flows.filter(isNotAsIntended).length;
  return {
    status: failing > 0 ? 'fail' : unknown > 0 && !allowUnknown ? 'incomplete' : 'pass',
    failOn,
    failing,
    belowThreshold,
    acknowledged,
    unknown,
    allowUnknown,
    flowsNotAsIntended,
  };
}
