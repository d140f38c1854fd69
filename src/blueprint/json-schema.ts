import { blueprintFields, dependsOnPreset, rawBlueprintJsonSchema, type BlueprintField } from './fields.js';
import { PRESETS } from './schema.js';

/**
 * The blueprint's JSON Schema (input form: every field optional, defaults shown) for editor completion. A
 * field's `default` is the production value; where a preset changes it, the description says so in words.
 */
export function blueprintJsonSchema(): Record<string, unknown> {
  const schema = rawBlueprintJsonSchema();
  for (const field of blueprintFields(schema)) {
    if (!dependsOnPreset(field)) continue;
    (field.schema as { description?: string }).description =
      `${field.description} ${presetDefaultsSentence(field)}`;
  }
  return {
    $id: 'https://vectorfort.dev/schemas/blueprint.schema.json',
    title: 'vectorfort blueprint',
    ...schema,
  };
}

/** `Default: production: 3, development: 1.` */
function presetDefaultsSentence(field: BlueprintField): string {
  const parts = PRESETS.map((preset) => {
    const d = field.defaults[preset];
    return `${preset}: ${d.kind === 'value' ? JSON.stringify(d.value) : d.kind}`;
  });
  return `Default: ${parts.join(', ')}.`;
}
