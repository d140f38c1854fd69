// Guards refactorings that must not change what is generated: synthesizes the default blueprint and every
// example, normalizes asset hashes (they depend on the checkout's path and on bundling), and either records the
// templates and manifests in a directory or compares them, byte for byte, with a recorded directory.
//
// Usage:
//   node scripts/compare-outputs.mjs --write DIR     record the current outputs in DIR
//   node scripts/compare-outputs.mjs --against DIR   compare the current outputs with DIR (exit 1 on a difference)
// Runs the built CLI (dist/); build first (`npm run build`).
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [mode, target] = process.argv.slice(2);
if (!['--write', '--against'].includes(mode) || !target) {
  console.error('usage: node scripts/compare-outputs.mjs --write DIR | --against DIR');
  process.exit(2);
}

const blueprints = [
  { name: 'default', file: undefined },
  ...readdirSync(join(root, 'examples'))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => ({ name: basename(f).replace(/\.(ya?ml|json)$/, ''), file: join(root, 'examples', f) })),
];

// Asset hashes (64 hex digits) name bundles whose bytes depend on the build; everything else must match.
const normalize = (text) => text.replace(/[0-9a-f]{64}/g, '<asset-hash>');

function synthesize({ file }) {
  const out = mkdtempSync(join(tmpdir(), 'vf-compare-'));
  // A fixed synthesis date: the acknowledgements' expiry is counted from it, and outputs must compare across days.
  const args = [
    join(root, 'bin', 'vectorfort.js'),
    'synth',
    '--no-verify',
    '--now',
    '2026-12-01',
    '--out',
    out,
  ];
  if (file) args.push('--blueprint', file);
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    throw new Error(`synth of ${file ?? 'the default blueprint'} exited ${run.status}`);
  }
  const files = new Map();
  // A blueprint with environments writes one set per environment, under <out>/<environment>/.
  const sets = existsSync(join(out, 'cdk.out'))
    ? ['']
    : readdirSync(out)
        .filter((d) => existsSync(join(out, d, 'cdk.out')))
        .sort()
        .map((d) => `${d}/`);
  for (const set of sets) {
    const assembly = join(out, set, 'cdk.out');
    for (const f of readdirSync(assembly)
      .filter((n) => n.endsWith('.template.json'))
      .sort())
      files.set(`${set}cdk.out/${f}`, normalize(readFileSync(join(assembly, f), 'utf8')));
    for (const f of readdirSync(join(out, set, 'k8s')).sort())
      files.set(`${set}k8s/${f}`, normalize(readFileSync(join(out, set, 'k8s', f), 'utf8')));
  }
  rmSync(out, { recursive: true, force: true });
  return files;
}

let differences = 0;
let compared = 0;
for (const bp of blueprints) {
  const files = synthesize(bp);
  const dir = join(target, bp.name);
  if (mode === '--write') {
    rmSync(dir, { recursive: true, force: true });
    for (const [rel, text] of files) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    console.log(`${bp.name}: recorded ${files.size} files`);
    continue;
  }
  const setsRecorded = existsSync(dir)
    ? [
        '',
        ...readdirSync(dir)
          .filter((d) => existsSync(join(dir, d, 'cdk.out')))
          .map((d) => `${d}/`),
      ]
    : [];
  const recorded = setsRecorded.flatMap((set) =>
    ['cdk.out', 'k8s'].flatMap((sub) =>
      existsSync(join(dir, set, sub)) ? readdirSync(join(dir, set, sub)).map((f) => `${set}${sub}/${f}`) : [],
    ),
  );
  for (const rel of new Set([...recorded, ...files.keys()])) {
    compared += 1;
    const before = recorded.includes(rel) ? readFileSync(join(dir, rel), 'utf8') : undefined;
    const after = files.get(rel);
    if (before === after) continue;
    differences += 1;
    if (before === undefined) console.log(`${bp.name}/${rel}: new file`);
    else if (after === undefined) console.log(`${bp.name}/${rel}: missing`);
    else {
      const a = before.split('\n');
      const b = after.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      console.log(`${bp.name}/${rel}: differs from line ${line + 1}`);
      console.log(`  - ${a[line]?.slice(0, 200)}\n  + ${b[line]?.slice(0, 200)}`);
    }
  }
}
if (mode === '--against') {
  console.log(`${compared} files compared, ${differences} differ`);
  process.exit(differences === 0 ? 0 : 1);
}
