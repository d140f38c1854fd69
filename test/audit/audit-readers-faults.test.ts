/**
 * The service stack (roles, policies, functions, topics, queues, tables, load balancer, rules) audited through
 * the fault-injecting proxy, with two of the new readers' operations denied: the report is the fault-free one,
 * except that what the denied calls would have shown is `unknown`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditThroughFaults } from './fault-audit.js';
import { deployServices, STACK } from './readers-account.js';
import { changeServicesByHand } from './readers-hand-changes.js';

describe('vectorfort audit of the service stack through faults', () => {
  const reports = auditThroughFaults({
    stack: STACK,
    setUp: async (endpoint) => {
      await deployServices(endpoint);
      await changeServicesByHand(endpoint);
    },
    denied: ['iam:ListAttachedRolePolicies', 'dynamodb:DescribeContinuousBackups'],
  });

  it('reports the same drift, except that what it could not read is undetermined', () => {
    const { clean, faulty } = reports();
    const undeterminedProperty = (d: { id: string; property?: string }) =>
      (d.id === 'svc/FnRole' && d.property === 'ManagedPolicyArns') ||
      (d.id === 'svc/Locks' && d.property === 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled');
    assert.equal(clean.audit!.drift.filter(undeterminedProperty).length, 2);
    assert.deepEqual(
      faulty.audit!.drift.filter((d) => !undeterminedProperty(d)),
      clean.audit!.drift.filter((d) => !undeterminedProperty(d)),
    );
    for (const d of faulty.audit!.drift.filter(undeterminedProperty)) {
      assert.equal(d.actual, undefined);
      assert.match(d.undetermined ?? '', /was denied/);
    }
  });
});
