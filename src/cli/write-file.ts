/**
 * Writing outputs whole or not at all: a temporary file beside the target, renamed over it. The target is
 * looked at first, since in CI this may run as root on paths a pull request can influence:
 *
 * - a regular file (or no file yet) is replaced atomically; the temporary file gets a random name and is
 *   created exclusively, so a link planted under a predictable name cannot redirect the write;
 * - a character device or FIFO (`--output /dev/null`, a named pipe) is written directly: renaming over it
 *   would replace the device node;
 * - a symbolic link is followed only to a regular file owned by the user running the command, whose file is
 *   then replaced (the link stays); a link to anything else (a device, another user's file, nothing) is
 *   refused, as is every other kind of file.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
  closeSync,
  constants,
  createWriteStream,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

type Target =
  /** Replace `path` (a regular file or nothing yet) through a temporary file. */
  | { readonly kind: 'replace'; readonly path: string }
  /** Write into the open descriptor of a device or FIFO. */
  | { readonly kind: 'direct'; readonly fd: number };

export function writeFileAtomic(file: string, content: string): void {
  const target = openTarget(file);
  if (target.kind === 'direct') {
    try {
      writeFileSync(target.fd, content);
    } catch (error) {
      throw cannotWrite(file, error);
    } finally {
      closeSync(target.fd);
    }
    return;
  }
  const temporary = temporaryBeside(target.path);
  try {
    writeFileSync(temporary, content, { flag: 'wx' });
    renameSync(temporary, target.path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw cannotWrite(file, error);
  }
}

/** Writes chunks to a stream, waiting whenever the stream asks to (a pipe that is read slowly). */
async function writeAll(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) if (!stream.write(chunk)) await once(stream, 'drain');
}

/** Streams chunks to standard output. */
export async function writeChunksToStdout(chunks: Iterable<string>): Promise<void> {
  await writeAll(process.stdout, chunks);
}

/** Streams chunks into a file, whole or not at all (see writeFileAtomic for what the target may be). */
export async function writeChunksAtomic(file: string, chunks: Iterable<string>): Promise<void> {
  const target = openTarget(file);
  if (target.kind === 'direct') {
    try {
      await streamInto(createWriteStream('', { fd: target.fd }), chunks);
    } catch (error) {
      throw cannotWrite(file, error);
    }
    return;
  }
  const temporary = temporaryBeside(target.path);
  try {
    await streamInto(createWriteStream(temporary, { flags: 'wx' }), chunks);
    renameSync(temporary, target.path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw cannotWrite(file, error);
  }
}

async function streamInto(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  await Promise.race([writeAll(stream, chunks), failed]);
  await Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed]);
}

/** Decides how to write `file` (module comment); creates its directory when it has none yet. */
function openTarget(file: string): Target {
  let stats;
  try {
    mkdirSync(dirname(file), { recursive: true });
    stats = lstatSync(file, { throwIfNoEntry: false });
  } catch (error) {
    throw cannotWrite(file, error);
  }
  if (!stats || stats.isFile()) return { kind: 'replace', path: file };
  if (stats.isSymbolicLink()) return { kind: 'replace', path: ownRegularFileBehind(file) };
  if (stats.isCharacterDevice() || stats.isFIFO()) {
    // No O_CREAT: if the node was swapped for something else meanwhile, nothing new is created; O_NOFOLLOW
    // refuses a link swapped in.
    let fd;
    try {
      fd = openSync(file, constants.O_WRONLY | constants.O_NOFOLLOW);
    } catch (error) {
      throw cannotWrite(file, error);
    }
    const opened = fstatSync(fd);
    if (opened.isCharacterDevice() || opened.isFIFO()) return { kind: 'direct', fd };
    closeSync(fd);
    throw new InputError('the output changed while it was opened; nothing was written', file);
  }
  throw new InputError(
    `cannot write the file (it is ${stats.isDirectory() ? 'a directory' : 'neither a regular file, a character device nor a FIFO'})`,
    file,
  );
}

/** The regular file a symbolic link points to, when the user running the command owns it. */
function ownRegularFileBehind(link: string): string {
  let real: string;
  let stats;
  try {
    real = realpathSync(link);
    stats = statSync(real);
  } catch {
    throw new InputError('the output is a symbolic link that points nowhere; it is not followed', link);
  }
  const uid = process.getuid?.();
  if (!stats.isFile() || (uid !== undefined && stats.uid !== uid))
    throw new InputError(
      `the output is a symbolic link to ${real}, which is not a regular file of the user running vectorfort; it is not followed (name the file itself)`,
      link,
    );
  return real;
}

/** A temporary name beside `file` that nobody can predict. */
function temporaryBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
}

function cannotWrite(file: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
  return new InputError(`cannot write the file (${reason})`, file);
}
