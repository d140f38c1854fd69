/**
 * Finds the flow spec a synthesized stack carries in its template Metadata. Templates of other tools carry
 * none: verify then runs without intended flows (reachability reports exposure only). A spec that is present
 * but malformed is bad input, not something to guess around.
 */
import { InputError } from '../errors.js';
import { FLOW_SPEC_METADATA_KEY, type FlowSpec } from '../flows/types.js';
import type { Inventory } from '../inventory/model.js';
import { isPlainObject } from '../inventory/values.js';

export function flowSpecOf(inventory: Inventory): FlowSpec | undefined {
  const found: { stack: string; spec: FlowSpec }[] = [];
  for (const [stack, metadata] of Object.entries(inventory.stackMetadata)) {
    if (!isPlainObject(metadata) || metadata[FLOW_SPEC_METADATA_KEY] === undefined) continue;
    const value = metadata[FLOW_SPEC_METADATA_KEY];
    const problem = shapeProblem(value);
    if (problem)
      throw new InputError(
        `the flow spec is malformed: ${problem}`,
        stack,
        `Metadata.${FLOW_SPEC_METADATA_KEY}`,
      );
    found.push({ stack, spec: value as unknown as FlowSpec });
  }
  if (found.length > 1) {
    const names = new Set(found.map((f) => f.spec.name));
    if (names.size > 1)
      throw new InputError(
        `several stacks carry different flow specs (${[...names].join(', ')}); verify one deployment at a time`,
        found.map((f) => f.stack).join(', '),
      );
  }
  return found[0]?.spec;
}

function shapeProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'expected an object';
  if (value.version !== 1) return `expected version 1, got ${JSON.stringify(value.version)}`;
  for (const key of ['components', 'flows', 'denials', 'subnets'] as const)
    if (!Array.isArray(value[key])) return `expected ${key} to be a list`;
  if (typeof value.vpcCidr !== 'string') return 'expected vpcCidr to be a string';
  const components = value.components as readonly unknown[];
  for (const [i, c] of components.entries())
    if (!isPlainObject(c) || typeof c.id !== 'string' || typeof c.tier !== 'string')
      return `components[${i}]: expected an object with id and tier`;
  const ids = new Set(components.map((c) => (c as { id: string }).id));
  for (const [i, f] of (value.flows as readonly unknown[]).entries()) {
    if (
      !isPlainObject(f) ||
      typeof f.from !== 'string' ||
      typeof f.to !== 'string' ||
      typeof f.port !== 'number'
    )
      return `flows[${i}]: expected from, to and port`;
    if (!ids.has(f.from) || !ids.has(f.to)) return `flows[${i}]: names a component that is not declared`;
  }
  return undefined;
}
