/**
 * The blueprint's fields as documentation reads them: path, type, description and the default each preset
 * applies. Built from the schema's own JSON Schema and the preset table, so the JSON Schema, the reference
 * page and the parser all state a default from the same place.
 */
import { z } from 'zod';
import { PRESET_DEFAULTS } from './presets.js';
import { PRESETS, blueprintSchema, type PresetName } from './schema.js';

/** The subset of JSON Schema that zod emits for the blueprint and the docs read. */
export interface JsonSchemaNode {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchemaNode;
  readonly additionalProperties?: JsonSchemaNode | boolean;
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly oneOf?: readonly JsonSchemaNode[];
}

/** What a preset does with a field it is not given. */
export type FieldDefault =
  | { readonly kind: 'value'; readonly value: unknown }
  /** No value: the field stays unset (its description says what unset means). */
  | { readonly kind: 'unset' }
  /** Must be written whenever its parent is. */
  | { readonly kind: 'required' }
  /** An object whose own fields carry the defaults. */
  | { readonly kind: 'fields' };

export interface BlueprintField {
  /** Dotted path; `[]` stands for every item of a list (`cluster.nodeGroups[].name`). */
  readonly path: string;
  readonly schema: JsonSchemaNode;
  readonly description: string;
  readonly defaults: Readonly<Record<PresetName, FieldDefault>>;
}

/** The blueprint's JSON Schema as zod emits it (input form: every field optional, defaults shown). */
export function rawBlueprintJsonSchema(): JsonSchemaNode & Record<string, unknown> {
  // A fresh copy: zod may hand out one object for a schema used twice, and callers add to descriptions.
  return JSON.parse(
    JSON.stringify(z.toJSONSchema(blueprintSchema, { io: 'input', unrepresentable: 'any' })),
  ) as JsonSchemaNode & Record<string, unknown>;
}

/** Every field of the blueprint, depth first in schema order, with lists' and unions' item fields. */
export function blueprintFields(root: JsonSchemaNode = rawBlueprintJsonSchema()): BlueprintField[] {
  const fields: BlueprintField[] = [];
  const visit = (node: JsonSchemaNode, path: string): void => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const childPath = path ? `${path}.${key}` : key;
      const required = node.required?.includes(key) ?? false;
      fields.push({
        path: childPath,
        schema: child,
        description: child.description ?? '',
        defaults: Object.fromEntries(
          PRESETS.map((preset) => [preset, defaultOf(preset, childPath, child, required)]),
        ) as Record<PresetName, FieldDefault>,
      });
      visit(child, childPath);
    }
    for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) visit(branch, path);
    if (node.items) visit(node.items, `${path}[]`);
  };
  visit(root, '');
  return fields;
}

/** The field that picks the preset: each preset's column shows the preset itself. */
export const PRESET_FIELD = 'preset';

/** True when the presets do not all apply the same default to the field (the preset field aside). */
export function dependsOnPreset(field: BlueprintField): boolean {
  if (field.path === PRESET_FIELD) return false;
  const [first, ...rest] = PRESETS.map((preset) => JSON.stringify(field.defaults[preset]));
  return rest.some((d) => d !== first);
}

function defaultOf(preset: PresetName, path: string, node: JsonSchemaNode, required: boolean): FieldDefault {
  if (node.properties) return { kind: 'fields' };
  if (path === PRESET_FIELD) return { kind: 'value', value: preset };
  // A preset sets whole fields by path; inside a list it cannot, so items take the schema's default.
  const presetValue = path.includes('[]') ? undefined : valueAtPath(PRESET_DEFAULTS[preset], path);
  if (presetValue !== undefined) return { kind: 'value', value: presetValue };
  if ('default' in node) return { kind: 'value', value: node.default };
  return required ? { kind: 'required' } : { kind: 'unset' };
}

/** The value at a dotted path (no list indexes) of a nested object, or undefined. */
export function valueAtPath(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, key) =>
        typeof v === 'object' && v !== null && !Array.isArray(v)
          ? (v as Record<string, unknown>)[key]
          : undefined,
      value,
    );
}
