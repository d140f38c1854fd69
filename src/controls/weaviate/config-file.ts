/**
 * The config file a Weaviate container reads, as Weaviate reads it (`LoadConfig` in usecases/config): the path
 * given by `--config-file` (default `./weaviate.conf.json` in the working directory), silently skipped when the
 * file does not exist or is empty, parsed by its extension (`.yaml` with yaml.v3, `.json` with encoding/json;
 * any other extension stops Weaviate). The Helm chart mounts ConfigMap `weaviate-config` at `/weaviate-config`
 * and passes `--config-file /weaviate-config/conf.yaml`.
 */
import { posix } from 'node:path';
import { parseBoundedJson, parseBoundedYaml } from '../../contract/bounded-yaml.js';
import { InputLimitError } from '../../contract/input-limits.js';
import type { Inventory, PodTemplate } from '../../inventory/model.js';
import { mountedFile, type FileSource } from '../../inventory/kubernetes/mounted-file.js';

type Obj = Readonly<Record<string, unknown>>;

const FLAG = '--config-file';
const DEFAULT_PATH = 'weaviate.conf.json';

export type ConfigFile =
  /** Weaviate reads no config file. */
  | { readonly state: 'none'; readonly why: string }
  | {
      readonly state: 'read';
      /** The file, for messages: `the config file /weaviate-config/conf.yaml (ConfigMap weaviate-config key conf.yaml)`. */
      readonly shown: string;
      readonly source: FileSource;
      /** The parsed settings (JSON keys lower-cased, as encoding/json matches them without case). */
      readonly values: Obj;
      readonly format: 'yaml' | 'json';
      /** Where the path is set, relative to the container (`args.7`), when a flag sets it. */
      readonly at?: string;
    }
  | {
      readonly state: 'unknown';
      readonly reason: string;
      readonly at?: string;
      /** The object the file comes from, when that much is known. */
      readonly source?: FileSource;
    };

interface FlagValue {
  readonly path?: string;
  readonly at?: string;
  readonly problem?: string;
}

/** The last `--config-file` value in the command's flags and the args (the last one given wins). */
function configFlag(container: Obj): FlagValue | undefined {
  let found: FlagValue | undefined;
  for (const field of ['command', 'args'] as const) {
    const list = Array.isArray(container[field]) ? (container[field] as unknown[]) : [];
    list.forEach((token, i) => {
      if (typeof token !== 'string') return;
      const at = `${field}.${i}`;
      if (token === FLAG) {
        const next = list[i + 1];
        found =
          typeof next === 'string'
            ? { path: next, at: `${field}.${i + 1}` }
            : { at, problem: `${FLAG} has no value` };
      } else if (token.startsWith(`${FLAG}=`)) found = { path: token.slice(FLAG.length + 1), at };
      else if (token.includes(FLAG))
        found = { at, problem: `${FLAG} is passed inside a shell command that is not read` };
    });
  }
  return found;
}

function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = k.toLowerCase();
    if (key === '__proto__') continue;
    if (!(key in out)) out[key] = lowerKeys(v);
  }
  return out;
}

/** Why a config text was not read: Weaviate would refuse it, or it is beyond the input limits. */
export class UnreadConfig {
  constructor(
    readonly reason: string,
    /** Beyond the input limits: what Weaviate would make of it is not known. */
    readonly overLimit: boolean,
  ) {}
}

function parseSettings(text: string, format: 'yaml' | 'json'): Obj | UnreadConfig {
  let parsed: unknown;
  try {
    // yaml.v3 reads YAML 1.2 (`yes` is a string; Weaviate maps it to a bool only where it expects one).
    parsed =
      format === 'json' ? lowerKeys(parseBoundedJson(text)) : parseBoundedYaml(text, { version: '1.2' });
  } catch (error) {
    if (error instanceof InputLimitError)
      return new UnreadConfig(`is not evaluated: ${error.describe()}`, true);
    return new UnreadConfig(
      `cannot be parsed (${(error as Error).message.split('\n')[0]}): Weaviate refuses to start`,
      false,
    );
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    return new UnreadConfig('is not a mapping of settings: Weaviate refuses to start', false);
  return parsed as Obj;
}

function describe(path: string, source: FileSource): string {
  return `the config file ${path} (${source.kind} ${source.name} key ${source.key})`;
}

/** The config file of a Weaviate container of `pod`. */
export function configFileOf(inventory: Inventory, pod: PodTemplate, container: Obj): ConfigFile {
  const flag = configFlag(container);
  if (flag?.problem) return { state: 'unknown', reason: flag.problem, ...(flag.at ? { at: flag.at } : {}) };
  const workingDir = typeof container.workingDir === 'string' ? container.workingDir : '/';
  const path = posix.resolve('/', workingDir, flag?.path ?? DEFAULT_PATH);
  const at = flag?.at;
  const file = mountedFile(inventory, pod, container, path);
  switch (file.kind) {
    case 'not-mounted':
      // The image is not in the input; Weaviate's own image ships no config file.
      return flag
        ? {
            state: 'unknown',
            reason: `${FLAG} ${path} is not mounted from a ConfigMap or Secret in the input`,
            ...(at ? { at } : {}),
          }
        : { state: 'none', why: `no ${FLAG} flag, and nothing is mounted at ${path}` };
    case 'no-file':
      return { state: 'none', why: `${path} does not exist (${file.reason})` };
    case 'missing-object':
      return {
        state: 'unknown',
        reason: `${describe(path, file.source)} is not in the input`,
        source: file.source,
        ...(at ? { at } : {}),
      };
    case 'unknown':
      return { state: 'unknown', reason: `${path}: ${file.reason}`, ...(at ? { at } : {}) };
    case 'content': {
      if (file.text.length === 0) return { state: 'none', why: `${describe(path, file.source)} is empty` };
      const extension = /\.(\w+)$/.exec(path)?.[1];
      if (extension !== 'yaml' && extension !== 'json')
        return {
          state: 'unknown',
          reason: `${describe(path, file.source)} has extension ${extension ?? '(none)'}: Weaviate reads only .yaml or .json and refuses to start`,
          ...(at ? { at } : {}),
        };
      const values = parseSettings(file.text, extension);
      if (values instanceof UnreadConfig)
        return {
          state: 'unknown',
          reason: `${describe(path, file.source)} ${values.reason}`,
          ...(at ? { at } : {}),
        };
      return {
        state: 'read',
        shown: describe(path, file.source),
        source: file.source,
        values,
        format: extension,
        ...(at ? { at } : {}),
      };
    }
  }
}

/**
 * Parses a text as a Weaviate config file would be read (for a ConfigMap key that holds one): undefined when
 * it is not one (Weaviate would refuse it), an UnreadConfig when it is beyond the input limits.
 */
export function readConfigText(text: string, key: string): Obj | UnreadConfig | undefined {
  const format = key.endsWith('.json')
    ? 'json'
    : key.endsWith('.yaml') || key.endsWith('.yml')
      ? 'yaml'
      : undefined;
  if (!format) return undefined;
  const values = parseSettings(text, format);
  if (!(values instanceof UnreadConfig)) return values;
  return values.overLimit ? values : undefined;
}
