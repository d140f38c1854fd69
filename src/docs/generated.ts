/** Every generated document: path (relative to the repository root) and content. */
import { blueprintJsonSchema } from '../blueprint/json-schema.js';
import { alertsMarkdown } from './alerts-table.js';
import { blueprintReferenceMarkdown } from './blueprint-reference.js';
import { controlsMarkdown } from './controls-table.js';
import { flowsMarkdown } from './flows-table.js';

export interface GeneratedDoc {
  readonly path: string;
  readonly content: string;
}

export function generatedDocs(): GeneratedDoc[] {
  return [
    { path: 'docs/blueprint.schema.json', content: `${JSON.stringify(blueprintJsonSchema(), null, 2)}\n` },
    { path: 'docs/blueprint.md', content: blueprintReferenceMarkdown() },
    { path: 'docs/controls.md', content: controlsMarkdown() },
    { path: 'docs/flows.md', content: flowsMarkdown() },
    { path: 'docs/alerts.md', content: alertsMarkdown() },
  ];
}
