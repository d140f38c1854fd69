/**
 * CloudFormation refuses a template larger than 1,000,000 bytes, even uploaded through S3 (the CDK uploads
 * every template as an asset). The matrix checks every template it synthesizes against that limit, and reports
 * the ones past the warning threshold in the test output, so growth is seen before a deployment fails on it.
 */
import assert from 'node:assert/strict';
import type { TemplateSize } from './synth-verify.js';

/** CloudFormation's limit on a template's body uploaded through S3, in bytes. */
export const TEMPLATE_LIMIT_BYTES = 1_000_000;
/** Past this a template is reported in the test output: less than a tenth of the limit is left. */
export const TEMPLATE_WARNING_BYTES = 900_000;

/**
 * Fails, naming each template and its size, when one is over the limit; returns the lines to report for the
 * templates past the warning threshold.
 */
export function assertTemplatesFit(templates: readonly TemplateSize[], label: string): string[] {
  // A synthesis that wrote no template would pass vacuously.
  assert.ok(templates.length > 0, `${label}: the cloud assembly holds templates`);
  const over = templates.filter((t) => t.bytes > TEMPLATE_LIMIT_BYTES);
  assert.deepEqual(
    over.map((t) => describe(t, label)),
    [],
    `templates over CloudFormation's limit of ${bytes(TEMPLATE_LIMIT_BYTES)}: CloudFormation refuses them`,
  );
  return templates
    .filter((t) => t.bytes > TEMPLATE_WARNING_BYTES)
    .map(
      (t) =>
        `warning: ${describe(t, label)}, past ${bytes(TEMPLATE_WARNING_BYTES)} (limit ${bytes(TEMPLATE_LIMIT_BYTES)})`,
    );
}

function describe(t: TemplateSize, label: string): string {
  return `${label}: ${t.file} is ${bytes(t.bytes)}`;
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}
