import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generatedDocs } from '../../src/docs/generated.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('generated docs', () => {
  for (const doc of generatedDocs()) {
    it(`${doc.path} is up to date (run npm run docs)`, () => {
      assert.equal(readFileSync(`${root}/${doc.path}`, 'utf8'), doc.content);
    });
  }
});
