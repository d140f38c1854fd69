/**
 * The deployed template (GetTemplate's answer, JSON or YAML text) as a value, under the same input limits as a
 * template given to verify: the account's answer is input too, and a stack can be changed outside the pipeline.
 */
import { parseBoundedJsonOrYaml } from '../contract/bounded-yaml.js';
import { InputLimitError } from '../contract/input-limits.js';

/** Why a deployed template was not read. */
export class UnreadTemplate {
  constructor(readonly reason: string) {}
}

/**
 * GetTemplate answers with the template as deployed: JSON or YAML text, held to the input limits like any
 * template given to verify (the account's answer is input too).
 */
export function parseDeployedTemplate(
  text: string | undefined,
): Record<string, unknown> | UnreadTemplate | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = parseBoundedJsonOrYaml(text);
  } catch (error) {
    return new UnreadTemplate(
      error instanceof InputLimitError
        ? error.describe()
        : `it does not parse (${(error as Error).message.split('\n')[0]!})`,
    );
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : new UnreadTemplate('it is not a mapping');
}
