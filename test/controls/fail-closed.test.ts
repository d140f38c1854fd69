/**
 * Fail closed, as a property: no failing fixture turns into a pass when one value of its input becomes
 * undetermined. Every property of every template resource (recursively) and every manifest field is replaced in
 * turn; the resource must still fail or become unknown. Known gaps are listed with their reason in
 * fail-closed-allowlist.ts, and the list can only shrink: an entry that no longer turns into a pass fails the test.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONTROLS } from '../../src/controls/registry.js';
import { failClosedCases, passedResources } from './fail-closed-cases.js';
import { KNOWN_PASSES_ON_UNDETERMINED } from './fail-closed-allowlist.js';
import { FIXTURES } from './fixtures/index.js';

/** About 12,000 cases at the time of writing; fewer would mean fixtures or enumeration went missing. */
const MINIMUM_CASES = 10_000;

describe('controls fail closed on undetermined input', () => {
  const cases = failClosedCases(CONTROLS, (control) => FIXTURES[control.id]?.fail ?? []);
  const passes = cases.flatMap((c) => passedResources(c).map((resource) => `${c.key} | ${resource}`));

  it('covers nearly every control', () => {
    assert.ok(cases.length >= MINIMUM_CASES, `only ${cases.length} cases`);
    // A control escapes only when its failing fixtures hold no value at all (a bucket without properties).
    const covered = new Set(cases.map((c) => c.control.id));
    assert.ok(
      covered.size >= CONTROLS.length - 3,
      `only ${covered.size} of ${CONTROLS.length} controls covered`,
    );
  });

  it('never turns a failing resource into a pass', () => {
    const unexpected = passes.filter((key) => !(key in KNOWN_PASSES_ON_UNDETERMINED));
    assert.deepEqual(unexpected, [], `${unexpected.length} new passes on undetermined input`);
  });

  it('lists only known gaps that still pass', () => {
    const current = new Set(passes);
    const fixed = Object.keys(KNOWN_PASSES_ON_UNDETERMINED).filter((key) => !current.has(key));
    assert.deepEqual(fixed, [], 'remove these entries: they no longer pass');
  });
});
