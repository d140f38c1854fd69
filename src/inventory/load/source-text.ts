/**
 * Reading an input file as text, rejecting what is not text: missing, unreadable, empty, binary (NUL bytes)
 * or not UTF-8. Each refusal is an InputError naming the file.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export async function readSourceText(file: string, shown: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError(`cannot read the file (${describeFsError(error)})`, shown);
  }
  if (bytes.length === 0) throw new InputError('the file is empty', shown);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError(`the file is binary, not text (a NUL byte at offset ${nul})`, shown);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new InputError('the file is not valid UTF-8 text', shown);
  }
  if (text.trim() === '') throw new InputError('the file is empty (only whitespace)', shown);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'the file is too large';
    default:
      return code ?? (error as Error).message;
  }
}
