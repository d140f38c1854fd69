/**
 * The report's order of findings (worst first, then by rule and resource; cdk-nag's duplicates of ours last),
 * computed with folded keys for speed, must be the order the plain comparison gives, ties kept as they came.
 * Seeded, so a failure repeats.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortFindings } from '../../src/cli/run-verify.js';
import type { Finding } from '../../src/findings/index.js';
import { prng as random } from '../seeded-random.js';

const STATUSES = ['fail', 'unknown', 'pass', 'not-applicable'] as const;
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
const STATUS_ORDER = { fail: 0, unknown: 1, pass: 2, 'not-applicable': 3 } as const;
const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;

/** The order as the report defines it, one comparison at a time. */
function reference(findings: readonly Finding[]): Finding[] {
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...findings].sort(
    (a, b) =>
      Number(a.duplicateOf !== undefined) - Number(b.duplicateOf !== undefined) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      text(a.ruleId, b.ruleId) ||
      text(a.resource.id, b.resource.id),
  );
}

describe('the order of findings', () => {
  it('is the plain comparison order, ties in their input order, for random findings', () => {
    const next = random(13);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    // Rule names that sort differently by code point than by locale, and one that is a prefix of another.
    const rules = [
      'VF-EKS-001',
      'VF-EKS-01',
      'AwsSolutions-S1',
      'awsSolutions-S1',
      'NIST.800.53.R5-X',
      'Ä-rule',
    ];
    for (let round = 0; round < 50; round++) {
      const findings: Finding[] = Array.from({ length: 1 + Math.floor(next() * 300) }, (_, i) => ({
        ruleId: pick(rules),
        title: `t${i}`,
        severity: pick(SEVERITIES),
        status: pick(STATUSES),
        resource: { type: 'AWS::S3::Bucket', id: pick(['a', 'B', 'b', 'a/b', 'ä', '']) },
        message: `finding ${i}`,
        frameworks: {},
        ...(next() < 0.2 ? { duplicateOf: ['VF-DATA-001'] } : {}),
      }));
      const sorted = sortFindings(findings);
      assert.deepEqual(
        sorted.map((f) => f.message),
        reference(findings).map((f) => f.message),
        `round ${round}`,
      );
    }
  });
});
