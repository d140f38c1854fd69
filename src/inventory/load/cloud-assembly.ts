/**
 * A CDK cloud assembly directory: the stacks its `manifest.json` lists (with the environment each one
 * targets), stage sub-assemblies, and nested stacks whose templates the assembly holds as assets. The
 * manifest is read as the documented JSON file format rather than through the CDK's cloud-assembly API, which
 * would also validate the schema version and refuse assemblies of newer CDK versions.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import type { StackInput } from '../cloudformation/stack-context.js';
import { checkTemplate } from './read-input.js';
import { displayPath, type LoadState } from './state.js';

export async function loadCloudAssembly(dir: string, state: LoadState): Promise<number> {
  const manifestFile = join(dir, 'manifest.json');
  const shownManifest = displayPath(manifestFile);
  const manifest = (await state.parser.parse(manifestFile, shownManifest))[0]!.value;
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
      await loadStackTemplate(dir, properties.templateFile, state, {
        name: state.uniqueStackName(id),
        ...(environment ? { environment } : {}),
        deployedName: typeof properties.stackName === 'string' ? properties.stackName : id,
      });
      stacks++;
    } else if (artifact.type === 'cdk:cloud-assembly' && typeof properties.directoryName === 'string') {
      const nested = join(dir, properties.directoryName);
      if (!existsSync(join(nested, 'manifest.json')))
        throw new InputError('the nested cloud assembly is missing', shownManifest, `artifacts.${id}`);
      stacks += await loadCloudAssembly(nested, state);
    }
  }
  return stacks;
}

type StackIdentity = Pick<StackInput, 'name' | 'environment' | 'deployedName' | 'parent'>;

/** Reads a template of the assembly and, recursively, the nested stack templates it refers to. */
export async function loadStackTemplate(
  dir: string,
  templateFile: string,
  state: LoadState,
  identity: StackIdentity,
): Promise<void> {
  const file = join(dir, templateFile);
  const shown = displayPath(file);
  const document = (await state.parser.parse(file, shown))[0];
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
    if (nestedFile === undefined || !existsSync(join(dir, nestedFile))) {
      state.diagnostics.push({
        severity: 'warning',
        message: `the template of nested stack ${logicalId} is not in the input; its resources are not checked`,
        location: {
          file: shown,
          path: `Resources.${logicalId}`,
          ...lineOf(document.lineOf(`Resources.${logicalId}`)),
        },
      });
      continue;
    }
    await loadStackTemplate(dir, nestedFile, state, {
      name: `${identity.name}/${logicalId}`,
      ...(identity.environment ? { environment: identity.environment } : {}),
      parent: { stack: identity.name, logicalId },
    });
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
    const manifest = (await state.parser.parse(file, displayPath(file)))[0]?.value;
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
