/**
 * The package as npm would publish it, installed into a scratch app: `npm pack` in a staging copy of the
 * repository (so its prepack build never rewrites the dist/ other tests run), the tarball unpacked into the
 * app's node_modules/vectorfort, and the package's dependencies linked from this repository's node_modules
 * (the registry is not needed, and the files under test are exactly the tarball's).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../cli/run-cli.js';

/** What a packed copy of the package gives a test. */
export interface PackedPackage {
  readonly tarball: string;
  /** The files `npm pack` put into the tarball, relative to the package root. */
  readonly files: readonly string[];
}

const STAGED = [
  'package.json',
  'package-lock.json',
  'bin',
  'data',
  'src',
  'scripts',
  'tsconfig.json',
  'tsconfig.build.json',
];

/** Packs the package from a staging copy; its prepack script builds dist/ and the type declarations there. */
export function packPackage(): PackedPackage {
  const stage = mkdtempSync(join(tmpdir(), 'vectorfort-pack-'));
  for (const entry of STAGED) cpSync(join(root, entry), join(stage, entry), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', stage], {
    cwd: stage,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_loglevel: 'error', npm_config_update_notifier: 'false' },
  });
  const [result] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(stage, result!.filename), files: result!.files.map((f) => f.path) };
}

/**
 * A scratch app directory holding `example`'s files, with the tarball installed as node_modules/vectorfort and
 * every other package linked from this repository.
 */
export function appWithPackage(tarball: string, example: string): string {
  const app = mkdtempSync(join(tmpdir(), 'vectorfort-app-'));
  cpSync(example, app, { recursive: true });
  const modules = join(app, 'node_modules');
  const installed = join(modules, 'vectorfort');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === 'vectorfort' || name === '.bin' || name.startsWith('.')) continue;
    symlinkSync(join(root, 'node_modules', name), join(modules, name), 'dir');
  }
  mkdirSync(join(modules, '.bin'));
  symlinkSync(join(installed, 'bin', 'vectorfort.js'), join(modules, '.bin', 'vectorfort'));
  return app;
}
