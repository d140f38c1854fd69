/**
 * Building the inventory. The inventory work implements these; everything else (controls, fixtures, the
 * reachability analyser, `vectorfort verify`) calls only these two functions.
 */
import { buildInventory } from './build.js';
import { loadInventoryFromPaths } from './load/index.js';
import { InputScope } from './load/input-scope.js';
import { parseTextFile } from './load/parse-file.js';
import { displayPath } from './load/display-path.js';
import type { Inventory } from './model.js';
import { parseParameterOverrides } from './parameters/overrides.js';

export * from './model.js';
export * from './values.js';

/** In-memory inputs, as control fixtures and tests write them. */
export interface InMemoryInputs {
  /** CloudFormation templates (parsed JSON), by stack name. */
  readonly templates?: Readonly<Record<string, Record<string, unknown>>>;
  /** Kubernetes objects (already parsed). */
  readonly manifests?: readonly Record<string, unknown>[];
  /**
   * Parameter values for the run, in any form a `--parameters` file takes (already parsed).
   * @default - none
   */
  readonly parameters?: unknown;
  /**
   * The account and region of stacks, by stack name, as a cloud assembly would state them.
   * @default - none: the templates are bare, deployed wherever someone deploys them
   */
  readonly environments?: Readonly<Record<string, { readonly account?: string; readonly region?: string }>>;
}

/** Options of reading inputs from files. */
export interface LoadOptions {
  /**
   * A file of parameter values for the templates (`--parameters`): JSON or YAML, see `parameters/overrides.ts`.
   * @default - none: parameters the templates do not fix are chosen at deploy time (unknown)
   */
  readonly parameters?: string;
}

/**
 * Builds an inventory from parsed templates and manifests (no files). Never throws for odd shapes, except a
 * malformed embedded flow spec (InputError).
 */
export function inventoryFromObjects(inputs: InMemoryInputs): Inventory {
  const templates = Object.entries(inputs.templates ?? {});
  return buildInventory({
    // The caller names each stack, so that name is also what AWS::StackName resolves to.
    stacks: templates.map(([name, template]) => {
      const environment =
        inputs.environments && Object.hasOwn(inputs.environments, name)
          ? inputs.environments[name]
          : undefined;
      return { name, template, file: name, deployedName: name, ...(environment ? { environment } : {}) };
    }),
    manifests: (inputs.manifests ?? []).map((object, i) => ({
      object,
      location: { file: 'manifests', path: `documents.${i}` },
    })),
    inputs: [
      ...templates.map(([name]) => ({ path: name, kind: 'cloudformation' as const })),
      ...(inputs.manifests?.length ? [{ path: 'manifests', kind: 'kubernetes' as const }] : []),
    ],
    ...(inputs.parameters === undefined
      ? {}
      : {
          parameters: {
            file: 'parameters',
            overrides: parseParameterOverrides(inputs.parameters, 'parameters'),
          },
        }),
  });
}

/**
 * Reads cloud assembly directories, CloudFormation templates (JSON or YAML with short-form tags) and Kubernetes
 * manifests (files or directories), detecting each input's kind. Throws InputError (exit 2) naming the file
 * for unreadable, truncated, binary, wrongly-typed or missing inputs, and for a parameters file that names a
 * parameter or stack the inputs do not have.
 */
export async function loadInventory(paths: readonly string[], options: LoadOptions = {}): Promise<Inventory> {
  return loadInventoryFromPaths(paths, {}, options.parameters);
}

/**
 * Reads and parses one file again under the loader's rules (inside `root`, a regular file, within the input
 * limits), for stages that hand an input to another library: they pass on the real path that was checked.
 */
export async function readInputAgain(
  root: string,
  file: string,
): Promise<{ readonly real: string; readonly values: readonly unknown[] }> {
  const shown = displayPath(file);
  const real = await (await InputScope.of(root)).inside(file, shown);
  const documents = await parseTextFile(real, shown);
  return { real, values: documents.map((d) => d.value) };
}

/**
 * The real path of one file of an input, checked again under the loader's rules (inside `root`), for stages
 * that read the file themselves with `parseTextFile` (which applies the input limits).
 */
export async function inputPathAgain(root: string, file: string): Promise<string> {
  return (await InputScope.of(root)).inside(file, displayPath(file));
}
