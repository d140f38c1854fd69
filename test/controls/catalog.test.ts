/**
 * The catalog's invariants: unique well-formed ids, mappings that name real framework requirements, complete
 * documentation fields, and for every control at least one passing and one failing fixture whose expected
 * statuses the check reproduces exactly.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTROLS } from '../../src/controls/registry.js';
import type { ControlFixture } from '../../src/controls/types.js';
import { FRAMEWORKS, requirementIds } from '../../src/frameworks/index.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';
import { FRAMEWORK_KEYS, type FrameworkKey } from '../../src/findings/index.js';
import { FIXTURES } from './fixtures/index.js';

const NOW = new Date('2026-11-22T00:00:00Z');

function runFixture(controlId: string, fixture: ControlFixture) {
  const control = CONTROLS.find((c) => c.id === controlId)!;
  const inventory = inventoryFromObjects({ templates: fixture.templates, manifests: fixture.manifests });
  const results = control.check(inventory, { flowSpec: fixture.flowSpec, now: NOW });
  for (const [resource, expected] of Object.entries(fixture.expect)) {
    const matching = results.filter((r) => r.resource.id === resource);
    assert.ok(
      matching.length > 0,
      `${controlId} / ${fixture.name}: no result for ${resource} (results: ${results.map((r) => r.resource.id).join(', ') || 'none'})`,
    );
    const statuses = [...new Set(matching.map((r) => r.status))];
    // A resource may yield several results (one per container, per rule); the worst one is its status.
    const worst = (['fail', 'unknown', 'pass', 'not-applicable'] as const).find((s) => statuses.includes(s));
    assert.equal(
      worst,
      expected,
      `${controlId} / ${fixture.name}: ${resource}: ${matching.map((r) => `${r.status}: ${r.message}`).join('; ')}`,
    );
  }
}

describe('controls catalog', () => {
  it('has unique, well-formed ids in their own area', () => {
    const seen = new Set<string>();
    for (const c of CONTROLS) {
      assert.match(c.id, /^VF-[A-Z][A-Z0-9]*-\d{3}$/);
      assert.ok(!seen.has(c.id), `duplicate id ${c.id}`);
      seen.add(c.id);
      assert.equal(c.id.split('-')[1], c.area.toUpperCase(), `${c.id} is in area ${c.area}`);
    }
  });

  it('documents every control', () => {
    for (const c of CONTROLS) {
      for (const field of ['title', 'rationale', 'remediation'] as const)
        assert.ok(c[field].trim().length >= 10, `${c.id}: ${field} is too short`);
      assert.ok(c.references.length > 0, `${c.id}: no references`);
      assert.ok(c.appliesTo.length > 0, `${c.id}: appliesTo is empty`);
      assert.ok(Object.keys(c.frameworks).length > 0, `${c.id}: maps to no framework`);
    }
  });

  it('maps only to requirements that exist in the framework catalogs', () => {
    for (const c of CONTROLS) {
      for (const [key, values] of Object.entries(c.frameworks)) {
        assert.ok(FRAMEWORK_KEYS.includes(key as FrameworkKey), `${c.id}: unknown framework ${key}`);
        const known = new Set(FRAMEWORKS[key as FrameworkKey].requirements.map((r) => r.id));
        for (const id of requirementIds(key as FrameworkKey, values ?? []))
          assert.ok(known.has(id), `${c.id}: ${key} has no requirement ${id}`);
      }
    }
  });

  it('has a fixture set for every control, and none for a control that does not exist', () => {
    const ids = new Set<string>(CONTROLS.map((c) => c.id));
    for (const id of Object.keys(FIXTURES)) assert.ok(ids.has(id), `fixtures for unknown control ${id}`);
    for (const c of CONTROLS) {
      const f = FIXTURES[c.id];
      assert.ok(f, `${c.id}: no fixtures`);
      assert.ok(f.pass.length > 0, `${c.id}: no passing fixture`);
      assert.ok(f.fail.length > 0, `${c.id}: no failing fixture`);
      for (const fx of f.pass)
        assert.ok(Object.values(fx.expect).includes('pass'), `${c.id} / ${fx.name}: expects no pass`);
      for (const fx of f.fail)
        assert.ok(Object.values(fx.expect).includes('fail'), `${c.id} / ${fx.name}: expects no fail`);
    }
  });

  for (const c of CONTROLS) {
    const f = FIXTURES[c.id];
    if (!f) continue;
    describe(c.id, () => {
      for (const fixture of [...f.pass, ...f.fail]) it(fixture.name, () => runFixture(c.id, fixture));
    });
  }
});
