/**
 * Random damage to the blueprints of the newer sections (enclave, Lattice, existing VPC, environments) and to
 * the file `grant` edits: whatever the damage, loading ends in a blueprint or an InputError naming the file,
 * never another exception, and a refused grant edit leaves the file byte for byte as it was. Seeded and
 * bounded, so a failure reproduces; the seed and the mutation are in the message.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { parseBlueprint, validateBlueprint } from '../../src/blueprint/index.js';
import { grantClose, grantList, grantOpen } from '../../src/cli/commands/grant.js';
import { InputError } from '../../src/errors.js';
import { prng } from '../seeded-random.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-blueprint-fuzz-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values AWS, Kubernetes or a parser treat specially, for the fields of the newer sections. */
const HOSTILE_VALUES: readonly Json[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  '*',
  '::/0',
  '0::/0',
  '2000::/3',
  '0.0.0.0/0',
  '10.0.0.1/16',
  '010.0.0.0/16',
  '2001:db8::1/48',
  '::ffff:10.0.0.0/104',
  'arn:aws:iam::222222222222:role/*',
  'arn:aws:iam::*:root',
  'vpc-*',
  'subnet-0',
  'o-*',
  '__proto__',
  'constructor',
  '\u001b[2J::error::forged',
  'a\u202eb',
  'x'.repeat(5000),
  '2099-02-31T00:00:00Z',
  [],
  {},
  { __proto__: { polluted: 1 } } as unknown as Json,
  [[[[[[[[[[]]]]]]]]]],
];

class Mutator {
  constructor(private readonly random: () => number) {}

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Every path to a value inside `value` (objects and arrays), depth first. */
  paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
    if (typeof value !== 'object' || value === null) return [prefix];
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return [prefix, ...entries.flatMap(([k, v]) => this.paths(v, [...prefix, k]))];
  }

  mutate(base: Json, count: number): { value: Json; log: string[] } {
    const value = structuredClone(base);
    const log: string[] = [];
    for (let n = 0; n < count; n++) {
      const all = this.paths(value).filter((p) => p.length > 0);
      const path = this.pick(all);
      const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string, Json>)[k]!, value) as
        Record<string, Json> | Json[];
      const key = path.at(-1)!;
      switch (this.int(4)) {
        case 0: {
          const replacement = this.pick(HOSTILE_VALUES);
          (parent as Record<string, Json>)[key] = structuredClone(replacement);
          log.push(`set ${path.join('.')} to ${JSON.stringify(replacement)?.slice(0, 40)}`);
          break;
        }
        case 1:
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete parent[key];
          log.push(`delete ${path.join('.')}`);
          break;
        case 2: {
          const current = (parent as Record<string, Json>)[key]!;
          (parent as Record<string, Json>)[key] = Array.isArray(current)
            ? [...current, ...current]
            : [current];
          log.push(`double or wrap ${path.join('.')}`);
          break;
        }
        default: {
          if (Array.isArray(parent)) break;
          const renamed = this.pick(['__proto__', 'constructor', 'enabled', 'x', '']);
          Object.defineProperty(parent, renamed, {
            value: parent[key],
            enumerable: true,
            writable: true,
            configurable: true,
          });
          delete parent[key];
          log.push(`rename ${path.join('.')} to ${renamed}`);
        }
      }
    }
    return { value, log };
  }

  damageText(text: string): { text: string; log: string } {
    const at = this.int(text.length);
    switch (this.int(4)) {
      case 0:
        return { text: text.slice(0, at), log: `truncate at ${at}` };
      case 1: {
        const insert = this.pick([
          '{',
          '[',
          '"',
          ': ',
          '- ',
          '\t',
          '&a ',
          '*a',
          '---\n',
          '<<: *a\n',
          '\u202e',
        ]);
        return {
          text: text.slice(0, at) + insert + text.slice(at),
          log: `insert ${JSON.stringify(insert)} at ${at}`,
        };
      }
      case 2:
        return { text: text.slice(0, at) + text.slice(at + 1 + this.int(40)), log: `cut at ${at}` };
      default: {
        const lines = text.split('\n');
        const i = this.int(lines.length);
        lines[i] = ' '.repeat(this.int(6)) + lines[i]!.trimStart();
        return { text: lines.join('\n'), log: `re-indent line ${i + 1}` };
      }
    }
  }
}

