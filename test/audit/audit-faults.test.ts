/**
 * The audit through a fault-injecting proxy in front of moto_server (throttling, 500s, dropped connections,
 * slow answers, answers beyond the timeout, and two operations denied): the report must be the fault-free
 * report, except that what the denied calls would have shown is `unknown`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runAudit } from '../../src/cli/run-audit.js';
import type { Finding } from '../../src/findings/index.js';
import type { Report } from '../../src/report/model.js';
import { startMoto, type Moto } from '../notifier/moto.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { makeHandChanges } from './hand-changes.js';
import { auditTarget, deployAccount, STACK } from './moto-account.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const DENIED = ['kms:GetKeyRotationStatus', 's3:GetBucketPolicy'];

const line = (f: Finding) =>
  `${f.ruleId} | ${f.resource.id} | ${f.resource.path ?? ''} | ${f.status} | ${f.message}`;

describe('vectorfort audit through faults', () => {
  let moto: Moto;
  let proxy: FaultProxy;
  let clean: Report;
  let faulty: Report;

  before(async () => {
    moto = await startMoto();
    await deployAccount(moto.endpoint);
    await makeHandChanges(moto.endpoint);
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
    assert.deepEqual([...new Set(denied.map((c) => `${c.service}:${c.operation}`))].sort(), [
      'kms:GetKeyRotationStatus',
      's3:GetBucketPolicy',
    ]);
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
      assert.match(f.message, /kms:GetKeyRotationStatus was denied|s3:GetBucketPolicy was denied/, line(f));
    }
    const replaced = new Set(added.map((f) => `${f.ruleId} ${f.resource.id}`));
    for (const f of removed)
      assert.ok(replaced.has(`${f.ruleId} ${f.resource.id}`), `${line(f)} is only replaced`);
    assert.deepEqual(added.map((f) => `${f.ruleId} ${f.resource.id}`).sort(), [
      'VF-DATA-003 app/Bucket',
      'VF-DATA-008 app/Key',
      'VF-DATA-014 app/Bucket',
      'drift-property app/Key',
    ]);
  });

  it('proves the same flows', () => {
    assert.deepEqual(faulty.flows, clean.flows);
  });

  it('reports the same drift, except that the rotation it could not read is undetermined', () => {
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
