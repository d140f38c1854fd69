/** Reads a directory of `kubectl get -o json` answers (each a List or one object), under the input limits. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { readInputAgain } from '../../inventory/index.js';
import { objectsOf } from './kinds.js';

export interface DumpObject {
  readonly object: Record<string, unknown>;
  readonly file: string;
  readonly index: number;
}

export async function readDump(dir: string): Promise<DumpObject[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    throw new InputError(
      `cannot read the directory of kubectl dumps: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      dir,
    );
  }
  if (names.length === 0)
    throw new InputError('expected `kubectl get -o json` answers (*.json files) in the directory', dir);
  const out: DumpObject[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const { values } = await readInputAgain(dir, file);
    let index = 0;
    for (const value of values)
      for (const object of objectsOf(value)) out.push({ object, file, index: index++ });
  }
  return out;
}
