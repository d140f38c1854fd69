/**
 * The service stack (roles, policies, functions, topics, queues, tables, load balancer, rules) audited through
 * the fault-injecting proxy, with two of the new readers' operations denied: the report is the fault-free one,
 * except that what the denied calls would have shown is `unknown`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAudit } from '../../src/cli/run-audit.js';
import type { Finding } from '../../src/findings/index.js';
import type { Report } from '../../src/report/model.js';
import { startMoto, type Moto } from '../notifier/moto.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { auditTarget } from './moto-account.js';
import { deployServices, STACK } from './readers-account.js';
import { changeServicesByHand } from './readers-hand-changes.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const DENIED = ['iam:ListAttachedRolePolicies', 'dynamodb:DescribeContinuousBackups'];

const line = (f: Finding) =>
  `${f.ruleId} | ${f.resource.id} | ${f.resource.path ?? ''} | ${f.status} | ${f.message}`;

describe('vectorfort audit of the service stack through faults', () => {
  let moto: Moto;
  let proxy: FaultProxy;
  let clean: Report;
  let faulty: Report;

  before(async () => {
    moto = await startMoto();
    await deployServices(moto.endpoint);
    await changeServicesByHand(moto.endpoint);
    clean = (await runAudit({ aws: auditTarget(moto.endpoint), stacks: [STACK], now: NOW })).report;
    proxy = await startFaultProxy({ target: moto.endpoint, deny: DENIED, slowMs: 150, timeoutMs: 1500 });
    faulty = (
      await runAudit({
        aws: auditTarget(proxy.endpoint, { requestTimeoutMs: 1000, maxAttempts: 6, concurrency: 4 }),
        stacks: [STACK],
        now: NOW,
      })
    ).report;
  });
  after(async () => {
    await proxy?.close();
    await moto?.stop();
  });

  it('met every kind of fault', () => {
    for (const [kind, count] of Object.entries(proxy.injected)) assert.ok(count > 0, `${kind} was injected`);
  });

  it('records the denied calls as denied and every other call as answered', () => {
    const denied = faulty.audit!.calls.filter((c) => c.outcome === 'denied');
    assert.deepEqual(
      [...new Set(denied.map((c) => `${c.service}:${c.operation}`))].sort(),
      [...DENIED].sort(),
    );
    assert.deepEqual(
      faulty.audit!.calls.filter((c) => c.outcome !== 'ok' && c.outcome !== 'denied'),
      [],
    );
  });

  it('gives the fault-free findings, except unknown where a call was denied', () => {
    const before = new Set(clean.findings.map(line));
    const now = new Set(faulty.findings.map(line));
    const added = faulty.findings.filter((f) => !before.has(line(f)));
    const removed = clean.findings.filter((f) => !now.has(line(f)));
    assert.ok(added.length > 0, 'the denied calls changed something');
    for (const f of added) {
      assert.equal(f.status, 'unknown', line(f));
      assert.match(
        f.message,
        /iam:ListAttachedRolePolicies was denied|dynamodb:DescribeContinuousBackups was denied/,
      );
    }
    const replaced = new Set(added.map((f) => `${f.ruleId} ${f.resource.id}`));
    for (const f of removed)
      assert.ok(replaced.has(`${f.ruleId} ${f.resource.id}`), `${line(f)} is only replaced`);
  });

  it('reports the same drift, except that what it could not read is undetermined', () => {
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
