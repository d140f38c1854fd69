/**
 * Typed errors that map to the CLI's exit codes (ARCHITECTURE.md): 0 success, 1 failing findings,
 * 2 invalid input or usage, 3 internal error. Only src/cli/index.ts turns them into a process exit.
 */

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_INVALID_INPUT = 2;
export const EXIT_INTERNAL = 3;

/** Ends a command with a given exit code after the command has already reported why. */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message = `exited with code ${exitCode}`,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/**
 * Bad input: a file that cannot be read or parsed, a value that fails validation, a wrong flag.
 * The message names the file, the path inside it and what was expected; no stack trace is shown.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly path?: string,
    /** 1-based position in `file`, when known. */
    readonly position?: { readonly line: number; readonly column?: number },
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** One line for the terminal: `file:line:column: path: message` with the parts that are known. */
  describe(): string {
    const file =
      this.file && this.position
        ? `${this.file}:${this.position.line}${this.position.column ? `:${this.position.column}` : ''}`
        : this.file;
    const where = [file, this.path].filter((p) => p !== undefined && p !== '').join(': ');
    return where ? `${where}: ${this.message}` : this.message;
  }
}

/** Several input errors found in one pass (e.g. every invalid field of a blueprint). */
export class InputErrors extends InputError {
  constructor(readonly errors: readonly InputError[]) {
    super(errors.map((e) => e.describe()).join('\n'), errors[0]?.file);
    this.name = 'InputErrors';
  }

  override describe(): string {
    return this.errors.map((e) => e.describe()).join('\n');
  }
}
