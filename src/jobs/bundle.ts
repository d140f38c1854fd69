/**
 * The job programs bundled into one CommonJS file with esbuild, exactly as the ConfigMap ships it. Bundled during
 * synthesis like the notifier: from the TypeScript under tsx and in tests, from the transpiled module when run
 * from dist/. The ConfigMap carries it gzip-compressed (85 KB instead of 260 KB): the manifests travel inside
 * the CloudFormation template, which may not exceed 1 MB. gzip's header carries no timestamp here, so the same
 * sources give the same bytes.
 */
import { buildSync } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { moduleFile } from '../package-files.js';

/** Node.js version the bundle's syntax targets (the job image's major version or older). */
export const JOB_BUNDLE_TARGET = 'node22';
export const JOB_BUNDLE_FILE = 'jobs.cjs.gz';

let bundled: { readonly entry: string; readonly code: string } | undefined;

/** The bundle gzip-compressed, as the ConfigMap's `binaryData` holds it (base64). */
export function compressedJobBundle(): string {
  return gzipSync(Buffer.from(jobBundle()), { level: 9 }).toString('base64');
}

function entry(): string {
  return moduleFile('jobs/main');
}

export function jobBundle(): string {
  const from = entry();
  if (bundled?.entry === from) return bundled.code;
  const result = buildSync({
    entryPoints: [from],
    bundle: true,
    platform: 'node',
    target: JOB_BUNDLE_TARGET,
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  bundled = { entry: from, code: result.outputFiles[0]!.text };
  return bundled.code;
}
