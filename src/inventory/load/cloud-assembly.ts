/**
 * A CDK cloud assembly directory: the stacks its `manifest.json` lists (with the environment each one
 * targets), stage sub-assemblies, and nested stacks whose templates the assembly holds as assets. The
 * manifest is read as the documented JSON file format rather than through the CDK's cloud-assembly API, which
 * would also validate the schema version and refuse assemblies of newer CDK versions. Every file it names is
 * read only inside the input, and a nested stack or assembly that contains itself is refused as a cycle.
 */
import { lstat, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../../errors.js';
import type { StackInput } from '../cloudformation/stack-context.js';
import { checkTemplate } from './read-input.js';
import { displayPath } from './display-path.js';
import type { LoadState } from './state.js';

/**
 * Nested stacks and nested assemblies read in one run, at most: nesting that names the same template several
 * times fans out exponentially without a cycle.
 */
export const MAX_NESTED = 2000;

/**
 * Reads the assembly in `dir` and its nested assemblies; `chain` holds the real paths of the assemblies that
 * contain this one. Returns how many stacks it holds.
 */
export async function loadCloudAssembly(dir: string, state: LoadState, chain: Set<string>): Promise<number> {
  const shownDir = displayPath(dir);
  const real = await state.scope.inside(dir, shownDir);
  const manifestFile = join(dir, 'manifest.json');
  const shownManifest = displayPath(manifestFile);
  const manifest = (
    await state.parser.parse(await state.scope.inside(manifestFile, shownManifest), shownManifest)
  )[0]!.value;
  const artifacts = isMapping(manifest) ? manifest.artifacts : undefined;
  if (!isMapping(artifacts))
    throw new InputError('expected a cloud assembly manifest with artifacts', shownManifest, 'artifacts');
  let stacks = 0;
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isMapping(artifact)) continue;
    const properties = isMapping(artifact.properties) ? artifact.properties : {};
    if (artifact.type === 'aws:cloudformation:stack') {
      if (typeof properties.templateFile !== 'string')
        throw new InputError('expected the stack to name its templateFile', shownManifest, `artifacts.${id}`);
      const environment = parseEnvironment(artifact.environment);
      await loadStackTemplate(
        join(dir, properties.templateFile),
        state,
        {
          name: state.uniqueStackName(id),
          ...(environment ? { environment } : {}),
          deployedName: typeof properties.stackName === 'string' ? properties.stackName : id,
        },
        new Set(),
      );
      stacks++;
    } else if (artifact.type === 'cdk:cloud-assembly' && typeof properties.directoryName === 'string') {
      const nested = join(dir, properties.directoryName);
      if (!(await lstat(join(nested, 'manifest.json')).catch(() => undefined)))
        throw new InputError('the nested cloud assembly is missing', shownManifest, `artifacts.${id}`);
      const nestedReal = await state.scope.inside(nested, displayPath(nested));
      if (nestedReal === real || chain.has(nestedReal))
        throw new InputError(
          `the nested cloud assembly ${displayPath(nested)} contains this assembly (a cycle); expected a subdirectory of its own`,
          shownManifest,
          `artifacts.${id}.properties.directoryName`,
        );
      countNested(state, shownManifest, `artifacts.${id}`);
      stacks += await loadCloudAssembly(nested, state, new Set([...chain, real]));
    }
  }
  return stacks;
}

type StackIdentity = Pick<StackInput, 'name' | 'environment' | 'deployedName' | 'parent'>;

function countNested(state: LoadState, file: string, path: string): void {
  if (++state.nestedLoaded > MAX_NESTED)
    throw new InputError(
      `more than ${MAX_NESTED} nested stacks and assemblies; expected nesting that names each template a few times`,
      file,
      path,
    );
}

/**
 * Reads a template and, recursively, the nested stack templates it refers to; `chain` holds the real paths of
 * the templates that nest this one.
 */
