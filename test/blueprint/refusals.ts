/**
 * What the blueprint loader refuses, as its messages (`file:line:column: path: expected …`): the one way every
 * blueprint test reads a rejection, asserting that the error is the typed input error and never anything else.
 */
import assert from 'node:assert/strict';
import { parseBlueprint, validateBlueprint } from '../../src/blueprint/index.js';
import { InputError, InputErrors } from '../../src/errors.js';

/** The messages of every error `load` throws; [] when it loads. */
export function refusalsIfAny(load: () => unknown): string[] {
  try {
    load();
    return [];
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    return (error instanceof InputErrors ? error.errors : [error]).map((e) => e.describe());
  }
}

/** The messages of a blueprint text that must be refused. */
export function errorsOf(text: string, file = 'bp.yaml'): string[] {
  const errors = refusalsIfAny(() => parseBlueprint(text, file));
  assert.ok(errors.length > 0, 'expected the blueprint to be rejected');
  return errors;
}

/** The messages of an already-parsed blueprint that must be refused. */
export function inputErrorsOf(input: unknown): string[] {
  const errors = refusalsIfAny(() => validateBlueprint(input, 'bp.yaml'));
  assert.ok(errors.length > 0, 'expected the blueprint to be refused');
  return errors;
}
