/** docs/blueprint.md, generated from the blueprint schema: one row per field with its default per preset. */
import {
  blueprintFields,
  type BlueprintField,
  type FieldDefault,
  type JsonSchemaNode,
} from '../blueprint/fields.js';
import { PRESETS } from '../blueprint/schema.js';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function code(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

/** Bounds that say something: zod writes ±2^53-1 for every integer, which says nothing. */
function range(min: number | undefined, max: number | undefined): string {
  const lo = min !== undefined && min > Number.MIN_SAFE_INTEGER ? min : undefined;
  const hi = max !== undefined && max < Number.MAX_SAFE_INTEGER ? max : undefined;
  if (lo === undefined && hi === undefined) return '';
  if (hi === undefined) return ` ≥ ${lo}`;
  if (lo === undefined) return ` ≤ ${hi}`;
  return ` ${lo}–${hi}`;
}

function listType(node: JsonSchemaNode): string {
  const item = node.items ? typeOf(node.items) : 'any';
  const count = range(node.minItems, node.maxItems);
  return `list of ${item === 'object' ? 'objects' : item}${count ? `,${count} items` : ''}`;
}

/** A short, human type: `integer 1–6`, `"rbac" | "admin-list"`, `list of string`, `map of string to string`. */
export function typeOf(node: JsonSchemaNode): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  const branches = node.anyOf ?? node.oneOf;
  if (branches) return [...new Set(branches.map(typeOf))].join(' | ');
  if (node.properties) return 'object';
  switch (node.type) {
    case 'integer':
    case 'number':
      return `${node.type}${range(node.minimum, node.maximum)}`;
    case 'string':
      return node.format ? `string (${node.format})` : 'string';
    case 'array':
      return listType(node);
    case 'object':
      return `map of string to ${typeof node.additionalProperties === 'object' ? typeOf(node.additionalProperties) : 'any'}`;
    case undefined:
      return 'any';
    default:
      return Array.isArray(node.type) ? node.type.join(' | ') : String(node.type);
  }
}

function defaultCell(d: FieldDefault): string {
  switch (d.kind) {
    case 'value':
      // A list of objects reads better one item per line.
      return Array.isArray(d.value) && d.value.some((v) => typeof v === 'object' && v !== null)
        ? d.value.map(code).join('<br>')
        : code(d.value);
    case 'required':
      return 'required';
    case 'unset':
      return 'unset';
    case 'fields':
      return '';
  }
}

function row(field: BlueprintField): string {
  const defaults = PRESETS.map((preset) => cell(defaultCell(field.defaults[preset])));
  return `| \`${field.path}\` | ${cell(typeOf(field.schema))} | ${defaults.join(' | ')} | ${cell(field.description)} |`;
}

export function blueprintReferenceMarkdown(): string {
  const fields = blueprintFields();
  const sections = new Map<string, BlueprintField[]>([['', []]]);
  for (const field of fields) {
    const top = field.path.split(/[.[]/)[0]!;
    const isSection = field.schema.properties !== undefined && !field.path.includes('.');
    if (isSection) sections.set(top, []);
    const section = sections.get(top) ?? sections.get('')!;
    if (!isSection) section.push(field);
  }
  const header = [
    `| Path | Type | ${PRESETS.join(' | ')} | Description |`,
    `|---|---|${PRESETS.map(() => '---').join('|')}|---|`,
  ];
  const lines = [
    '# Blueprint reference',
    '',
    'Generated from the blueprint schema (`src/blueprint/schema.ts`) and its presets (`src/blueprint/presets.ts`)',
    'by `npm run docs`; a test fails when this file is stale. The same descriptions are in',
    '[blueprint.schema.json](blueprint.schema.json) for editor completion.',
    '',
    `Each preset column shows the value the preset uses when the field is not written. \`unset\`: the field stays`,
    'empty (its description says what that means); `required`: it must be written whenever its parent is. `[]`',
    'in a path stands for every item of a list.',
  ];
  for (const [name, rows] of sections) {
    if (rows.length === 0) continue;
    const description = fields.find((f) => f.path === name)?.description;
    lines.push('', `## ${name ? `\`${name}\`` : 'Top level'}`, '');
    if (description) lines.push(description, '');
    lines.push(...header, ...rows.map(row));
  }
  return `${lines.join('\n')}\n`;
}
