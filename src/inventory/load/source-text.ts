/**
 * Reading an input file as text, rejecting what is not text: missing, unreadable, empty, binary (NUL bytes)
 * or not UTF-8. Only regular files are read, and at most the size limit: a FIFO, a device such as /dev/zero or
 * a socket among the inputs would otherwise block or never end. Each refusal is an InputError naming the file.
 */
import { constants } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { INPUT_LIMITS, inputGuardsOn, tooLarge } from '../../contract/input-limits.js';
import { kindOf } from '../../contract/regular-file.js';
import { InputError } from '../../errors.js';

export { kindOf };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Why a read failed in a way that concerns one file only (it is skipped when met in a directory). */
export class UnreadableFileError extends InputError {}

/**
 * The file was read but is not valid YAML or JSON, or not a valid template or manifest (a resource whose Type is a
 * preprocessor's module, for one). It concerns this file only: named on the command line it is invalid input;
 * met in a directory it is reported as not checked while the rest is verified.
 */
export class MalformedFileError extends InputError {}

export async function readSourceText(file: string, shown: string): Promise<string> {
  const bytes = await readRegularFile(file, shown);
  if (bytes.length === 0) throw new UnreadableFileError('the file is empty', shown);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError(`the file is binary, not text (a NUL byte at offset ${nul})`, shown);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new InputError('the file is not valid UTF-8 text', shown);
  }
  if (text.trim() === '') throw new UnreadableFileError('the file is empty (only whitespace)', shown);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The bytes of a regular file of at most INPUT_LIMITS.maxFileBytes. Opened without blocking (a FIFO would wait
 * for a writer) and checked on the open descriptor, so what is checked is what is read.
 */
export async function readRegularFile(file: string, shown: string): Promise<Buffer> {
  if (!inputGuardsOn()) return readFile(file).catch((error: unknown) => cannotRead(error, shown));
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: unknown) =>
    cannotRead(error, shown),
  );
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new InputError(`expected a regular file, found ${kindOf(stats)}; it is not read`, shown);
    if (stats.size > INPUT_LIMITS.maxFileBytes) throw new InputError(tooLarge(stats.size).message, shown);
    // One byte more than the size tells a file that grew since the check from one that did not.
    const buffer = Buffer.alloc(stats.size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > stats.size) throw new InputError('the file grew while it was read; it is not read', shown);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof InputError) throw error;
    return cannotRead(error, shown);
  } finally {
    await handle.close();
  }
}

function cannotRead(error: unknown, shown: string): never {
  throw new UnreadableFileError(`cannot read the file (${describeFsError(error)})`, shown);
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
