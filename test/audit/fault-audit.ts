/**
 * The shared shape of the fault tests: an account deployed into moto_server and changed by hand, audited once
 * directly and once through the fault-injecting proxy with some operations denied; and the checks every such
 * run must pass (every kind of fault met, only the denied calls not answered, the fault-free findings except
 * `unknown` where a call was denied).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { runAudit } from '../../src/cli/run-audit.js';
import type { Finding } from '../../src/findings/index.js';
import type { Report } from '../../src/report/model.js';
import { startMoto, type Moto } from '../notifier/moto.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { auditTarget } from './moto-account.js';

const NOW = new Date('2026-12-01T00:00:00Z');

export const findingLine = (f: Finding): string =>
  `${f.ruleId} | ${f.resource.id} | ${f.resource.path ?? ''} | ${f.status} | ${f.message}`;

export interface FaultAudit {
  /** The audit straight against moto. */
  readonly clean: Report;
  /** The same audit through the proxy. */
  readonly faulty: Report;
}

/**
 * Registers the suite's before/after hooks and the checks common to every fault run; the returned getter gives
 * the two reports once the hooks ran.
 */
export function auditThroughFaults(options: {
  readonly stack: string;
  /** Deploys the account into moto and makes the hand changes. */
  readonly setUp: (endpoint: string) => Promise<void>;
  /** `service:Operation` names the proxy answers with AccessDenied. */
  readonly denied: readonly string[];
}): () => FaultAudit {
  let moto: Moto;
  let proxy: FaultProxy;
  let reports: FaultAudit | undefined;
  before(async () => {
    moto = await startMoto();
    await options.setUp(moto.endpoint);
    const clean = (await runAudit({ aws: auditTarget(moto.endpoint), stacks: [options.stack], now: NOW }))
      .report;
    proxy = await startFaultProxy({
      target: moto.endpoint,
      deny: options.denied,
      slowMs: 150,
      timeoutMs: 1500,
    });
    const faulty = (
      await runAudit({
        aws: auditTarget(proxy.endpoint, { requestTimeoutMs: 1000, maxAttempts: 6, concurrency: 4 }),
        stacks: [options.stack],
        now: NOW,
      })
    ).report;
    reports = { clean, faulty };
  });
  after(async () => {
    await proxy?.close();
    await moto?.stop();
  });
  const get = () => {
    assert.ok(reports, 'the audits ran');
    return reports;
  };

  it('met every kind of fault', () => {
    const kinds = Object.entries(proxy.injected);
    assert.ok(kinds.length > 0);
    for (const [kind, count] of kinds) assert.ok(count > 0, `${kind} was injected`);
  });

  it('records the denied calls as denied and every other call as answered', () => {
    const { faulty } = get();
    const denied = faulty.audit!.calls.filter((c) => c.outcome === 'denied');
    assert.deepEqual(
      [...new Set(denied.map((c) => `${c.service}:${c.operation}`))].sort(),
      [...options.denied].sort(),
    );
    assert.deepEqual(
      faulty.audit!.calls.filter((c) => c.outcome !== 'ok' && c.outcome !== 'denied'),
      [],
    );
  });

  it('gives the fault-free findings, except unknown where a call was denied', () => {
    const { clean, faulty } = get();
    const before = new Set(clean.findings.map(findingLine));
    const now = new Set(faulty.findings.map(findingLine));
    const added = faulty.findings.filter((f) => !before.has(findingLine(f)));
    const removed = clean.findings.filter((f) => !now.has(findingLine(f)));
    assert.ok(added.length > 0, 'the denied calls changed something');
    const deniedMessage = new RegExp(options.denied.map((d) => `${d} was denied`).join('|'));
    for (const f of added) {
      assert.equal(f.status, 'unknown', findingLine(f));
      assert.match(f.message, deniedMessage, findingLine(f));
    }
    const replaced = new Set(added.map((f) => `${f.ruleId} ${f.resource.id}`));
    for (const f of removed)
      assert.ok(replaced.has(`${f.ruleId} ${f.resource.id}`), `${findingLine(f)} is only replaced`);
  });

  return get;
}
