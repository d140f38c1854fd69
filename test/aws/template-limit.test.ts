/**
 * Synthesis refuses a template CloudFormation would refuse (over 1,000,000 bytes), naming it and its size, as
 * bad input (exit 2); the CDK itself only warns.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { App } from 'aws-cdk-lib';
import {
  assertTemplatesFit,
  CLOUDFORMATION_TEMPLATE_LIMIT_BYTES,
  type StackSummary,
} from '../../src/aws/app.js';
import { ValidationError } from '../../src/aws/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-template-limit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function templateOf(name: string, bytes: number): StackSummary {
  const templateFile = join(dir, `${name}.template.json`);
  writeFileSync(templateFile, ' '.repeat(bytes));
  return { name, templateFile, resourceCount: 0, resourceTypes: {} };
}

// The check only names the construct that refuses; any construct serves as the scope.
const scope = new App();

describe('the template size limit', () => {
  it('accepts a template of exactly the limit', () => {
    assert.doesNotThrow(() =>
      assertTemplatesFit(scope, [templateOf('at-limit', CLOUDFORMATION_TEMPLATE_LIMIT_BYTES)]),
    );
  });

  it('refuses a template one byte over, naming it and its size, as bad input', () => {
    const stacks = [templateOf('fits', 10), templateOf('big', CLOUDFORMATION_TEMPLATE_LIMIT_BYTES + 1)];
    assert.throws(
      () => assertTemplatesFit(scope, stacks),
      (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.equal(e.code, 'template-too-large');
        assert.equal(e.origin, 'invalid-input');
        assert.match(e.message, /big\.template\.json is 1,000,001 bytes/);
        assert.doesNotMatch(e.message, /fits\.template\.json/);
        return true;
      },
    );
  });
});
