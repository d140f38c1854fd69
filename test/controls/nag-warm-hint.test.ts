/**
 * The hint that starts a pack worker before an input is read: the sizes of the template files given or found
 * directly inside a directory given, never following a link, reading a file or descending.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { looksLargeEnoughToWarm, WARM_TEMPLATE_BYTES } from '../../src/controls/nag/warm-hint.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-warm-hint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(path: string, bytes: number): string {
  writeFileSync(path, 'x'.repeat(bytes));
  return path;
}

describe('looksLargeEnoughToWarm', () => {
  it('counts a file given by its size, whatever its name', () => {
    const big = file(join(dir, 'big.json'), WARM_TEMPLATE_BYTES);
    const small = file(join(dir, 'small.json'), 420);
    assert.equal(looksLargeEnoughToWarm([big]), true);
    assert.equal(looksLargeEnoughToWarm([small]), false);
    assert.equal(looksLargeEnoughToWarm([small], 400), true, 'the threshold is a parameter');
  });

  it('adds up the templates directly inside a directory (a cloud assembly), and nothing else there', () => {
    const assembly = join(dir, 'cdk.out');
    mkdirSync(join(assembly, 'asset.1'), { recursive: true });
    file(join(assembly, 'a.template.json'), WARM_TEMPLATE_BYTES / 2);
    assert.equal(looksLargeEnoughToWarm([assembly]), false);
    // Metadata, the tree and assets are not templates; a nested directory is not entered.
    file(join(assembly, 'tree.json'), WARM_TEMPLATE_BYTES);
    file(join(assembly, 'a.metadata.json'), WARM_TEMPLATE_BYTES);
    file(join(assembly, 'asset.1', 'b.template.json'), WARM_TEMPLATE_BYTES);
    assert.equal(looksLargeEnoughToWarm([assembly]), false);
    file(join(assembly, 'b.template.yaml'), WARM_TEMPLATE_BYTES / 2);
    assert.equal(looksLargeEnoughToWarm([assembly]), true);
  });

  it('adds up across the paths given', () => {
    const one = file(join(dir, 'one.template.json'), WARM_TEMPLATE_BYTES / 2);
    const two = file(join(dir, 'two.template.json'), WARM_TEMPLATE_BYTES / 2);
    assert.equal(looksLargeEnoughToWarm([one]), false);
    assert.equal(looksLargeEnoughToWarm([one, two]), true);
  });

  it('follows no link and reads no device, and says no for what it cannot see', () => {
    const linked = join(dir, 'linked');
    mkdirSync(linked);
    const target = file(join(dir, 'target.bin'), WARM_TEMPLATE_BYTES * 2);
    symlinkSync(target, join(linked, 'link.template.json'));
    assert.equal(looksLargeEnoughToWarm([linked]), false, 'a link inside a directory is not followed');
    assert.equal(looksLargeEnoughToWarm([join(linked, 'link.template.json')]), false, 'nor a link given');
    assert.equal(looksLargeEnoughToWarm(['/dev/zero']), false);
    assert.equal(looksLargeEnoughToWarm([join(dir, 'missing')]), false);
  });
});
