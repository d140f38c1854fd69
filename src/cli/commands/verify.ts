import type { Severity } from '../../report/model.js';

export interface VerifyOptions {
  readonly format: 'text' | 'json' | 'sarif' | 'html';
  readonly output?: string;
  readonly failOn: Severity;
}

/** Placeholder until the verifier lands. */
export async function verifyCommand(_paths: readonly string[], _options: VerifyOptions): Promise<void> {
  throw new Error('verify is not implemented yet');
}
