/**
 * Writes the generated documentation under docs/. `npm run docs` regenerates; a test fails when a committed
 * file differs from what this produces. docs/presets.md synthesizes every preset, so it takes a few seconds.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { presetCosts } from '../src/cli/preset-costs.js';
import { generatedDocs } from '../src/docs/generated.js';
import { PRESETS_DOC, presetsMarkdown } from '../src/docs/presets-table.js';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const doc of [
  ...generatedDocs(),
  { path: PRESETS_DOC, content: presetsMarkdown(await presetCosts()) },
]) {
  writeFileSync(`${root}/${doc.path}`, doc.content);
  console.log(`wrote ${doc.path}`);
}
