import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proofControls } from '../../../src/controls/reach/proofs/index.js';
import { assertFixture } from '../../controls/expectations.js';
import { proofFixtures } from '../../controls/fixtures/reach/proofs/index.js';

describe('reachability proof controls', () => {
  for (const control of proofControls) {
    const fixtures = proofFixtures[control.id];
    it(`${control.id} has passing and failing fixtures`, () => {
      assert.ok(fixtures && fixtures.pass.length > 0 && fixtures.fail.length > 0);
    });
    for (const fixture of [
      ...(fixtures?.pass ?? []),
      ...(fixtures?.fail ?? []),
      ...(fixtures?.unknown ?? []),
    ])
      it(`${control.id}: ${fixture.name}`, () => assertFixture(control, fixture));
  }
});