export async function loadStackTemplate(
  file: string,
  state: LoadState,
  identity: StackIdentity,
  chain: Set<string>,
): Promise<void> {
  const dir = dirname(file);
  const shown = displayPath(file);
  const real = await state.scope.inside(file, shown);
  const document = (await state.parser.parse(real, shown))[0];
  const template = document?.value;
  if (!document || !isMapping(template)) throw new InputError('expected a CloudFormation template', shown);
  checkTemplate(template, document, shown);
  state.stacks.push({ ...identity, template, file: shown, lineOf: (path) => document.lineOf(path) });

  for (const [logicalId, resource] of Object.entries(template.Resources as Record<string, unknown>)) {
    if (!isMapping(resource) || resource.Type !== 'AWS::CloudFormation::Stack') continue;
    const asset = isMapping(resource.Metadata) ? resource.Metadata['aws:asset:path'] : undefined;
    const url = isMapping(resource.Properties) ? resource.Properties.TemplateURL : undefined;
    // The CDK records the nested template's file in the asset metadata; templates packaged by hand name a
    // local file in TemplateURL.
    const nestedFile =
      typeof asset === 'string'
        ? asset
        : typeof url === 'string' && !/^[a-z]+:\/\//i.test(url)
          ? url
          : await assetByHash(dir, JSON.stringify(url ?? null), state);
    const nestedPath = nestedFile === undefined ? undefined : join(dir, nestedFile);
    if (nestedPath === undefined || !(await lstat(nestedPath).catch(() => undefined))) {
      state.diagnostics.push({
        severity: 'warning',
        message: `the template of nested stack ${logicalId} is not in the input; its resources are not checked`,
        gap: 'not-read',
        location: {
          file: shown,
          path: `Resources.${logicalId}`,
          ...lineOf(document.lineOf(`Resources.${logicalId}`)),
        },
      });
      continue;
    }
    const line = document.lineOf(`Resources.${logicalId}`);
    const refuse = (why: string): never => {
      throw new InputError(
        `the nested stack's template ${displayPath(nestedPath)} ${why}`,
        shown,
        `Resources.${logicalId}`,
        line === undefined ? undefined : { line },
      );
    };
    const nestedReal = await state.scope
      .inside(nestedPath, displayPath(nestedPath))
      .catch((error: unknown) => refuse((error as Error).message));
    if (nestedReal === real || chain.has(nestedReal))
      refuse('nests this template again (a cycle); expected a template of its own');
    countNested(state, shown, `Resources.${logicalId}`);
    await loadStackTemplate(
      nestedPath,
      state,
      {
        name: `${identity.name}/${logicalId}`,
        ...(identity.environment ? { environment: identity.environment } : {}),
        parent: { stack: identity.name, logicalId },
      },
      new Set([...chain, real]),
    );
  }
}

/**
 * Without asset metadata, the CDK's TemplateURL still ends in `<hash>.json`; the assembly's asset manifests
 * (`*.assets.json`) map that hash to the template file.
 */
async function assetByHash(dir: string, url: string, state: LoadState): Promise<string | undefined> {
  const hash = /([0-9a-f]{64})\.json/.exec(url)?.[1];
  if (!hash) return undefined;
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.assets.json')).sort();
  } catch {
    return undefined;
  }
  for (const name of names) {
    const file = join(dir, name);
    const shown = displayPath(file);
    const manifest = (await state.parser.parse(await state.scope.inside(file, shown), shown))[0]?.value;
    const files = isMapping(manifest) && isMapping(manifest.files) ? manifest.files : {};
    const entry = files[hash];
    const source = isMapping(entry) && isMapping(entry.source) ? entry.source : undefined;
    if (typeof source?.path === 'string') return source.path;
  }
  return undefined;
}

function lineOf(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

/** `aws://123456789012/eu-west-1`; the CDK writes `unknown-account` / `unknown-region` for agnostic stacks. */
function parseEnvironment(value: unknown): { account?: string; region?: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(value);
  if (!match) return undefined;
  const account = /^\d{12}$/.test(match[1]!) ? match[1] : undefined;
  const region = /^[a-z]{2}(-[a-z]+)+-\d+$/.test(match[2]!) ? match[2] : undefined;
  return { ...(account ? { account } : {}), ...(region ? { region } : {}) };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
