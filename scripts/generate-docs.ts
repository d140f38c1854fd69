/**
 * Writes the generated documentation under docs/. `npm run docs` regenerates; a test fails when a committed
 * file differs from what this produces.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedDocs } from '../src/docs/generated.js';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const doc of generatedDocs()) {
  writeFileSync(`${root}/${doc.path}`, doc.content);
  console.log(`wrote ${doc.path}`);
}
