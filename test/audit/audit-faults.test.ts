/**
 * The audit through a fault-injecting proxy in front of moto_server (throttling, 500s, dropped connections,
 * slow answers, answers beyond the timeout, and two operations denied): the report must be the fault-free
 * report, except that what the denied calls would have shown is `unknown`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditThroughFaults, findingLine } from './fault-audit.js';
import { makeHandChanges } from './hand-changes.js';
import { deployAccount, STACK } from './moto-account.js';

describe('vectorfort audit through faults', () => {
  const reports = auditThroughFaults({
    stack: STACK,
    setUp: async (endpoint) => {
      await deployAccount(endpoint);
      await makeHandChanges(endpoint);
    },
    denied: ['kms:GetKeyRotationStatus', 's3:GetBucketPolicy'],
  });

  it('turns exactly the findings the denied calls decide into unknown', () => {
    const { clean, faulty } = reports();
    const before = new Set(clean.findings.map(findingLine));
    assert.deepEqual(
      faulty.findings
        .filter((f) => !before.has(findingLine(f)))
        .map((f) => `${f.ruleId} ${f.resource.id}`)
        .sort(),
      ['VF-DATA-003 app/Bucket', 'VF-DATA-008 app/Key', 'VF-DATA-014 app/Bucket', 'drift-property app/Key'],
    );
  });

  it('proves the same flows', () => {
    const { clean, faulty } = reports();
    assert.deepEqual(faulty.flows, clean.flows);
  });

  it('reports the same drift, except that the rotation it could not read is undetermined', () => {
    const { clean, faulty } = reports();
    const rotation = (d: { id: string; property?: string }) =>
      d.id === 'app/Key' && d.property === 'EnableKeyRotation';
    const { actual: _actual, ...withoutLiveValue } = clean.audit!.drift.find(rotation)!;
    assert.deepEqual(
      faulty.audit!.drift,
      clean.audit!.drift.map((d) =>
        rotation(d)
          ? {
              ...withoutLiveValue,
              undetermined:
                'the live value is not known: kms:GetKeyRotationStatus was denied (AccessDeniedException)',
            }
          : d,
      ),
    );
  });
});
