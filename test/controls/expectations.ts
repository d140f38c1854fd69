/**
 * Runs a control over a fixture and asserts every expectation: the resource's status (the worst of its results,
 * as reports show it) and, when given, that one of the results with that status carries the expected message and
 * property path.
 */
import assert from 'node:assert/strict';
import type { Control, ControlFixture, ControlResult, FixtureExpectation } from '../../src/controls/types.js';
import type { Status } from '../../src/findings/index.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';

export const FIXTURE_NOW = new Date('2026-11-22T00:00:00Z');

const SEVERITY_ORDER = ['fail', 'unknown', 'pass', 'not-applicable'] as const;

export function expectedStatus(expectation: FixtureExpectation): Status {
  return typeof expectation === 'string' ? expectation : expectation.status;
}

function matches(actual: string | undefined, expected: string | RegExp, exact: boolean): boolean {
  if (actual === undefined) return false;
  if (expected instanceof RegExp) return expected.test(actual);
  return exact ? actual === expected : actual.includes(expected);
}

function describeResult(r: ControlResult): string {
  return `${r.status} at ${r.resource.path ?? '(no path)'}: ${r.message}`;
}

export function runFixture(control: Control, fixture: ControlFixture): readonly ControlResult[] {
  const inventory = inventoryFromObjects({
    templates: fixture.templates,
    manifests: fixture.manifests,
    ...(fixture.environments ? { environments: fixture.environments } : {}),
  });
  return control.check(inventory, { flowSpec: fixture.flowSpec, now: FIXTURE_NOW });
}

export function assertFixture(control: Control, fixture: ControlFixture): void {
  const results = runFixture(control, fixture);
  const label = `${control.id} / ${fixture.name}`;
  const expectations = Object.entries(fixture.expect);
  assert.ok(expectations.length > 0, `${label}: expects nothing`);
  for (const [resource, expectation] of expectations) {
    const matching = results.filter((r) => r.resource.id === resource);
    assert.ok(
      matching.length > 0,
      `${label}: no result for ${resource} (results: ${results.map((r) => r.resource.id).join(', ') || 'none'})`,
    );
    // A resource may yield several results (one per container, per rule); the worst one is its status.
    const statuses = new Set(matching.map((r) => r.status));
    const worst = SEVERITY_ORDER.find((s) => statuses.has(s));
    const status = expectedStatus(expectation);
    assert.equal(worst, status, `${label}: ${resource}: ${matching.map(describeResult).join('; ')}`);
    if (typeof expectation === 'string') continue;
    const deciding = matching.filter((r) => r.status === status);
    const { message, path } = expectation;
    const found = deciding.some(
      (r) =>
        (message === undefined || matches(r.message, message, false)) &&
        (path === undefined || matches(r.resource.path, path, true)),
    );
    assert.ok(
      found,
      `${label}: ${resource}: no ${status} result with message ${String(message ?? '(any)')} at ${String(path ?? '(any path)')}; got ${deciding.map(describeResult).join('; ')}`,
    );
  }
}
