/**
 * The catalog's invariants: unique well-formed ids, mappings that name real framework requirements, complete
 * documentation fields, and for every control at least one passing and one failing fixture whose expected
 * statuses the check reproduces exactly, a failing result whose message and property path are pinned, and an
 * unknown fixture unless no input of the control can be undetermined.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTROLS } from '../../src/controls/registry.js';
import type { ControlFixture } from '../../src/controls/types.js';
import { FRAMEWORKS, requirementIds } from '../../src/frameworks/index.js';
import { FRAMEWORK_KEYS, type FrameworkKey } from '../../src/findings/index.js';
import { assertFixture, expectedStatus } from './expectations.js';
import { FIXTURES } from './fixtures/index.js';
import { NOT_FAILING_CLOSED, NO_PROPERTY_PATH, NO_UNDETERMINED_INPUT } from './unknown-coverage.js';

function expects(fixture: ControlFixture, status: string): boolean {
  return Object.values(fixture.expect).some((e) => expectedStatus(e) === status);
}

/** Whether a fixture pins the message and the property path (or only the message, where results have no path). */
function pinsMessageAndPath(fixture: ControlFixture, status: string, pathless: boolean): boolean {
  return Object.values(fixture.expect).some(
    (e) =>
      typeof e !== 'string' &&
      e.status === status &&
      e.message !== undefined &&
      (pathless || e.path !== undefined),
  );
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
      for (const fx of f.pass) assert.ok(expects(fx, 'pass'), `${c.id} / ${fx.name}: expects no pass`);
      for (const fx of f.fail) assert.ok(expects(fx, 'fail'), `${c.id} / ${fx.name}: expects no fail`);
      for (const fx of f.unknown ?? [])
        assert.ok(expects(fx, 'unknown'), `${c.id} / ${fx.name}: expects no unknown`);
    }
  });

  it('has an unknown fixture for every control whose input a template can leave undetermined', () => {
    const ids = new Set<string>(CONTROLS.map((c) => c.id));
    const listed = { ...NO_UNDETERMINED_INPUT, ...NOT_FAILING_CLOSED };
    for (const [id, reason] of Object.entries(listed)) {
      assert.ok(ids.has(id), `${id} is listed but is no control`);
      assert.ok(reason.trim().length >= 20, `${id}: give the reason`);
    }
    for (const id of Object.keys(NO_UNDETERMINED_INPUT))
      assert.ok(!(id in NOT_FAILING_CLOSED), `${id} is both exempt and a known gap`);
    const covered = CONTROLS.filter((c) => (FIXTURES[c.id]?.unknown ?? []).length > 0);
    for (const c of CONTROLS) {
      const hasUnknown = covered.includes(c);
      if (c.id in listed)
        assert.ok(!hasUnknown, `${c.id} has an unknown fixture: remove it from the exempt or known-gap list`);
      else assert.ok(hasUnknown, `${c.id}: no unknown fixture, and not listed as exempt (with its reason)`);
    }
    assert.equal(
      covered.length + Object.keys(listed).length,
      CONTROLS.length,
      'every control is covered or listed exactly once',
    );
  });

  it('pins the message and the property path of a failing result for every control', () => {
    for (const c of CONTROLS) {
      const f = FIXTURES[c.id];
      assert.ok(f && f.fail.length > 0, `${c.id}: no failing fixture`);
      const pathless = c.id in NO_PROPERTY_PATH;
      assert.ok(
        f.fail.some((fx) => pinsMessageAndPath(fx, 'fail', pathless)),
        `${c.id}: no failing fixture asserts the message${pathless ? '' : ' and the property path'}`,
      );
      for (const fx of f.unknown ?? [])
        assert.ok(
          pinsMessageAndPath(fx, 'unknown', pathless),
          `${c.id} / ${fx.name}: assert the message${pathless ? '' : ' and the property path'} of the unknown result`,
        );
    }
  });

  for (const c of CONTROLS) {
    const f = FIXTURES[c.id];
    if (!f) continue;
    describe(c.id, () => {
      for (const fixture of [...f.pass, ...f.fail, ...(f.unknown ?? [])])
        it(fixture.name, () => assertFixture(c, fixture));
    });
  }
});
