/**
 * docs/presets.md is generated from the presets as synthesized and priced (`npm run docs`): it must match what
 * the code produces now, and its figures must account for every resource of each estimate.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { presetCosts } from '../../src/cli/preset-costs.js';
import { costByKind, PRESETS_DOC, presetsMarkdown, type PresetCost } from '../../src/docs/presets-table.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('docs/presets.md', () => {
  let costs: PresetCost[];
  before(async () => {
    costs = await presetCosts();
  });

  it('is what `npm run docs` writes now', () => {
    assert.equal(
      readFileSync(join(root, PRESETS_DOC), 'utf8'),
      presetsMarkdown(costs),
      'docs/presets.md is stale: run `npm run docs`',
    );
  });

  it('compares production, staging, development and the enclave, production first', () => {
    assert.deepEqual(costs.map((c) => c.preset).slice(0, 3), ['production', 'staging', 'development']);
  });

  it('groups every priced resource under a kind, so the kinds add up to the total', () => {
    assert.ok(costs.length >= 3);
    for (const { preset, estimate } of costs) {
      const kinds = [...costByKind(estimate).values()];
      const sum = kinds.reduce((a, k) => a + k.monthly, 0);
      assert.ok(
        Math.abs(sum - estimate.total.monthly) < 0.011,
        `${preset}: ${sum} vs ${estimate.total.monthly}`,
      );
      assert.equal(
        kinds.reduce((a, k) => a + k.unpriced, 0),
        estimate.total.unpriced.length,
        `${preset}: every unpriced resource is counted`,
      );
    }
  });

  it('shows the differences the presets make, read from the resolved blueprints', () => {
    const doc = presetsMarkdown(costs);
    assert.match(doc, /^\| NAT gateways \(one per zone survives a zone\) \| 3 \| 3 \| 1 \| 0 \|$/m);
    assert.match(doc, /^\| Client VPN for administrators \(mutual TLS\) \| on \| on \| off \| off \|$/m);
    assert.match(doc, /^\| Backups replicated to \| us-west-2 \| us-west-2 \| us-west-2 \| us-west-2 \|$/m);
    assert.match(
      doc,
      /^\| NAT gateways and their addresses \| \$[\d.,]+ \| \$[\d.,]+ \| \$[\d.,]+ \| – \|$/m,
    );
  });
});
