import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proofControls } from '../../../src/controls/reach/proofs/index.js';
import { inventoryFromObjects } from '../../../src/inventory/index.js';
import { proofFixtures } from '../../controls/fixtures/reach/proofs/index.js';

describe('reachability proof controls', () => {
  for (const control of proofControls) {
    const fixtures = proofFixtures[control.id];
    it(`${control.id} has passing and failing fixtures`, () => {
      assert.ok(fixtures && fixtures.pass.length > 0 && fixtures.fail.length > 0);
    });
    for (const fixture of [...(fixtures?.pass ?? []), ...(fixtures?.fail ?? [])])
      it(`${control.id}: ${fixture.name}`, () => {
        const inventory = inventoryFromObjects({
          templates: fixture.templates,
          manifests: fixture.manifests,
        });
        const results = control.check(inventory, { flowSpec: fixture.flowSpec, now: new Date('2026-11-22') });
        for (const [id, status] of Object.entries(fixture.expect)) {
          const hit = results.find((r) => r.resource.id === id);
          assert.ok(hit, `no result for ${id}; got ${results.map((r) => r.resource.id).join(', ')}`);
          assert.equal(hit.status, status, hit.message);
        }
      });
  }
});
