/**
 * Reading input paths: cloud assembly directories, CloudFormation templates and Kubernetes manifests (files
 * or directories searched recursively), each kind detected from the content.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { InputError } from '../../errors.js';
import { buildInventory } from '../build.js';
import type { Inventory } from '../model.js';
import { loadCloudAssembly, loadStackTemplate } from './cloud-assembly.js';
import { InputScope } from './input-scope.js';
import { FileParser, parseTextFile, type FileParserOptions } from './parse-file.js';
import { parseParameterOverrides, type ParameterOverride } from '../parameters/overrides.js';
import { INPUT_EXTENSIONS, readInputFile } from './read-input.js';
import {
  describeFsError,
  kindOf,
  MalformedFileError,
  readRegularFile,
  UnreadableFileError,
} from './source-text.js';
import { displayPath } from './display-path.js';
import { LoadState } from './state.js';

export async function loadInventoryFromPaths(
  paths: readonly string[],
  options: FileParserOptions = {},
  parametersFile?: string,
): Promise<Inventory> {
  if (paths.length === 0) throw new InputError('no input given: name a cloud assembly, template or manifest');
  // Read first: a mistake in a small file the user wrote should not wait for large inputs to be parsed.
  const parameters = parametersFile === undefined ? undefined : await readParameters(parametersFile);
  const parser = new FileParser(options);
  try {
    const state = new LoadState(parser);
    const plans: { scope: InputScope; entries: Entry[]; path: string }[] = [];
    for (const path of paths) {
      const scope = await InputScope.of(path);
      plans.push({ scope, path, entries: await planPath(path, scope) });
    }
    // Large YAML files of every input start parsing in worker threads while the main thread reads the rest.
    for (const { entries } of plans)
      for (const entry of entries) if (entry.kind === 'file') parser.prefetch(entry.real, entry.shown);
    for (const plan of plans) {
      state.scope = plan.scope;
      await loadPlanned(plan.path, plan.entries, state);
    }
    return buildInventory(parameters ? { ...inputsOf(state), parameters } : state);
  } finally {
    await parser.close();
  }
}

/** What an input path holds, found before anything is parsed. */
type Entry =
  | { readonly kind: 'assembly'; readonly dir: string }
  | {
      readonly kind: 'file';
      readonly path: string;
      /** Real path, checked to be inside the input. */
      readonly real: string;
      readonly shown: string;
      /** Found by searching a directory (not named by the user): a file that cannot be read is skipped. */
      readonly found: boolean;
    };

async function planPath(path: string, scope: InputScope): Promise<Entry[]> {
  const shown = displayPath(path);
  const stats = await stat(path).catch((error: unknown) => {
    throw new InputError(`cannot read the input (${describeFsError(error)})`, shown);
  });
  if (stats.isDirectory()) {
    if (await isCloudAssembly(path, scope)) return [{ kind: 'assembly', dir: path }];
    return searchDirectory(path, scope, new Set());
  }
  if (!stats.isFile())
    throw new InputError(`expected a regular file or directory, found ${kindOf(stats)}`, shown);
  if (basename(path) === 'manifest.json' && (await isCloudAssembly(dirname(path), scope)))
    return [{ kind: 'assembly', dir: dirname(path) }];
  return [{ kind: 'file', path, real: await scope.inside(path, shown), shown, found: false }];
}

/**
 * The inputs under a directory (sorted, hidden entries skipped), without following anything outside the input:
 * a symbolic link that leaves it, and anything that is not a regular file but carries an input's name (a FIFO,
 * a device), is refused.
 */
async function searchDirectory(dir: string, scope: InputScope, visited: Set<string>): Promise<Entry[]> {
  const real = await scope.inside(dir, displayPath(dir));
  if (visited.has(real)) return [];
  visited.add(real);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new InputError(`cannot read the directory (${describeFsError(error)})`, displayPath(dir));
  }
  const entries: Entry[] = [];
  for (const name of names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    const shown = displayPath(path);
    const isInputName = INPUT_EXTENSIONS.includes(extname(name).toLowerCase());
    const link = await lstat(path).catch(() => undefined);
    if (!link) continue; // gone since the listing
    let stats = link;
    if (link.isSymbolicLink()) {
      const target = await stat(path).catch(() => undefined);
      // A dangling link: read (and reported as unreadable) only when it carries an input's name.
      if (!target) {
        if (isInputName) entries.push({ kind: 'file', path, real: path, shown, found: true });
        continue;
      }
      if (!target.isDirectory() && !isInputName) continue;
      await scope.inside(path, shown); // refuses a link that leaves the input
      stats = target;
    }
    if (stats.isDirectory()) {
      if (await isCloudAssembly(path, scope)) entries.push({ kind: 'assembly', dir: path });
      else entries.push(...(await searchDirectory(path, scope, visited)));
      continue;
    }
    if (!isInputName) continue;
    if (!stats.isFile())
      throw new InputError(`expected a regular file, found ${kindOf(stats)}; it is not read`, shown);
    entries.push({ kind: 'file', path, real: await scope.inside(path, shown), shown, found: true });
  }
  return entries;
}

