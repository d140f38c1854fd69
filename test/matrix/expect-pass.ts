/** The assertion every matrix entry makes: its own proof holds, with nothing left unknown. */
import assert from 'node:assert/strict';
import { EXISTING_VPC_TIERS, existingSubnetsOf } from '../../src/blueprint/index.js';
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

/**
 * The same for a blueprint in an existing VPC whose owner's network is acknowledged as unseen: the flows that
 * depend on the listed subnets stay `unknown` (never taken as closed), each naming one of those subnets, and
 * nothing else differs from the intent, fails or is left unknown without the acknowledgement.
 */
export function assertProofHoldsWithUnseenNetwork(outcome: SynthVerifyOutcome): void {
  const vpc = outcome.blueprint.network.existingVpc;
  assert.ok(vpc?.acknowledgement, 'an existing VPC whose unseen network is acknowledged');
  const listed = EXISTING_VPC_TIERS.flatMap((t) => existingSubnetsOf(vpc, t).map((s) => s.id));
  const undetermined = outcome.mismatched.filter((f) => f.verdict === 'unknown');
  assert.ok(undetermined.length > 0, 'the flows through the unseen network are unknown');
  for (const f of undetermined)
    assert.ok(
      listed.some((id) => (f.reason ?? '').includes(`subnet "${id}" is not in the input`)),
      `${f.from}->${f.to}:${f.port}: ${f.reason ?? ''}`,
    );
  assert.ok(
    outcome.flows.some((f) => f.expected === 'allowed'),
    'the proof checked intended flows',
  );
  assert.deepEqual(
    problemsOf({ ...outcome, mismatched: outcome.mismatched.filter((f) => f.verdict !== 'unknown') }),
    [],
  );
  assert.equal(outcome.unknown.length, 0);
  assert.equal(outcome.verdict, 'pass');
}
