/**
 * Every blueprint option alone, on the default blueprint, passes its own proof with nothing unknown; the
 * weakenings listed in OPEN_DEFECTS run as `todo` until they do.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OPEN_DEFECTS, OPTIONS_ALONE } from './blueprints.js';
import { assertProofHolds } from './expect-pass.js';
import { synthAndVerifyInput } from './synth-verify.js';

describe('matrix: each option alone', () => {
  const options = Object.entries(OPTIONS_ALONE);

  it('has options to check', () => {
    assert.ok(options.length >= 10, String(options.length));
  });

  for (const [name, input] of options) {
    const defect = OPEN_DEFECTS[name];
    it(`passes its own proof with ${name}`, defect ? { todo: defect } : {}, async () => {
      assertProofHolds(await synthAndVerifyInput(input, `${name}.yaml`));
    });
  }
});
