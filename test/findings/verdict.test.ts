/** The verdict is decided once from the findings and the --fail-on threshold; flows only add information. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failsRun, verdictOf, type Finding, type FlowResult } from '../../src/findings/index.js';

function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'VF-DATA-017',
    title: 'Queues are encrypted',
    severity: 'low',
    status: 'fail',
    resource: { type: 'AWS::SQS::Queue', id: 'app/Queue' },
    message: 'no KmsMasterKeyId',
    frameworks: {},
    ...overrides,
  };
}

const lowFailure = finding({});
const highFailure = finding({ ruleId: 'VF-EKS-001', severity: 'high' });
const acknowledgedCritical = finding({
  severity: 'critical',
  acknowledged: { reason: 'reviewed in change 42' },
});
const unknownHigh = finding({ severity: 'high', status: 'unknown' });
const passing = finding({ status: 'pass' });
const mismatch: FlowResult = {
  from: 'internet',
  to: 'weaviate',
  port: 8080,
  protocol: 'tcp',
  expected: 'denied',
  verdict: 'allowed',
};
const asIntended: FlowResult = { ...mismatch, verdict: 'denied' };

describe('verdictOf', () => {
  it('passes at --fail-on high when only low findings fail, and counts them below the threshold', () => {
    assert.deepEqual(verdictOf([lowFailure, passing], [], { failOn: 'high' }), {
      status: 'pass',
      failOn: 'high',
      failing: 0,
      belowThreshold: 1,
      acknowledged: 0,
      unknown: 0,
      allowUnknown: false,
      flowsNotAsIntended: 0,
    });
  });

  it('fails at --fail-on low on the same findings', () => {
    const verdict = verdictOf([lowFailure, passing], [], { failOn: 'low' });
    assert.equal(verdict.status, 'fail');
    assert.equal(verdict.failing, 1);
    assert.equal(verdict.belowThreshold, 0);
  });

  it('fails on any unacknowledged failure when no threshold is given', () => {
    assert.equal(verdictOf([lowFailure], []).failOn, 'info');
    assert.equal(verdictOf([lowFailure], []).status, 'fail');
  });

  it('never fails on an acknowledged failure, and counts it apart', () => {
    const verdict = verdictOf([acknowledgedCritical], [], { failOn: 'info' });
    assert.equal(verdict.status, 'pass');
    assert.equal(verdict.acknowledged, 1);
    assert.equal(verdict.failing, 0);
  });

  it('fails rather than stays incomplete when a failure and an unknown meet', () => {
    const verdict = verdictOf([unknownHigh, highFailure], [], { failOn: 'high' });
    assert.equal(verdict.unknown, 1);
    assert.equal(verdict.failing, 1);
    assert.equal(verdict.status, 'fail');
  });

  it('is incomplete, not pass, when nothing fails but a result is unknown', () => {
    const verdict = verdictOf([unknownHigh, passing], [], { failOn: 'info' });
    assert.equal(verdict.status, 'incomplete');
    assert.equal(verdict.unknown, 1);
    assert.equal(verdict.allowUnknown, false);
  });

  it('passes on an acknowledged unknown, counting it as acknowledged, and stays incomplete on another', () => {
    const reviewed = finding({
      severity: 'high',
      status: 'unknown',
      acknowledged: { reason: 'the organisation trail covers the account' },
    });
    const verdict = verdictOf([reviewed, passing], [], { failOn: 'info' });
    assert.equal(verdict.status, 'pass');
    assert.equal(verdict.unknown, 0);
    assert.equal(verdict.acknowledged, 1);
    assert.equal(verdictOf([reviewed, unknownHigh], [], {}).status, 'incomplete');
    assert.equal(verdictOf([reviewed, lowFailure], [], {}).status, 'fail');
  });

  it('is incomplete on an unknown of any severity, whatever the threshold', () => {
    const unknownLow = finding({ severity: 'low', status: 'unknown' });
    assert.equal(verdictOf([unknownLow], [], { failOn: 'critical' }).status, 'incomplete');
  });

  it('passes with the unknowns still counted when unknowns are allowed', () => {
    const verdict = verdictOf([unknownHigh, passing], [], { allowUnknown: true });
    assert.equal(verdict.status, 'pass');
    assert.equal(verdict.unknown, 1);
    assert.equal(verdict.allowUnknown, true);
  });

  it('still fails on a failure when unknowns are allowed', () => {
    assert.equal(verdictOf([unknownHigh, highFailure], [], { allowUnknown: true }).status, 'fail');
  });

  it('counts flows not as intended; their findings decide', () => {
    const verdict = verdictOf([], [mismatch, asIntended], { failOn: 'info' });
    assert.equal(verdict.flowsNotAsIntended, 1);
    assert.equal(verdict.status, 'pass');
  });
});

describe('failsRun', () => {
  it('holds for an unacknowledged failure at or above the threshold only', () => {
    assert.equal(failsRun(highFailure, 'high'), true);
    assert.equal(failsRun(highFailure, 'critical'), false);
    assert.equal(failsRun(lowFailure, 'medium'), false);
    assert.equal(failsRun(acknowledgedCritical, 'info'), false);
    assert.equal(failsRun(unknownHigh, 'info'), false);
    assert.equal(failsRun(passing, 'info'), false);
  });
});
