/** How each reporter names the run's verdict. */
import type { Verdict, VerdictStatus } from '../../findings/index.js';

export const VERDICT_LABELS: Readonly<Record<VerdictStatus, string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  incomplete: 'INCOMPLETE',
};

/** The label of a verdict: a pass that let unknown results through (`--allow-unknown`) says so. */
export function verdictLabel(verdict: Verdict): string {
  return verdict.status === 'pass' && verdict.unknown > 0
    ? `PASS with ${verdict.unknown} unknown`
    : VERDICT_LABELS[verdict.status];
}
