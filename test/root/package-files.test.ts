/**
 * The package's own files are found from its root, whichever way the code runs: from the TypeScript sources
 * (these tests), from dist/ as transpiled file by file (the library), and from the CLI's bundle in dist/bin/
 * (`npm test` builds first). The worker threads, the Lambda handlers and the job programs are started or
 * bundled from these paths; a wrong one would only show as a slower run (the packs fall back to the main
 * thread) or a failed synthesis.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FROM_SOURCES, moduleFile, packageFile, PACKAGE_ROOT } from '../../src/package-files.js';
import { VERSION } from '../../src/version.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MODULES = [
  'controls/nag/pack-worker',
  'inventory/load/parse-worker',
  'notifier/handler',
  'rotation/handler',
  'jobs/main',
];

describe('the package files', () => {
  it('finds the root, and the sources when running from them', () => {
    assert.equal(join(PACKAGE_ROOT, '/'), join(root, '/'));
    assert.equal(FROM_SOURCES, true);
    for (const path of MODULES) {
      assert.equal(moduleFile(path), join(root, 'src', `${path}.ts`));
      assert.ok(existsSync(moduleFile(path)), path);
    }
    assert.ok(existsSync(packageFile('data/prices.json')));
    assert.equal(
      VERSION,
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('finds the transpiled modules from dist/, and the CLI bundle reads the version from the root', () => {
    const script = `import(${JSON.stringify(new URL('../../dist/package-files.js', import.meta.url).href)}).then((m) =>
      console.log(JSON.stringify({ root: m.PACKAGE_ROOT, fromSources: m.FROM_SOURCES, files: ${JSON.stringify(MODULES)}.map((p) => m.moduleFile(p)) })))`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const built = JSON.parse(run.stdout) as { root: string; fromSources: boolean; files: string[] };
    assert.equal(join(built.root, '/'), join(root, '/'));
    assert.equal(built.fromSources, false);
    built.files.forEach((file, i) => {
      assert.equal(file, join(root, 'dist', `${MODULES[i]}.js`));
      assert.ok(existsSync(file), file);
    });
    const cli = spawnSync(process.execPath, [join(root, 'bin', 'vectorfort.js'), '--version'], {
      encoding: 'utf8',
    });
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(cli.stdout.trim(), VERSION);
  });
});
