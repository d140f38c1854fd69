/**
 * One input file, parsed and classified: a CloudFormation template, Kubernetes manifests, or neither. Shapes
 * that cannot be read are InputErrors naming the file, the path inside it and the line.
 */
import { isMacroKey, resourceProblem, templateProblems } from '../cloudformation/shape.js';
import { isList, joinPath, manifestProblem, type ManifestInput } from '../kubernetes/objects.js';
import type { ParsedDocument } from './document.js';
import type { FileParser } from './parse-file.js';
import { MalformedFileError } from './source-text.js';

export type ReadInput =
  | {
      readonly kind: 'cloudformation';
      readonly template: Record<string, unknown>;
      readonly document: ParsedDocument;
    }
  | { readonly kind: 'kubernetes'; readonly manifests: ManifestInput[] }
  | { readonly kind: 'other'; readonly reason: string };

/** File name endings read as inputs when a directory is searched. */
export const INPUT_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];

export async function readInputFile(file: string, shown: string, parser: FileParser): Promise<ReadInput> {
  return classify(await parser.parse(file, shown), shown);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTemplate(value: unknown): value is Record<string, unknown> {
  return isMapping(value) && ('Resources' in value || 'AWSTemplateFormatVersion' in value);
}

function looksLikeManifest(value: unknown): boolean {
  return isMapping(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

export function classify(documents: readonly ParsedDocument[], shown: string): ReadInput {
  const present = documents.filter((d) => d.value !== null && d.value !== undefined);
  if (present.length === 0) return { kind: 'other', reason: 'the file holds no document' };
  if (present.length === 1 && isTemplate(present[0]!.value)) {
    const document = present[0]!;
    checkTemplate(document.value as Record<string, unknown>, document, shown);
    return { kind: 'cloudformation', template: document.value as Record<string, unknown>, document };
  }
  if (present.some((d) => looksLikeManifest(d.value)))
    return { kind: 'kubernetes', manifests: manifestsOf(documents, shown) };
  return {
    kind: 'other',
    reason:
      'expected a CloudFormation template (a mapping with Resources) or Kubernetes manifests (mappings with apiVersion and kind)',
  };
}

/** Rejects a template whose sections or resources have the wrong type. */
export function checkTemplate(
  template: Record<string, unknown>,
  document: ParsedDocument,
  shown: string,
): void {
  const fail = (path: string, message: string): never => {
    const line = document.lineOf(path);
    throw new MalformedFileError(message, shown, path, line === undefined ? undefined : { line });
  };
  const problem = templateProblems(template)[0];
  if (problem) fail(problem.path, problem.message);
  for (const [logicalId, resource] of Object.entries(template.Resources as Record<string, unknown>)) {
    if (isMacroKey(logicalId)) continue; // expanded by CloudFormation; reported by the inventory
    const resourceError = resourceProblem(resource);
    if (resourceError) fail(`Resources.${logicalId}`, resourceError);
  }
}

function manifestsOf(documents: readonly ParsedDocument[], shown: string): ManifestInput[] {
  const manifests: ManifestInput[] = [];
  const add = (object: unknown, path: string, document: ParsedDocument, within: string) => {
    const line = document.lineOf(within);
    const problem = manifestProblem(object);
    if (problem) {
      // The line of the field at fault where the file has it, else the object's.
      const at = document.lineOf(joinPath(within, problem.path)) ?? line;
      throw new MalformedFileError(
        problem.message,
        shown,
        joinPath(path, problem.path),
        at === undefined ? undefined : { line: at },
      );
    }
    manifests.push({
      object,
      location: line === undefined ? { file: shown, path } : { file: shown, path, line },
    });
  };
  documents.forEach((document, i) => {
    const value = document.value;
    if (value === null || value === undefined) return; // an empty document between separators
    const path = `documents.${i}`;
    if (isMapping(value) && isList(value) && Array.isArray(value.items)) {
      value.items.forEach((item, j) => add(item, `${path}.items.${j}`, document, `items.${j}`));
    } else add(value, path, document, '');
  });
  return manifests;
}
