/** Counts of findings by status. */
import type { Finding } from './finding.js';

export interface Summary {
  readonly pass: number;
  readonly fail: number;
  readonly unknown: number;
  readonly notApplicable: number;
}

/** Counts statuses; acknowledged failures are counted as fails in the summary but do not fail the run. */
export function summarize(findings: readonly Finding[]): Summary {
  let pass = 0;
  let fail = 0;
  let unknown = 0;
  let notApplicable = 0;
  for (const f of findings) {
    if (f.status === 'pass') pass++;
    else if (f.status === 'fail') fail++;
    else if (f.status === 'unknown') unknown++;
    else notApplicable++;
  }
  return { pass, fail, unknown, notApplicable };
}
