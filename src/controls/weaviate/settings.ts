/**
 * Weaviate's effective settings from its config file and its environment, merged as Weaviate merges them
 * (`LoadConfig` reads the file, then `FromEnv` runs over it; usecases/config/environment.go): a boolean such as
 * `AUTHENTICATION_APIKEY_ENABLED` is applied only when it is true, so `false` in the environment never turns
 * off what the file turns on; a text such as `ENABLE_MODULES` replaces the file's value when it is not empty;
 * `GO_PROFILING_DISABLE` and `DISABLE_TELEMETRY` are always taken from the environment. Weaviate's chart notes
 * ("ENV Vars has priority over this config") hold only for the variables that are set to true.
 */
import { getPath } from '../../inventory/values.js';
import type { WeaviateContainer } from './types.js';
import { enabledText, envText, isUnknownValue } from './env.js';

/** A setting's effective value and what decided it. */
export interface KnownSetting<T> {
  readonly value: T;
  readonly from: string;
  readonly at?: string;
}

/** Why a setting is not known; `at` is the attribute that leaves it open. */
export interface UnknownSetting {
  readonly unknown: string;
  readonly at?: string;
}

export type Setting<T> = KnownSetting<T> | UnknownSetting;

export function isKnown<T>(s: Setting<T>): s is KnownSetting<T> {
  return !('unknown' in s);
}

/** The file's value at a dotted path: undefined when the file is not read or does not set it. */
export function fileValue(c: WeaviateContainer, path: string): unknown {
  const file = c.configFile;
  return file.state === 'read' ? getPath(file.values as never, path) : undefined;
}

/** How yaml.v3 and encoding/json decode a value into a Go bool; a string for a value that stops Weaviate. */
function goBool(value: unknown, format: 'yaml' | 'json'): boolean | string {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (format === 'yaml' && typeof value === 'string') {
    if (['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].includes(value)) return true;
    if (['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].includes(value)) return false;
  }
  return `${JSON.stringify(value)} is not a boolean: Weaviate refuses to start`;
}

function fileAt(c: WeaviateContainer): { at?: string } {
  const at = c.configFile.state !== 'none' ? c.configFile.at : undefined;
  return at ? { at: `containers.${c.index}.${at}` } : {};
}

/** Whether the config file sets a boolean to an explicit value at `path` (for "explicitly off" rules). */
export function fileBoolean(c: WeaviateContainer, path: string): Setting<boolean> | undefined {
  const file = c.configFile;
  if (file.state === 'none') return undefined;
  if (file.state === 'unknown') return { unknown: `${path} is not known: ${file.reason}`, ...fileAt(c) };
  const raw = fileValue(c, path);
  if (raw === undefined) return undefined;
  const value = goBool(raw, file.format);
  if (typeof value === 'string') return { unknown: `${path} in ${file.shown}: ${value}`, ...fileAt(c) };
  return { value, from: `${path}: ${String(value)} in ${file.shown}`, ...fileAt(c) };
}

/**
 * A switch Weaviate turns on when the config file sets it or any of `variables` is true. Unknown when neither
 * turns it on and one of them cannot be read.
 */
export function enabledSetting(
  c: WeaviateContainer,
  variables: readonly string[],
  path: string,
): Setting<boolean> {
  let unknown: Setting<boolean> | undefined;
  for (const name of variables) {
    const text = envText(c, name);
    if (isUnknownValue(text)) unknown ??= { unknown: text.unknown, ...envAt(c, name) };
    else if (text !== undefined && enabledText(text))
      return { value: true, from: `${name}=${text}`, ...envAt(c, name) };
  }
  const file = fileBoolean(c, path);
  if (file && isKnown(file) && file.value) return file;
  if (file && !isKnown(file)) unknown ??= file;
  if (unknown) return unknown;
  return { value: false, from: `neither ${[...variables, path].join(' nor ')} is on` };
}

/** A text setting: the variable when it is set and not empty, otherwise the file's value at `path`. */
export function textSetting(
  c: WeaviateContainer,
  variable: string,
  path: string,
): Setting<string | undefined> {
  const text = envText(c, variable);
  if (isUnknownValue(text)) return { unknown: text.unknown, ...envAt(c, variable) };
  if (text !== undefined && text !== '') return { value: text, from: variable, ...envAt(c, variable) };
  const file = c.configFile;
  if (file.state === 'unknown') return { unknown: `${path} is not known: ${file.reason}`, ...fileAt(c) };
  const raw = fileValue(c, path);
  if (typeof raw === 'string')
    return {
      value: raw,
      from: `${path} in ${file.state === 'read' ? file.shown : 'the config file'}`,
      ...fileAt(c),
    };
  if (raw !== undefined && raw !== null)
    return { unknown: `${path} is not a text: Weaviate refuses to start`, ...fileAt(c) };
  return { value: undefined, from: `${variable} is not set` };
}

/** Where a variable is set, relative to the pod spec (`containers.0.env.5`). */
export function envAt(c: WeaviateContainer, name: string): { at?: string } {
  const at = c.env.get(name)?.at;
  return at ? { at: `containers.${c.index}.${at}` } : {};
}

/** Weaviate's client authentication methods checked here: static API keys and OIDC. */
export const AUTHENTICATION_METHODS = [
  {
    name: 'API keys',
    setting: (c: WeaviateContainer) =>
      enabledSetting(c, ['AUTHENTICATION_APIKEY_ENABLED'], 'authentication.apikey.enabled'),
  },
  {
    name: 'OIDC',
    setting: (c: WeaviateContainer) =>
      enabledSetting(c, ['AUTHENTICATION_OIDC_ENABLED'], 'authentication.oidc.enabled'),
  },
] as const;
