/**
 * The flow spec a synthesized stack carries in its template Metadata, read while the inventory is built so the
 * controls and the prover get it from the inventory. Templates of other tools carry none: verify then runs
 * without intended flows (reachability reports exposure only).
 */
import { METADATA_FLOW_SPEC } from '../contract/keys.js';
import { InputError } from '../errors.js';
import { parseFlowSpec } from '../flows/parse.js';
import type { FlowSpec } from '../flows/types.js';
import type { StackInput } from './cloudformation/stack-context.js';
import { isPlainObject, type SymbolicValue } from './values.js';

export interface StackMetadata {
  readonly stack: StackInput;
  /** The template's `Metadata` section, resolved. */
  readonly metadata: SymbolicValue;
}

/**
 * The one flow spec of the input, checked; undefined when no stack carries one. Throws an InputError naming the
 * file and path for a malformed spec, and for stacks carrying specs of different deployments.
 */
export function embeddedFlowSpec(stacks: readonly StackMetadata[]): FlowSpec | undefined {
  const found: { file: string; spec: FlowSpec }[] = [];
  for (const { stack, metadata } of stacks) {
    if (!isPlainObject(metadata) || metadata[METADATA_FLOW_SPEC] === undefined) continue;
    const spec = parseFlowSpec(metadata[METADATA_FLOW_SPEC], {
      file: stack.file,
      path: `Metadata.${METADATA_FLOW_SPEC}`,
      ...(stack.lineOf ? { lineOf: stack.lineOf } : {}),
    });
    found.push({ file: stack.file, spec });
  }
  const names = new Set(found.map((f) => f.spec.name));
  if (names.size > 1)
    throw new InputError(
      `several stacks carry different flow specs (${[...names].join(', ')}); verify one deployment at a time`,
      found.map((f) => f.file).join(', '),
    );
  return found[0]?.spec;
}
