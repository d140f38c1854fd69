/** Writes a file whole or not at all: a sibling temporary file renamed over the target. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../errors.js';

export function writeFileAtomic(file: string, content: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new InputError(`cannot write the file (${reason})`, file);
  }
}
