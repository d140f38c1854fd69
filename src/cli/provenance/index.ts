/** Assembles a report's provenance from what the run read, the catalog, the clock readings and the source. */
import { canonicalJson } from '../../contract/canonical-json.js';
import type { FlowSpec } from '../../flows/types.js';
import type { Provenance, ProvenanceCall, ProvenanceFile } from '../../report/model.js';
import { VERSION } from '../../version.js';
import { fileDigest, inputFileDigests, sha256Hex } from './digests.js';
import { sourceControl, systemGit, type GitReader } from './source-control.js';

export { fileDigest, inputFileDigests, sha256Hex } from './digests.js';
export { sourceControl, systemGit, withoutCredentials, type GitReader } from './source-control.js';

/** Where the blueprint of a synth came from: its file, or the default blueprint (digested as canonical JSON). */
export type BlueprintSource =
  { readonly file: string } | { readonly defaults: unknown; readonly name: string };

export interface ProvenanceInput {
  readonly paths: readonly string[];
  readonly catalog: { readonly sha256: string; readonly controls: number };
  readonly flowSpec?: FlowSpec;
  readonly blueprint?: BlueprintSource;
  readonly parametersFile?: string;
  readonly evaluatedAt: Date;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly calls?: readonly ProvenanceCall[];
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default git in the working directory */
  readonly git?: GitReader;
}

export function collectProvenance(input: ProvenanceInput): Provenance {
  const source = sourceControl(input.env ?? process.env, input.git ?? systemGit);
  return {
    tool: { name: 'vectorfort', version: VERSION },
    controlCatalog: input.catalog,
    inputs: inputFileDigests(input.paths),
    ...(input.blueprint ? { blueprint: blueprintDigest(input.blueprint) } : {}),
    ...(input.parametersFile !== undefined ? { parameters: fileDigest(input.parametersFile) } : {}),
    ...(input.flowSpec ? { flowSpec: { sha256: sha256Hex(canonicalJson(input.flowSpec)) } } : {}),
    evaluatedAt: input.evaluatedAt.toISOString(),
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    ...source,
    ...(input.calls?.length ? { calls: input.calls } : {}),
  };
}

function blueprintDigest(source: BlueprintSource): ProvenanceFile {
  if ('file' in source) return fileDigest(source.file);
  const text = canonicalJson(source.defaults);
  return { path: source.name, sha256: sha256Hex(text), bytes: Buffer.byteLength(text) };
}
