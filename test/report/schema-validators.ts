/**
 * Validators for the two report formats with a published schema: the JSON report (docs/report.schema.json)
 * and SARIF (the official 2.1.0 schema). Compiling one takes a moment, so a test file compiles each once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

/** Validates a JSON report against docs/report.schema.json (strict: the schema itself must be exact). */
export function reportValidator() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
  const schema = new URL('../../docs/report.schema.json', import.meta.url);
  return ajv.compile(JSON.parse(readFileSync(schema, 'utf8')) as object);
}

/** Validates a SARIF log against the official SARIF 2.1.0 schema, formats (URIs, times) included. */
export function sarifValidator() {
  // The official schema has a language-tag pattern that is invalid as a Unicode regular expression.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  const schema = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  return ajv.compile(JSON.parse(readFileSync(schema, 'utf8')) as object);
}
