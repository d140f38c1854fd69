/**
 * Writing outputs in CI, possibly as root, on paths a pull request can influence: device nodes and FIFOs are
 * written into, never replaced; planted links are not followed; temporary files cannot be predicted.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeChunksAtomic, writeFileAtomic } from '../../src/cli/write-file.js';
import { InputError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-write-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A FIFO with a reader (another process) copying what arrives into a file. */
async function fifoWithReader(name: string): Promise<{ fifo: string; received: () => Promise<string> }> {
  const fifo = join(dir, name);
  execFileSync('mkfifo', [fifo]);
  const copy = join(dir, `${name}.received`);
  const reader = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', fifo, copy]);
  return {
    fifo,
    received: async () => {
      if (reader.exitCode === null) await once(reader, 'exit');
      return readFileSync(copy, 'utf8');
    },
  };
}

describe('writeFileAtomic and writeChunksAtomic', () => {
  it('replace a regular file whole and leave no temporary file behind', async () => {
    const target = join(dir, 'plain', 'report.json');
    writeFileAtomic(target, 'first');
    await writeChunksAtomic(target, ['sec', 'ond']);
    assert.equal(readFileSync(target, 'utf8'), 'second');
    assert.deepEqual(readdirSync(join(dir, 'plain')), ['report.json']);
  });

  it('write into a FIFO instead of renaming a file over it', async () => {
    const { fifo, received } = await fifoWithReader('pipe');
    writeFileAtomic(fifo, 'through the pipe');
    assert.equal(await received(), 'through the pipe');
    assert.ok(lstatSync(fifo).isFIFO(), 'the FIFO is still a FIFO');

    const streamed = await fifoWithReader('pipe2');
    await writeChunksAtomic(streamed.fifo, ['a', 'b', 'c']);
    assert.equal(await streamed.received(), 'abc');
    assert.ok(lstatSync(streamed.fifo).isFIFO());
  });

  it('do not follow a link planted under the old predictable temporary name', () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'untouched');
    const target = join(dir, 'out.json');
    symlinkSync(victim, `${target}.tmp-${process.pid}`);
    writeFileAtomic(target, 'report');
    assert.equal(readFileSync(target, 'utf8'), 'report');
    assert.equal(readFileSync(victim, 'utf8'), 'untouched');
  });

  it('follow a link to a regular file of the user, replacing that file and keeping the link', () => {
    const real = join(dir, 'real-report.json');
    writeFileSync(real, 'old');
    const link = join(dir, 'linked-report.json');
    symlinkSync(real, link);
    writeFileAtomic(link, 'new');
    assert.equal(readFileSync(real, 'utf8'), 'new');
    assert.ok(lstatSync(link).isSymbolicLink());
  });

  it('refuse a link to a device, a directory or nothing, with exit-2 errors naming the output', async () => {
    const cases: [string, string][] = [
      ['/dev/null', 'to-device'],
      [dir, 'to-directory'],
      [join(dir, 'missing'), 'dangling'],
    ];
    for (const [target, name] of cases) {
      const link = join(dir, name);
      symlinkSync(target, link);
      const error = (() => {
        try {
          writeFileAtomic(link, 'x');
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      assert.ok(error instanceof InputError, name);
      assert.equal(error.file, link);
      assert.match(error.message, /symbolic link .*not followed/);
      await assert.rejects(writeChunksAtomic(link, ['x']), InputError);
      assert.ok(lstatSync(link).isSymbolicLink(), `${name}: the link is left as it was`);
    }
    assert.ok(lstatSync('/dev/null').isCharacterDevice());
  });

  it('refuse to write over a directory', () => {
    const target = join(dir, 'a-directory');
    mkdirSync(target);
    assert.throws(() => writeFileAtomic(target, 'x'), /cannot write the file \(it is a directory\)/);
  });
});
