/**
 * The audit's own findings: what could not be read live (`unknown`, so the run cannot pass on it) and each
 * drift from the baseline (`fail`, with both values).
 */
import type { Finding } from '../findings/index.js';
import type { AuditDrift } from '../report/audit-section.js';
import type { AuditGap } from './aws/read-aws.js';

export const AUDIT_NOT_READ = 'audit-not-read';
export const DRIFT_RULES = {
  property: 'drift-property',
  missing: 'drift-missing',
  unmanaged: 'drift-unmanaged',
} as const;

export function gapFindings(gaps: readonly AuditGap[], region: string): Finding[] {
  return gaps.map((g) => ({
    ruleId: AUDIT_NOT_READ,
    title: 'A live resource or service could not be read; what it would show was not checked',
    severity: 'high',
    status: 'unknown',
    resource: { type: g.type, id: g.id, file: `aws://${region}/${g.stack ?? 'account'}` },
    message: g.reason,
    remediation:
      'Grant the auditor the read-only policy (`vectorfort audit --print-policy`), or accept the gap with --allow-unknown.',
    frameworks: {},
  }));
}

const TITLES: Record<AuditDrift['kind'], string> = {
  property: 'A security-relevant setting differs from the baseline',
  missing: 'A resource of the baseline does not exist live',
  unmanaged: 'A live resource is declared by no stack or manifest of the baseline',
};

export function driftFindings(drift: readonly AuditDrift[], region: string): Finding[] {
  return drift.map((d) => {
    const isK8s = d.type.includes('/');
    const stack = d.id.includes('/') && !isK8s ? d.id.slice(0, d.id.indexOf('/')) : undefined;
    const logicalId = stack ? d.id.slice(stack.length + 1) : d.id;
    return {
      ruleId: DRIFT_RULES[d.kind],
      title: TITLES[d.kind],
      severity: d.kind === 'unmanaged' ? 'medium' : 'high',
      status: d.undetermined === undefined ? 'fail' : 'unknown',
      resource: {
        type: d.type,
        id: d.id,
        ...(isK8s
          ? {}
          : {
              file: `aws://${region}/${stack ?? 'live'}`,
              path: `Resources.${logicalId}${d.property ? `.Properties.${d.property}` : ''}`,
            }),
      },
      message: messageOf(d),
      remediation:
        d.kind === 'unmanaged'
          ? 'Declare it in the stack or manifests, or remove it.'
          : 'Restore the baseline (redeploy the stack or manifests), or change the baseline and verify it.',
      frameworks: {},
    };
  });
}

function messageOf(d: AuditDrift): string {
  const physical = d.physicalId ? ` (${d.physicalId})` : '';
  if (d.kind === 'missing') return `${d.id} is in the baseline but does not exist live`;
  if (d.kind === 'unmanaged')
    return `${d.type} ${d.id}${physical} exists live but no stack or manifest declares it`;
  const expected = d.expected === undefined ? 'not set' : JSON.stringify(d.expected);
  if (d.undetermined !== undefined)
    return `${d.property} of ${d.id}${physical}: baseline ${expected}, live undetermined (${d.undetermined})`;
  const actual = d.actual === undefined ? 'not set' : JSON.stringify(d.actual);
  return `${d.property} of ${d.id}${physical}: baseline ${expected}, live ${actual}`;
}
