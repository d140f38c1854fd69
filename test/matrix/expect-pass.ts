/** The assertion every matrix entry makes: its own proof holds, with nothing left unknown. */
import assert from 'node:assert/strict';
import { problemsOf, type SynthVerifyOutcome } from './synth-verify.js';

export function assertProofHolds(outcome: SynthVerifyOutcome): void {
  // A run that checked no flow would pass vacuously.
  assert.ok(outcome.flows.length > 0, 'the reachability proof checked flows');
  assert.ok(
    outcome.flows.some((f) => f.expected === 'allowed'),
    'the proof checked intended flows',
  );
  assert.deepEqual(problemsOf(outcome), []);
  assert.equal(outcome.unknown.length, 0);
  assert.equal(outcome.verdict, 'pass');
}
