/**
 * Acknowledgements judged at an injected time: active, expiring within 30 days, lapsed at the exact boundary
 * (the finding fails again and names the lapsed acknowledgement), stale when the control passes or names no
 * control that ran; and the production rule that every acknowledgement carries an expiry.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACKNOWLEDGEMENT_EXPIRY_RULE,
  missingExpiryFindings,
} from '../../src/controls/acknowledgement-findings.js';
import { evaluateControlsWithAcknowledgements } from '../../src/controls/evaluate.js';
import type { Control } from '../../src/controls/types.js';
import { verdictOf } from '../../src/findings/index.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';

const REASON = 'reviewed: the sidecar needs the capability';

function control(id: Control['id'], check: Control['check']): Control {
  return {
    id,
    area: 'k8s',
    title: 'A test control',
    severity: 'high',
    rationale: 'Because tests need one.',
    remediation: 'Change the thing under test.',
    references: ['https://example.org'],
    frameworks: {},
    appliesTo: ['Pod'],
    since: '0.1.0',
    check,
  };
}

const pod = (name: string, acknowledge: unknown) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'apps',
    annotations: { 'vectorfort.dev/acknowledge': JSON.stringify(acknowledge) },
  },
  spec: { containers: [{ name: 'c', image: 'x:1' }] },
});

/** Fails every pod whose name starts with `bad`, passes the others. */
const failBad: Control['check'] = (inv) =>
  inv.k8s.map((o) => ({
    status: o.name.startsWith('bad') ? ('fail' as const) : ('pass' as const),
    resource: { type: 'v1/Pod', id: `${o.namespace}/${o.name}`, file: o.location.file },
    message: o.name.startsWith('bad') ? 'bad' : 'good',
  }));

const inventory = inventoryFromObjects({
  manifests: [
    pod('bad-dated', { 'VF-K8S-901': { reason: REASON, owner: 'apps team', expires: '2027-03-31' } }),
    pod('bad-undated', { 'VF-K8S-901': REASON }),
    pod('good-acked', { 'VF-K8S-901': { reason: REASON, expires: '2028-01-01' } }),
    pod('bad-retired', { 'VF-K8S-901': REASON, 'VF-K8S-999': { reason: REASON, expires: '2028-01-01' } }),
  ],
});

function at(iso: string) {
  return evaluateControlsWithAcknowledgements(inventory, [control('VF-K8S-901', failBad)], {
    now: new Date(iso),
  });
}

function recordOf(run: ReturnType<typeof at>, pod: string, ruleId = 'VF-K8S-901') {
  const found = run.acknowledgements.find((r) => r.ruleId === ruleId && r.resources[0]!.id === `apps/${pod}`);
  assert.ok(found, `an acknowledgement of ${ruleId} on ${pod}`);
  return found;
}

function findingOf(run: ReturnType<typeof at>, pod: string) {
  const found = run.findings.find((f) => f.resource.id === `apps/${pod}`);
  assert.ok(found, `a finding on ${pod}`);
  return found;
}

describe('acknowledgement status at an injected time', () => {
  it('is active more than 30 days before it lapses', () => {
    const run = at('2027-03-01T23:59:59.999Z');
    assert.equal(recordOf(run, 'bad-dated').status, 'active');
    assert.deepEqual(findingOf(run, 'bad-dated').acknowledged, {
      reason: REASON,
      owner: 'apps team',
      expires: '2027-03-31',
    });
  });

  it('is expiring from 30 days before it lapses, and still excuses the finding', () => {
    const run = at('2027-03-02T00:00:00.000Z');
    assert.equal(recordOf(run, 'bad-dated').status, 'expiring');
    assert.ok(findingOf(run, 'bad-dated').acknowledged);
  });

  it('still holds in the last millisecond of the expiry date', () => {
    const run = at('2027-03-31T23:59:59.999Z');
    assert.equal(recordOf(run, 'bad-dated').status, 'expiring');
    assert.equal(findingOf(run, 'bad-dated').lapsedAcknowledgement, undefined);
  });

  it('lapses at the next midnight, UTC: the finding fails the run again and names the lapsed acknowledgement', () => {
    const run = at('2027-04-01T00:00:00.000Z');
    const record = recordOf(run, 'bad-dated');
    assert.equal(record.status, 'lapsed');
    assert.equal(record.findings, 1);
    const finding = findingOf(run, 'bad-dated');
    assert.equal(finding.status, 'fail');
    assert.equal(finding.acknowledged, undefined);
    assert.deepEqual(finding.lapsedAcknowledgement, {
      reason: REASON,
      owner: 'apps team',
      expires: '2027-03-31',
    });
    const verdict = verdictOf(
      run.findings.filter((f) => f.resource.id === 'apps/bad-dated'),
      [],
    );
    assert.equal(verdict.status, 'fail');
    assert.equal(verdict.failing, 1);
  });

  it('never lapses without an expiry', () => {
    const run = at('2099-01-01T00:00:00Z');
    assert.equal(recordOf(run, 'bad-undated').status, 'active');
    assert.ok(findingOf(run, 'bad-undated').acknowledged);
  });

  it('is stale when the control passes on the resource, whatever its expiry', () => {
    const record = recordOf(at('2027-01-01T00:00:00Z'), 'good-acked');
    assert.equal(record.status, 'stale');
    assert.equal(record.findings, 0);
    assert.match(record.staleReason!, /VF-K8S-901 has no failing finding on this resource/);
  });

  it('is stale when it names a control that was not evaluated', () => {
    const record = recordOf(at('2027-01-01T00:00:00Z'), 'bad-retired', 'VF-K8S-999');
    assert.equal(record.status, 'stale');
    assert.match(record.staleReason!, /no control VF-K8S-999 was evaluated/);
  });
});

describe('acknowledgements without an expiry', () => {
  it('become low-severity failing findings where an expiry is required, one per acknowledgement', () => {
    const run = at('2027-01-01T00:00:00Z');
    const findings = missingExpiryFindings(run.acknowledgements);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.status, f.resource.id]).sort(), [
      [ACKNOWLEDGEMENT_EXPIRY_RULE, 'low', 'fail', 'apps/bad-retired'],
      [ACKNOWLEDGEMENT_EXPIRY_RULE, 'low', 'fail', 'apps/bad-undated'],
    ]);
    assert.match(findings[0]!.message, /the acknowledgement of VF-K8S-901 has no expiry/);
  });
});
