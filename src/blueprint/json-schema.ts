import { z } from 'zod';
import { blueprintSchema } from './schema.js';

/** The blueprint's JSON Schema (input form: every field optional, defaults shown) for editor completion. */
export function blueprintJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://vectorfort.dev/schemas/blueprint.schema.json',
    title: 'vectorfort blueprint',
    ...z.toJSONSchema(blueprintSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
