/**
 * Our own examples pass our own proof: the default blueprint and every file under examples/ synthesize and
 * verify with the CLI's verdict `pass` (exit 0) and nothing unknown, except, in an existing VPC, the flows through
 * the owner's network the example acknowledges as unseen. One synth and one verify per blueprint.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { environmentsOf, loadBlueprint } from '../../src/blueprint/index.js';
import { assertProofHolds, assertProofHoldsWithUnseenNetwork } from './expect-pass.js';
import { synthAndVerify } from './synth-verify.js';
import { assertTemplatesFit } from './template-size.js';

const examplesDir = fileURLToPath(new URL('../../examples', import.meta.url));
const examples = readdirSync(examplesDir)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

describe('matrix: the default blueprint and every example', () => {
  it('has examples to check', () => {
    assert.ok(examples.length >= 4, examples.join(', '));
  });

  it('passes its own proof with the default blueprint, in templates CloudFormation accepts', async (t) => {
    const outcome = await synthAndVerify(loadBlueprint().blueprint);
    assertProofHolds(outcome);
    for (const line of assertTemplatesFit(outcome.templates, 'default blueprint')) t.diagnostic(line);
  });

  for (const example of examples)
    it(`passes its own proof with examples/${example}, in templates CloudFormation accepts`, async (t) => {
      const { blueprint, placeholders } = loadBlueprint(join(examplesDir, example));
      assert.ok(!placeholders.includes('network.s3Cidrs'));
      // A blueprint with environments deploys each of them, never the shared settings alone.
      const environments = environmentsOf(blueprint);
      for (const bp of environments ? environments.map((e) => e.blueprint) : [blueprint]) {
        const outcome = await synthAndVerify(bp);
        // In an existing VPC the owner's routes and ACLs are not in the input: those flows stay unknown.
        if (bp.network.existingVpc) assertProofHoldsWithUnseenNetwork(outcome);
        else assertProofHolds(outcome);
        for (const line of assertTemplatesFit(outcome.templates, `examples/${example}`)) t.diagnostic(line);
      }
    });
});
