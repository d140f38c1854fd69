/**
 * This package's own files (package.json, the price table, the sources the Lambdas, jobs and worker threads
 * are built from or run), found from the package root rather than from the module asking. A module runs from
 * three places: `src/` under the TypeScript loader (tests, tsx), `dist/` as transpiled file by file (the
 * library), and the CLI's bundle in `dist/bin/`, whose chunks stand in for every module they hold, so a path
 * relative to the asking module would point elsewhere in each.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const PACKAGE_NAME = 'vectorfort';

/** The directory holding this package's package.json. */
export const PACKAGE_ROOT: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** Whether this code runs from its TypeScript sources (under the TypeScript loader). */
export const FROM_SOURCES: boolean = import.meta.url.endsWith('.ts');

/** A file of the package by its path from the root (`data/prices.json`). */
export function packageFile(path: string): string {
  return join(PACKAGE_ROOT, path);
}

/**
 * A module by its path under `src/` without extension (`controls/nag/pack-worker`): the `.ts` source when this
 * code runs from sources, else the transpiled `.js` under `dist/`.
 */
export function moduleFile(path: string): string {
  return FROM_SOURCES ? join(PACKAGE_ROOT, 'src', `${path}.ts`) : join(PACKAGE_ROOT, 'dist', `${path}.js`);
}

/**
 * A worker thread running a module of the package (by its path under `src/` without extension). From sources
 * the worker registers the TypeScript loader before it imports the module.
 */
export function moduleWorker(path: string): Worker {
  const url = pathToFileURL(moduleFile(path));
  return FROM_SOURCES
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`,
        { eval: true },
      )
    : new Worker(url);
}

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && nameOf(manifest) === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir)
      throw new Error(`${PACKAGE_NAME}: no package.json of ${PACKAGE_NAME} above ${start}`);
  }
}

function nameOf(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
