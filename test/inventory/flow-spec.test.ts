/** The flow spec the inventory reads from a template's Metadata, and the malformed ones it rejects. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { validateBlueprint } from '../../src/blueprint/index.js';
import { METADATA_FLOW_SPEC } from '../../src/contract/keys.js';
import { InputError } from '../../src/errors.js';
import { deriveFlowSpec } from '../../src/flows/index.js';
import { inventoryFromObjects, loadInventory } from '../../src/inventory/index.js';

const BUCKET = { Type: 'AWS::S3::Bucket' };

/** The spec of a blueprint as a template carries it (plain JSON). */
function specOf(name: string): Record<string, unknown> & { denials: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify(deriveFlowSpec(validateBlueprint({ name }, 'bp.yaml'))));
}

const template = (spec: unknown) => ({
  Resources: { Bucket: BUCKET },
  Metadata: { [METADATA_FLOW_SPEC]: spec },
});

function inputError(run: () => unknown): InputError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  return caught;
}

describe('inventory: the embedded flow spec', () => {
  it('exposes the spec a stack carries in its Metadata', () => {
    const spec = specOf('search');
    const inventory = inventoryFromObjects({ templates: { App: template(spec) } });
    assert.deepEqual(inventory.flowSpec, spec);
    assert.equal(
      inventory.flowSpec?.denials.find((d) => d.id === 'eks-api-from-outside')?.class,
      'api-access',
    );
  });

  it('has no spec for templates without one (other tools)', () => {
    const inventory = inventoryFromObjects({
      templates: {
        Plain: { Resources: { Bucket: BUCKET } },
        Tagged: { Resources: { Bucket: BUCKET }, Metadata: { owner: 'team' } },
      },
    });
    assert.equal(inventory.flowSpec, undefined);
    assert.equal('flowSpec' in inventory, false);
  });

  it('rejects a malformed spec with the file and the path inside it', () => {
    const spec = specOf('search');
    spec.denials = [null as never];
    const error = inputError(() => inventoryFromObjects({ templates: { App: template(spec) } }));
    assert.equal(error.file, 'App');
    assert.equal(error.path, 'Metadata.vectorfort:flowSpec.denials.0');
    assert.equal(error.message, 'the flow spec is malformed: expected an object, got null');
  });

  it('rejects a spec whose values the template does not determine', () => {
    const spec = specOf('search');
    spec.name = { 'Fn::GetAtt': ['Missing', 'Arn'] };
    const error = inputError(() => inventoryFromObjects({ templates: { App: template(spec) } }));
    assert.equal(error.path, 'Metadata.vectorfort:flowSpec.name');
    assert.match(error.message, /expected a string, got a value the template does not determine$/);
  });

  it('takes one spec from stacks of the same deployment, and rejects specs of different ones', () => {
    const same = inventoryFromObjects({
      templates: { App: template(specOf('search')), Copy: template(specOf('search')) },
    });
    assert.equal(same.flowSpec?.name, 'search');
    const error = inputError(() =>
      inventoryFromObjects({
        templates: { App: template(specOf('search')), Other: template(specOf('billing')) },
      }),
    );
    assert.equal(error.file, 'App, Other');
    assert.match(
      error.message,
      /several stacks carry different flow specs \(search, billing\); verify one deployment at a time/,
    );
  });
});

describe('loadInventory: a template file with a malformed flow spec', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vf-flow-spec-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file, the path and the line of the denial without a class', async () => {
    const spec = specOf('search');
    delete spec.denials[0]!.class;
    const file = join(dir, 'app.template.json');
    const text = JSON.stringify(template(spec), null, 1);
    writeFileSync(file, text);
    // JSON inputs carry the lines of the first two levels of keys: the error points at the spec's own line.
    const specLine = text.split('\n').findIndex((l) => l.includes('"vectorfort:flowSpec"')) + 1;
    assert.ok(specLine > 1);
    await assert.rejects(loadInventory([file]), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.equal(error.file, file);
      assert.equal(error.path, 'Metadata.vectorfort:flowSpec.denials.0.class');
      assert.deepEqual(error.position, { line: specLine });
      assert.match(error.message, /expected the denial's class/);
      return true;
    });
  });
});
