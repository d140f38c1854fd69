/** How each reporter names the run's verdict. */
import type { VerdictStatus } from '../../findings/index.js';

export const VERDICT_LABELS: Readonly<Record<VerdictStatus, string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  incomplete: 'INCOMPLETE',
};
