/**
 * The input limits' refusal (contract) as the CLI's input error (root): here because neither of those layers
 * may import the other, and the blueprint and the commands that read input files both need it.
 */
import { InputLimitError } from '../contract/input-limits.js';
import { InputError } from '../errors.js';

/** An input beyond one of the input limits as an input error naming the file, the path and the line; else `error`. */
export function limitAsInputError(error: unknown, file: string): unknown {
  if (!(error instanceof InputLimitError)) return error;
  return new InputError(
    error.message,
    file,
    error.path || undefined,
    error.line === undefined ? undefined : { line: error.line },
  );
}
