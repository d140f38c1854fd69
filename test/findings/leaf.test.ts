/**
 * The findings vocabulary is a leaf (ARCHITECTURE.md, "Which way imports go"): it imports nothing else of
 * ours, and the verifier's core (controls, reachability, frameworks) reaches it without the reporting layer.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?from\s+'([^']+)'/gm)].map(
    (m) => m[1]!,
  );
}

describe('the findings vocabulary', () => {
  it('imports only its own modules', () => {
    const files = sourceFiles(join(src, 'findings'));
    assert.ok(files.length >= 6, `${files.length} files`);
    for (const file of files)
      for (const spec of importsOf(file))
        assert.ok(
          spec.startsWith('./') || spec.startsWith('node:'),
          `${relative(src, file)} imports ${spec}`,
        );
  });

  it('is what controls, reachability and frameworks import instead of the reporting layer', () => {
    const files = ['controls', 'reach', 'frameworks'].flatMap((dir) => sourceFiles(join(src, dir)));
    assert.ok(files.length > 50, `${files.length} files`);
    const offenders = files.filter((file) => importsOf(file).some((spec) => /\/report\//.test(spec)));
    assert.deepEqual(
      offenders.map((f) => relative(src, f)),
      [],
    );
    assert.ok(files.some((file) => importsOf(file).some((spec) => spec.endsWith('/findings/index.js'))));
  });
});
