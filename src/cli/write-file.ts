/** Writing outputs whole or not at all: a sibling temporary file renamed over the target. */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/** Writes chunks to a stream, waiting whenever the stream asks to (a pipe that is read slowly). */
async function writeAll(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) if (!stream.write(chunk)) await once(stream, 'drain');
}

/** Streams chunks to standard output. */
export async function writeChunksToStdout(chunks: Iterable<string>): Promise<void> {
  await writeAll(process.stdout, chunks);
}

/** Streams chunks into a file, whole or not at all (a temporary file renamed over the target). */
export async function writeChunksAtomic(file: string, chunks: Iterable<string>): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const stream = createWriteStream(temporary);
    const failed = new Promise<never>((_, reject) => stream.once('error', reject));
    await Promise.race([writeAll(stream, chunks), failed]);
    await Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed]);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new InputError(`cannot write the file (${reason})`, file);
  }
}
