/**
 * The combinations a user would pick pass their own proof with nothing unknown: every exposure with every
 * preset in a region with and without CloudFront's own region, the site-to-site VPN and the mesh spread over
 * them (blueprints.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { combinations } from './blueprints.js';
import { assertProofHolds } from './expect-pass.js';
import { synthAndVerifyInput } from './synth-verify.js';
import { assertTemplatesFit } from './template-size.js';

describe('matrix: exposure × preset × region × VPN × mesh', () => {
  const all = combinations();

  it('covers every exposure, preset and region, with and without the VPN and the mesh', () => {
    assert.equal(all.length, 16);
    const parts = all.map((c) => c.name.split(', '));
    for (const position of [0, 1, 2, 3, 4]) assert.ok(new Set(parts.map((p) => p[position])).size >= 2);
    for (const exposure of ['private', 'alb', 'alb-internal', 'cloudfront'])
      for (const other of [
        'production',
        'development',
        'us-east-1',
        'eu-west-1',
        'site-to-site VPN',
        'no VPN',
      ])
        assert.ok(
          parts.some((p) => p[0] === exposure && p.includes(other)),
          `${exposure} with ${other}`,
        );
  });

  for (const { name, input } of all)
    it(`passes its own proof with ${name}, in templates CloudFormation accepts`, async (t) => {
      const outcome = await synthAndVerifyInput(input, 'matrix.yaml');
      assertProofHolds(outcome);
      for (const line of assertTemplatesFit(outcome.templates, name)) t.diagnostic(line);
    });
});