async function loadPlanned(path: string, entries: readonly Entry[], state: LoadState): Promise<void> {
  const single = entries.length === 1 && entries[0]!.kind === 'assembly' ? entries[0] : undefined;
  if (single?.kind === 'assembly') return loadAssembly(single.dir, state);
  let found = 0;
  let notRead = 0;
  for (const entry of entries) {
    if (entry.kind === 'assembly') {
      await loadAssembly(entry.dir, state);
      found++;
      continue;
    }
    let loaded: true | string;
    try {
      loaded = await loadFile(entry, state);
    } catch (error) {
      // One unreadable, empty or malformed file among many must not hide the rest; it is reported as not checked.
      const malformed = error instanceof MalformedFileError;
      if (!(entry.found && (error instanceof UnreadableFileError || malformed))) throw error;
      state.diagnostics.push({
        severity: 'warning',
        message: malformed
          ? `not checked: ${error.describe()}; nothing in the file is checked`
          : `not read: ${error.message}; nothing in it is checked`,
        location: { file: entry.shown, path: '' },
        notRead: true,
        ...(malformed ? { gap: 'malformed' as const } : {}),
      });
      notRead++;
      continue;
    }
    if (loaded === true) found++;
    else if (entry.found)
      state.diagnostics.push({
        severity: 'info',
        message: `skipped: ${loaded}`,
        location: { file: entry.shown, path: '' },
      });
    else throw new InputError(loaded, entry.shown);
  }
  if (found === 0 && notRead === 0 && entries.every((e) => e.kind === 'assembly' || e.found))
    throw new InputError(
      'the directory holds no cloud assembly (manifest.json), CloudFormation template or Kubernetes manifest',
      displayPath(path),
    );
}

/** A directory whose manifest.json is a cloud assembly manifest (it carries the assembly schema version). */
async function isCloudAssembly(dir: string, scope: InputScope): Promise<boolean> {
  const file = join(dir, 'manifest.json');
  const shown = displayPath(file);
  if (!(await lstat(file).catch(() => undefined))) return false;
  const bytes = await readRegularFile(await scope.inside(file, shown), shown);
  try {
    const manifest = JSON.parse(bytes.toString('utf8')) as unknown;
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
  const stacks = await loadCloudAssembly(dir, state, new Set());
  if (stacks === 0) throw new InputError('the cloud assembly holds no stack', shown);
  state.inputs.push({ path: shown, kind: 'cloud-assembly' });
}

/** Reads one file; returns true when it was an input, else why not. */
async function loadFile(
  entry: { path: string; real: string; shown: string },
  state: LoadState,
): Promise<true | string> {
  const { path, shown } = entry;
  const read = await readInputFile(entry.real, shown, state.parser);
  if (read.kind === 'other') return read.reason;
  if (read.kind === 'kubernetes') {
    state.manifests.push(...read.manifests);
    state.inputs.push({ path: shown, kind: 'kubernetes' });
    return true;
  }
  const base = basename(path).replace(/(\.template)?(\.json|\.ya?ml|\.template)$/i, '');
  // Plain templates: the deployed stack name is chosen by whoever deploys them, so AWS::StackName stays unknown.
  await loadStackTemplate(path, state, { name: state.uniqueStackName(base) }, new Set());
  state.inputs.push({ path: shown, kind: 'cloudformation' });
  return true;
}

/** The parameters file named by the user: one JSON or YAML document, read under the same limits as inputs. */
async function readParameters(
  file: string,
): Promise<{ readonly file: string; readonly overrides: ParameterOverride[] }> {
  const shown = displayPath(file);
  const documents = await parseTextFile(file, shown);
  if (documents.length !== 1)
    throw new InputError(`expected one document of parameter values, found ${documents.length}`, shown);
  return { file: shown, overrides: parseParameterOverrides(documents[0]!.value, shown) };
}

function inputsOf(state: LoadState): Pick<LoadState, 'stacks' | 'manifests' | 'inputs' | 'diagnostics'> {
  return {
    stacks: state.stacks,
    manifests: state.manifests,
    inputs: state.inputs,
    diagnostics: state.diagnostics,
  };
}
