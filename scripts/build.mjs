// Transpiles src/ to dist/ file by file, and bundles the CLI into dist/bin/: type checking is
// `npm run typecheck`, so the build stays fast enough to run before every `npm start`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcDir = join(root, 'src');
const outDir = join(root, 'dist');

function listSources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

rmSync(outDir, { recursive: true, force: true });
const entryPoints = listSources(srcDir);
await build({
  entryPoints,
  outdir: outDir,
  outbase: srcDir,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
// The CLI as one bundle (with the modules it imports lazily split into chunks), which bin/vectorfort.js runs: a
// process that loads four hundred small ES modules spends a fifth of a small verification resolving, reading
// and linking them. The file-by-file output above stays for the library and the worker threads' entries.
await build({
  entryPoints: { vectorfort: join(srcDir, 'cli', 'index.ts') },
  outdir: join(outDir, 'bin'),
  bundle: true,
  splitting: true,
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
if (process.env.VF_BUILD_VERBOSE)
  console.log(`built ${entryPoints.length} files and the CLI bundle into ${relative(root, outDir)}/`);

// The published package carries type declarations (tsconfig.build.json). They take a full type check, so only
// `npm pack` and `npm publish` wait for them: npm runs this script as `prepare` after `prepack`, so it is here
// or the declarations would be removed with the old dist/.
if (process.env.npm_command === 'pack' || process.env.npm_command === 'publish') {
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')],
    { stdio: 'inherit' },
  );
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
