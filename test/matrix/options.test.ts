/**
 * Every blueprint option alone, on the default blueprint, passes its own proof with nothing unknown that is
 * not acknowledged (weakenings.test.ts checks what each weakening acknowledges, and why).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OPTIONS_ALONE } from './blueprints.js';
import { assertProofHolds } from './expect-pass.js';
import { synthAndVerifyInput } from './synth-verify.js';

describe('matrix: each option alone', () => {
  const options = Object.entries(OPTIONS_ALONE);

  it('has options to check', () => {
    assert.ok(options.length >= 10, String(options.length));
  });

  for (const [name, input] of options)
    it(`passes its own proof with ${name}`, async () => {
      assertProofHolds(await synthAndVerifyInput(input, `${name}.yaml`));
    });
});
