/** Per-framework coverage: for each requirement, how the findings mapped to it came out. */
import { FRAMEWORKS, requirementIds } from '../../frameworks/index.js';
import { FRAMEWORK_KEYS, type FrameworkKey } from '../../findings/index.js';
import type { Report } from '../model.js';

export interface RequirementCoverage {
  readonly id: string;
  readonly title: string;
  readonly manual?: string;
  readonly pass: number;
  readonly fail: number;
  readonly unknown: number;
  /** Failures accepted with a reason: neither a pass nor a failure of the run. */
  readonly acknowledged: number;
}

export interface FrameworkCoverage {
  readonly key: FrameworkKey;
  readonly name: string;
  readonly version: string;
  readonly requirements: readonly RequirementCoverage[];
}

export function coverage(report: Report): FrameworkCoverage[] {
  return FRAMEWORK_KEYS.map((key) => {
    const counts = new Map<string, { pass: number; fail: number; unknown: number; acknowledged: number }>();
    for (const f of report.findings) {
      if (f.status === 'not-applicable') continue;
      for (const id of requirementIds(key, f.frameworks[key] ?? [])) {
        const c = counts.get(id) ?? { pass: 0, fail: 0, unknown: 0, acknowledged: 0 };
        if (f.status === 'fail') {
          if (f.acknowledged) c.acknowledged++;
          else c.fail++;
        } else if (f.status === 'unknown') c.unknown++;
        else c.pass++;
        counts.set(id, c);
      }
    }
    const framework = FRAMEWORKS[key];
    return {
      key,
      name: framework.name,
      version: framework.version,
      requirements: framework.requirements.map((r) => ({
        id: r.id,
        title: r.title,
        ...(r.manual ? { manual: r.manual } : {}),
        ...(counts.get(r.id) ?? { pass: 0, fail: 0, unknown: 0, acknowledged: 0 }),
      })),
    };
  });
}