const EXAMPLES = ['enclave', 'lattice', 'existing-vpc', 'environments'].map((name) => {
  const text = readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8');
  return { name, text, value: parse(text) as Json };
});

/** Loads or refuses with an InputError; anything else fails the test with the mutation that caused it. */
function loadsOrRefuses(load: () => unknown, context: string, outcomes: { loaded: number; refused: number }) {
  try {
    load();
    outcomes.loaded++;
  } catch (error) {
    if (!(error instanceof InputError)) assert.fail(`${context}: ${(error as Error).stack ?? String(error)}`);
    assert.ok(error.describe().length > 0, `${context}: the refusal says why`);
    outcomes.refused++;
  }
}

describe('blueprint fuzz (newer sections)', () => {
  it('survives 240 structural mutations of the enclave, Lattice, existing-VPC and environments examples', () => {
    const mutator = new Mutator(prng(0xb1e5));
    const outcomes = { loaded: 0, refused: 0 };
    for (let i = 0; i < 240; i++) {
      const { name, value } = EXAMPLES[i % EXAMPLES.length]!;
      const { value: damaged, log } = mutator.mutate(value, 1 + mutator.int(3));
      loadsOrRefuses(
        () => validateBlueprint(damaged, `${name}.yaml`),
        `mutation #${i} of ${name}: ${log.join('; ')}`,
        outcomes,
      );
      assert.equal(
        ({} as Record<string, unknown>).polluted,
        undefined,
        `mutation #${i} polluted a prototype`,
      );
    }
    assert.ok(outcomes.loaded > 10 && outcomes.refused > 150, `outcomes: ${JSON.stringify(outcomes)}`);
  });

  it('survives 160 textual mutations of the same examples', () => {
    const mutator = new Mutator(prng(0x7e47));
    const outcomes = { loaded: 0, refused: 0 };
    for (let i = 0; i < 160; i++) {
      const { name, text } = EXAMPLES[i % EXAMPLES.length]!;
      const { text: damaged, log } = mutator.damageText(text);
      loadsOrRefuses(
        () => parseBlueprint(damaged, `${name}.yaml`),
        `text mutation #${i} of ${name}: ${log}`,
        outcomes,
      );
    }
    assert.ok(outcomes.loaded > 40 && outcomes.refused > 50, `outcomes: ${JSON.stringify(outcomes)}`);
  });

  it('edits a damaged enclave blueprint with grant only when it loads, and never changes a refused file', () => {
    const mutator = new Mutator(prng(0x9a47));
    const enclave = EXAMPLES[0]!.text;
    const outcomes = { loaded: 0, refused: 0 };
    const now = new Date('2030-01-01T00:00:00Z');
    const write = process.stdout.write;
    // grant reports on standard output; the fuzzer keeps the test's output readable.
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      for (let i = 0; i < 60; i++) {
        const file = join(dir, `enclave-${i % 4}.yaml`);
        const { text, log } = mutator.damageText(enclave);
        writeFileSync(file, text);
        const principal = mutator.pick([
          'arn:aws:iam::222222222222:role/oncall',
          'arn:aws:iam::222222222222:role/*',
          'arn:aws:iam::222222222222:user/\u001b[2Jalice',
        ]);
        const edit = [
          () => grantOpen({ blueprint: file, now, principal, hours: 2, reason: 'INC-1 reindex stuck' }),
          () => grantClose({ blueprint: file, now, principal }),
          () => grantList({ blueprint: file, now }),
        ][i % 3]!;
        const context = `grant edit #${i}: ${log}; principal ${JSON.stringify(principal)}`;
        const before = outcomes.refused;
        loadsOrRefuses(edit, context, outcomes);
        if (outcomes.refused > before)
          assert.equal(readFileSync(file, 'utf8'), text, `${context}: file changed`);
        else assert.doesNotThrow(() => parseBlueprint(readFileSync(file, 'utf8'), file), context);
      }
    } finally {
      process.stdout.write = write;
    }
    assert.ok(outcomes.loaded > 5 && outcomes.refused > 30, `outcomes: ${JSON.stringify(outcomes)}`);
  });
});
