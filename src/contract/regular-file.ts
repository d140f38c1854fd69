/**
 * Reading one named file whole, synchronously, for the commands that read a single file before anything else
 * (the blueprint, a reviewed report, an attachment manifest, a key): only a regular file of at most
 * INPUT_LIMITS.maxFileBytes is read. A FIFO would block until a writer comes, and a device such as /dev/zero
 * never ends; either would hang the command or exhaust its memory. The inventory's asynchronous reader
 * (inventory/load/source-text.ts) applies the same rule to the files it reads.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { INPUT_LIMITS, tooLarge } from './input-limits.js';

/** A file refused before it was read; the message says why (the caller names the file). */
export class FileRefusal extends Error {
  constructor(
    message: string,
    /** What the file is when it is not a regular file (`a directory`, `a FIFO (named pipe)`). */
    readonly kind?: string,
  ) {
    super(message);
    this.name = 'FileRefusal';
  }
}

/** What a non-regular file is, for messages. */
export function kindOf(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isSymbolicLink(): boolean;
}): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * The bytes of the regular file `file` (a symbolic link to one is followed). Opened without blocking and
 * checked on the open descriptor, so what is checked is what is read. Errors of the file system (ENOENT,
 * EACCES) are thrown as they come, for the caller's own wording; anything else refused is a FileRefusal.
 */
export function readRegularFileSync(file: string, maxBytes: number = INPUT_LIMITS.maxFileBytes): Buffer {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      const kind = kindOf(stats);
      throw new FileRefusal(`expected a regular file, found ${kind}; it is not read`, kind);
    }
    if (stats.size > maxBytes)
      throw new FileRefusal(
        maxBytes === INPUT_LIMITS.maxFileBytes
          ? tooLarge(stats.size).message
          : `the file is ${stats.size.toLocaleString('en-US')} bytes; at most ${maxBytes.toLocaleString('en-US')} are read`,
      );
    // One byte more than the size tells a file that grew since the check from one that did not.
    const buffer = Buffer.alloc(stats.size + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) break;
    }
    if (length > stats.size) throw new FileRefusal('the file grew while it was read; it is not read');
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** The text of the regular file `file`, as UTF-8 (see readRegularFileSync). */
export function readRegularTextSync(file: string, maxBytes?: number): string {
  return readRegularFileSync(file, maxBytes).toString('utf8');
}
