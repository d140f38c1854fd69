/**
 * A Lambda handler of ours bundled with esbuild's API during synthesis (local bundling, no Docker): one
 * CommonJS `index.js` exporting `handler`, with its source map, written once into a directory named after its
 * content hash (so concurrent and repeated syntheses share it and nothing goes stale), then staged into the
 * cloud assembly by CDK.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';

const bundles = new Map<string, { readonly code: string; readonly map: string }>();

/** The handler at `entry` bundled for Lambda (Node.js `target` syntax), once per process. */
export function lambdaBundle(entry: string, target: string): { readonly code: string; readonly map: string } {
  const cached = bundles.get(entry);
  if (cached) return cached;
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target,
    format: 'cjs',
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    outfile: 'index.js',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('index.js'))!.text;
  const map = result.outputFiles.find((f) => f.path.endsWith('index.js.map'))!.text;
  const bundle = { code, map };
  bundles.set(entry, bundle);
  return bundle;
}

/** The bundle as a Lambda asset (`name` prefixes the directory). */
export function lambdaBundleCode(name: string, entry: string, target: string): lambda.Code {
  const { code, map } = lambdaBundle(entry, target);
  const hash = createHash('sha256').update(code).update(map).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `vectorfort-${name}-${hash}`);
  if (!existsSync(join(dir, 'index.js'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.js.map'), map);
    // Written last and atomically: its presence means the directory is complete.
    const partial = join(dir, `index.js.${process.pid}.tmp`);
    writeFileSync(partial, code);
    renameSync(partial, join(dir, 'index.js'));
  }
  return lambda.Code.fromAsset(dir);
}
