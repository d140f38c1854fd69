/**
 * The parameter values a user supplies for a run (`verify --parameters FILE`), read from the parsed file. Three
 * forms, which may be mixed where they do not collide:
 * - the AWS CLI's list, as `aws cloudformation create-stack --parameters file://…` takes it:
 *   `[{"ParameterKey": "SshCidr", "ParameterValue": "203.0.113.0/24"}]`;
 * - a mapping of parameter name to value (JSON or YAML): `{"SshCidr": "203.0.113.0/24"}`; a value applies to
 *   every stack of the input that declares the parameter;
 * - per stack: a stack name mapped to either form above (`{"network": {"VpcCidr": "10.0.0.0/16"}}`).
 * A parameter value is a scalar (or a list of scalars for list-typed parameters), never a mapping, so a mapping
 * or a list of `ParameterKey` entries under a name is always a stack's scope.
 */
import { InputError } from '../../errors.js';

/** One supplied value, where it was written in the file. */
export interface ParameterOverride {
  /** The stack it is scoped to; undefined for a value that applies to every stack declaring the parameter. */
  readonly stack?: string;
  readonly key: string;
  /** Undefined for an AWS CLI entry with `UsePreviousValue`: the deployed stack's value, not known offline. */
  readonly value?: string;
  /** Dotted path of the entry in the file, for messages. */
  readonly path: string;
}

const CLI_ENTRY_FIELDS = new Set(['ParameterKey', 'ParameterValue', 'UsePreviousValue', 'ResolvedValue']);

type Raw = Record<string, unknown>;

function isMapping(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** A list of AWS CLI entries (mappings), as opposed to a list parameter's value (scalars). */
function isCliList(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0 && value.every(isMapping);
}

/** Reads the parsed parameters file; throws InputError naming the place for anything else. */
export function parseParameterOverrides(value: unknown, file: string): ParameterOverride[] {
  if (isCliList(value)) return cliEntries(value, file, '', undefined);
  if (!isMapping(value))
    throw new InputError(
      'expected a mapping of parameter names to values, or the AWS CLI list of ParameterKey and ParameterValue entries',
      file,
    );
  const overrides: ParameterOverride[] = [];
  for (const [name, entry] of Object.entries(value)) {
    if (isMapping(entry)) overrides.push(...mappingEntries(entry, file, name, name));
    else if (isCliList(entry)) overrides.push(...cliEntries(entry, file, name, name));
    else overrides.push({ key: name, value: valueText(entry, file, name), path: name });
  }
  return overrides;
}

function mappingEntries(value: Raw, file: string, stack: string, at: string): ParameterOverride[] {
  return Object.entries(value).map(([key, entry]) => {
    const path = `${at}.${key}`;
    if (isMapping(entry) || isCliList(entry))
      throw new InputError(
        'expected a parameter value (a string, number, boolean or list of them); stacks are not nested in stacks',
        file,
        path,
      );
    return { stack, key, value: valueText(entry, file, path), path };
  });
}

function cliEntries(
  list: readonly unknown[],
  file: string,
  at: string,
  stack: string | undefined,
): ParameterOverride[] {
  const seen = new Set<string>();
  return list.map((entry, i) => {
    const path = at === '' ? String(i) : `${at}.${i}`;
    const fields = entry as Raw;
    const extra = Object.keys(fields).find((k) => !CLI_ENTRY_FIELDS.has(k));
    if (extra !== undefined)
      throw new InputError(
        `unexpected field ${JSON.stringify(extra)}; an entry has ParameterKey and ParameterValue (or UsePreviousValue)`,
        file,
        path,
      );
    const key = fields.ParameterKey;
    if (typeof key !== 'string' || key === '')
      throw new InputError('expected ParameterKey, the name of a parameter', file, path);
    if (seen.has(key)) throw new InputError(`parameter ${key} is given twice`, file, path);
    seen.add(key);
    const scope = stack === undefined ? {} : { stack };
    if (fields.ParameterValue === undefined) {
      if (fields.UsePreviousValue !== true)
        throw new InputError('expected ParameterValue (or UsePreviousValue: true)', file, path);
      return { ...scope, key, path };
    }
    if (fields.UsePreviousValue === true)
      throw new InputError('expected ParameterValue or UsePreviousValue, not both', file, path);
    return { ...scope, key, value: valueText(fields.ParameterValue, file, `${path}.ParameterValue`), path };
  });
}

/** A value as CloudFormation receives it: text, with a list's elements joined by commas. */
function valueText(value: unknown, file: string, path: string): string {
  if (isScalar(value)) return String(value);
  if (Array.isArray(value) && value.length > 0 && value.every(isScalar)) return value.map(String).join(',');
  throw new InputError(
    'expected a parameter value: a string, number, boolean or a non-empty list of them',
    file,
    path,
  );
}
