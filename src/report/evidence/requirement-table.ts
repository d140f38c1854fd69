/**
 * The per-framework requirement table of an evidence bundle: for each requirement, the controls that evidence
 * it, the resources they judged, the status, the acknowledgements that excuse failures, and when the evidence
 * was produced. Manual requirements say so and point at the attached evidence instead.
 */
import { FRAMEWORKS, requirementIds } from '../../frameworks/index.js';
import type { Finding, FrameworkKey } from '../../findings/index.js';
import type { Report } from '../model.js';

/**
 * `fail`: an unacknowledged failure. `unknown`: something could not be decided. `acknowledged`: every failure
 * is excused by an acknowledgement. `pass`: evidenced and passing. `manual`: a process, evidenced by
 * attachments. `no-evidence`: nothing in the input maps to it.
 */
export type RequirementStatus = 'fail' | 'unknown' | 'acknowledged' | 'pass' | 'manual' | 'no-evidence';

export interface RequirementRow {
  readonly framework: FrameworkKey;
  readonly requirement: string;
  readonly title: string;
  readonly controls: readonly string[];
  readonly resources: readonly string[];
  readonly status: RequirementStatus;
  /** `rule on resource: reason (owner, expires)` for each acknowledged failure. */
  readonly acknowledgements: readonly string[];
  /** When the evidence was produced: the run's end for automated evidence. @default - none (manual, none) */
  readonly evidenceTime?: string;
  /** Why the requirement is manual. @default - automated */
  readonly manual?: string;
}

export function requirementRows(report: Report, framework: FrameworkKey): RequirementRow[] {
  const byRequirement = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (f.status === 'not-applicable') continue;
    for (const id of requirementIds(framework, f.frameworks[framework] ?? [])) {
      const list = byRequirement.get(id) ?? [];
      list.push(f);
      byRequirement.set(id, list);
    }
  }
  const time = report.provenance?.finishedAt;
  return FRAMEWORKS[framework].requirements.map((r) => {
    const findings = byRequirement.get(r.id) ?? [];
    const status: RequirementStatus = r.manual
      ? 'manual'
      : findings.some((f) => f.status === 'fail' && !f.acknowledged)
        ? 'fail'
        : findings.some((f) => f.status === 'unknown')
          ? 'unknown'
          : findings.some((f) => f.status === 'fail')
            ? 'acknowledged'
            : findings.length > 0
              ? 'pass'
              : 'no-evidence';
    return {
      framework,
      requirement: r.id,
      title: r.title,
      controls: [...new Set(findings.map((f) => f.ruleId))].sort(),
      resources: [...new Set(findings.map((f) => f.resource.id))].sort(),
      status,
      acknowledgements: findings
        .filter((f) => f.status === 'fail' && f.acknowledged)
        .map((f) => {
          const a = f.acknowledged!;
          const terms = [a.owner && `owner ${a.owner}`, a.expires && `expires ${a.expires}`].filter(Boolean);
          return `${f.ruleId} on ${f.resource.id}: ${a.reason}${terms.length ? ` (${terms.join(', ')})` : ''}`;
        }),
      ...(findings.length > 0 && time ? { evidenceTime: time } : {}),
      ...(r.manual ? { manual: r.manual } : {}),
    };
  });
}
