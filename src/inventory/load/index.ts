/**
 * Reading input paths: cloud assembly directories, CloudFormation templates and Kubernetes manifests (files
 * or directories searched recursively), each kind detected from the content.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { InputError } from '../../errors.js';
import { buildInventory } from '../build.js';
import type { Inventory } from '../model.js';
import { loadCloudAssembly, loadStackTemplate } from './cloud-assembly.js';
import { FileParser, type FileParserOptions } from './parse-file.js';
import { INPUT_EXTENSIONS, readInputFile } from './read-input.js';
import { describeFsError } from './source-text.js';
import { displayPath, LoadState } from './state.js';

export async function loadInventoryFromPaths(
  paths: readonly string[],
  options: FileParserOptions = {},
): Promise<Inventory> {
  if (paths.length === 0) throw new InputError('no input given: name a cloud assembly, template or manifest');
  const parser = new FileParser(options);
  try {
    const state = new LoadState(parser);
    // Large YAML files of every input start parsing in worker threads while the main thread reads the rest.
    for (const path of paths) await prefetchTree(path, parser, new Set());
    for (const path of paths) await loadPath(path, state);
    return buildInventory(state);
  } finally {
    await parser.close();
  }
}

async function loadPath(path: string, state: LoadState): Promise<void> {
  const shown = displayPath(path);
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw new InputError(`cannot read the input (${describeFsError(error)})`, shown);
  }
  if (stats.isDirectory()) {
    if (isCloudAssembly(path)) return loadAssembly(path, state);
    const found = await loadDirectory(path, state, new Set());
    if (found === 0)
      throw new InputError(
        'the directory holds no cloud assembly (manifest.json), CloudFormation template or Kubernetes manifest',
        shown,
      );
    return;
  }
  if (!stats.isFile()) throw new InputError('not a regular file or directory', shown);
  if (basename(path) === 'manifest.json' && isCloudAssembly(dirname(path)))
    return loadAssembly(dirname(path), state);
  const loaded = await loadFile(path, state);
  if (loaded !== true) throw new InputError(loaded, shown);
}

/** A directory whose manifest.json is a cloud assembly manifest (it carries the assembly schema version). */
function isCloudAssembly(dir: string): boolean {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return false;
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return (
      typeof manifest === 'object' && manifest !== null && 'version' in manifest && 'artifacts' in manifest
    );
  } catch {
    // Not JSON: read as an ordinary file of the directory, where it is reported.
    return false;
  }
}

async function loadAssembly(dir: string, state: LoadState): Promise<void> {
  const shown = displayPath(dir);
  const stacks = await loadCloudAssembly(dir, state);
  if (stacks === 0) throw new InputError('the cloud assembly holds no stack', shown);
  state.inputs.push({ path: shown, kind: 'cloud-assembly' });
}

/** Reads one file; returns true when it was an input, else why not. */
async function loadFile(path: string, state: LoadState): Promise<true | string> {
  const shown = displayPath(path);
  const read = await readInputFile(path, shown, state.parser);
  if (read.kind === 'other') return read.reason;
  if (read.kind === 'kubernetes') {
    state.manifests.push(...read.manifests);
    state.inputs.push({ path: shown, kind: 'kubernetes' });
    return true;
  }
  const base = basename(path).replace(/(\.template)?(\.json|\.ya?ml|\.template)$/i, '');
  // Plain templates: the deployed stack name is chosen by whoever deploys them, so AWS::StackName stays unknown.
  await loadStackTemplate(dirname(path), basename(path), state, { name: state.uniqueStackName(base) });
  state.inputs.push({ path: shown, kind: 'cloudformation' });
  return true;
}

/** Searches a directory for inputs (sorted, hidden entries skipped); returns how many were read. */
async function loadDirectory(dir: string, state: LoadState, visited: Set<string>): Promise<number> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (error) {
    throw new InputError(`cannot read the directory (${describeFsError(error)})`, displayPath(dir));
  }
  if (visited.has(real)) return 0;
  visited.add(real);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`cannot read the directory (${describeFsError(error)})`, displayPath(dir));
  }
  const sorted = entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let found = 0;
  for (const entry of sorted) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    const isDirectory =
      entry.isDirectory() ||
      (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isDirectory());
    if (isDirectory) {
      if (isCloudAssembly(path)) {
        await loadAssembly(path, state);
        found++;
      } else found += await loadDirectory(path, state, visited);
      continue;
    }
    if (!INPUT_EXTENSIONS.includes(extname(entry.name).toLowerCase())) continue;
    const loaded = await loadFile(path, state);
    if (loaded === true) found++;
    else
      state.diagnostics.push({
        severity: 'info',
        message: `skipped: ${loaded}`,
        location: { file: displayPath(path), path: '' },
      });
  }
  return found;
}

/**
 * Starts parsing the input files under a path ahead of reading them (the same files loadDirectory reads).
 * Errors are left for the reading pass, which reports them in order.
 */
async function prefetchTree(path: string, parser: FileParser, visited: Set<string>): Promise<void> {
  const stats = await stat(path).catch(() => undefined);
  if (!stats) return;
  if (stats.isFile()) {
    if (INPUT_EXTENSIONS.includes(extname(path).toLowerCase())) parser.prefetch(path, displayPath(path));
    return;
  }
  if (!stats.isDirectory() || isCloudAssembly(path)) return;
  const real = await realpath(path).catch(() => path);
  if (visited.has(real)) return;
  visited.add(real);
  const entries = await readdir(path).catch(() => []);
  for (const name of entries.sort())
    if (!name.startsWith('.') && name !== 'node_modules')
      await prefetchTree(join(path, name), parser, visited);
}
