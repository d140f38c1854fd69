/**
 * Random mutations of real templates and manifests: whatever the damage, reading ends in an Inventory or an
 * InputError, never another exception. Seeded, so a failure reproduces; the seed and mutation are reported.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/errors.js';
import { inventoryFromObjects, loadInventory, type Inventory } from '../../src/inventory/index.js';
import { parseYamlText } from '../../src/inventory/load/parse-yaml.js';
import { synth } from '../aws/synth-helper.js';
import { prng } from '../seeded-random.js';

const INPUTS = fileURLToPath(new URL('../fixtures/inputs/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vectorfort-fuzz-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const INTRINSICS = [
  'Ref',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::FindInMap',
  'Fn::ImportValue',
  'Fn::Base64',
  'Fn::GetAZs',
  'Fn::Cidr',
  'Fn::ToJsonString',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Condition',
  'Fn::Length',
  'Fn::Nope',
];

class Mutator {
  constructor(private readonly random: () => number) {}

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  value(depth = 0): Json {
    switch (this.int(depth > 2 ? 5 : 9)) {
      case 0:
        return null;
      case 1:
        return this.random() < 0.5;
      case 2:
        return this.pick([0, -1, 1.5, 1e308, 65536, 3]);
      case 3:
        return this.pick([
          '',
          'Vpc',
          'Vpc.CidrBlock',
          '${Vpc.CidrBlock}',
          '${AWS::Region}',
          '10.0.0.0/16',
          'a,b',
          '${',
          '${!x}',
          'IsProd',
        ]);
      case 4:
        return this.pick(['AWS::NoValue', 'AWS::AccountId', 'AWS::StackName', 'Env', 'Resources']);
      case 5:
        return Array.from({ length: this.int(4) }, () => this.value(depth + 1));
      case 6: {
        const out: { [key: string]: Json } = {};
        for (let i = this.int(3); i > 0; i--)
          out[this.pick(['Type', 'Properties', 'Condition', 'x', 'metadata', 'spec'])] = this.value(
            depth + 1,
          );
        return out;
      }
      default:
        return { [this.pick(INTRINSICS)]: this.value(depth + 1) };
    }
  }

  /** All container paths of a value (to choose where to damage it). */
  paths(
    value: Json,
    prefix: (string | number)[] = [],
    out: (string | number)[][] = [],
  ): (string | number)[][] {
    if (out.length > 5000) return out;
    if (Array.isArray(value))
      value.forEach((v, i) =>
        this.paths(v, [...prefix, i], out.length < 5000 ? (out.push([...prefix, i]), out) : out),
      );
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) {
        out.push([...prefix, k]);
        this.paths(v, [...prefix, k], out);
      }
    return out;
  }

  mutate(root: Json, times: number): { value: Json; log: string[] } {
    const value = structuredClone(root);
    const log: string[] = [];
    for (let n = 0; n < times; n++) {
      const paths = this.paths(value);
      if (paths.length === 0) break;
      const path = this.pick(paths);
      const parent = path
        .slice(0, -1)
        .reduce<Json>((v, k) => (v as Record<string, Json>)[k as string]!, value) as
        Json[] | Record<string, Json>;
      const key = path[path.length - 1]!;
      const current = (parent as Record<string, Json>)[key as string]!;
      const op = this.int(7);
      log.push(
        `${['delete', 'replace', 'retype', 'swap-intrinsic', 'wrap', 'cycle', 'self-ref'][op]} ${path.join('.')}`,
      );
      const set = (v: Json) => ((parent as Record<string, Json>)[key as string] = v);
      switch (op) {
        case 0:
          if (Array.isArray(parent)) parent.splice(key as number, 1);
          else delete parent[key as string];
          break;
        case 1:
          set(this.value());
          break;
        case 2:
          set(
            Array.isArray(current)
              ? { ...current }
              : current && typeof current === 'object'
                ? Object.values(current)
                : String(current),
          );
          break;
        case 3:
          if (
            current &&
            typeof current === 'object' &&
            !Array.isArray(current) &&
            Object.keys(current).length === 1
          ) {
            const [inner] = Object.values(current);
            set({ [this.pick(INTRINSICS)]: inner! });
          } else set({ [this.pick(INTRINSICS)]: current });
          break;
        case 4:
          set({ [this.pick(INTRINSICS)]: [current, this.value(), this.value()] });
          break;
        case 5: {
          // Conditions that depend on each other, used by the damaged spot.
          const record = value as Record<string, Json>;
          if (record && typeof record === 'object' && !Array.isArray(record)) {
            record.Conditions = { C1: { Condition: 'C2' }, C2: { 'Fn::Not': [{ Condition: 'C1' }] } };
            set({ 'Fn::If': ['C1', current, { Ref: 'AWS::NoValue' }] });
          }
          break;
        }
        default: {
          // A reference back to the resource being damaged (GetAtt of itself, Ref of itself).
          const logicalId = path[0] === 'Resources' ? String(path[1]) : 'Vpc';
          set(this.random() < 0.5 ? { 'Fn::GetAtt': [logicalId, 'CidrBlock'] } : { Ref: logicalId });
        }
      }
    }
    return { value, log };
  }

  damageText(text: string): { text: string | Buffer; log: string } {
    const at = this.int(text.length);
    switch (this.int(5)) {
      case 0:
        return { text: text.slice(0, at), log: `truncate at ${at}` };
      case 1:
        return {
          text:
            text.slice(0, at) +
            this.pick(['{', '[', '"', ':', '- ', '\t', '!Ref', '&a', '*a', '---\n']) +
            text.slice(at),
          log: `insert at ${at}`,
        };
      case 2:
        return { text: text.slice(0, at) + text.slice(at + 1 + this.int(40)), log: `cut at ${at}` };
      case 3: {
        const bytes = Buffer.from(text);
        bytes[this.int(bytes.length)] = this.pick([0x00, 0xff, 0xc3, 0x80]);
        return { text: bytes, log: 'corrupt a byte' };
      }
      default: {
        const lines = text.split('\n');
        const i = this.int(lines.length);
        lines[i] = ' '.repeat(this.int(6)) + lines[i]!.trimStart();
        return { text: lines.join('\n'), log: `re-indent line ${i + 1}` };
      }
    }
  }
}

function assertNormal(inventory: Inventory): void {
  assert.ok(Array.isArray(inventory.cfn) && Array.isArray(inventory.k8s) && Array.isArray(inventory.pods));
  // Every symbolic value serializes: controls and reports print them.
  JSON.stringify({ cfn: inventory.cfn.map((r) => r.properties), k8s: inventory.k8s.map((o) => o.object) });
  for (const r of inventory.cfn) assert.equal(typeof r.key, 'string');
}

/** How the file-based runs ended, so a test can check that both outcomes were exercised. */
const outcomes = { read: 0, refused: 0 };

async function loadsOrRefuses(file: string, content: string | Buffer, context: string): Promise<void> {
  writeFileSync(file, content);
  try {
    assertNormal(await loadInventory([file]));
    outcomes.read++;
  } catch (error) {
    outcomes.refused++;
    if (!(error instanceof InputError)) {
      assert.fail(`${context}: ${(error as Error).stack ?? String(error)}`);
    }
    assert.ok(error.file, `${context}: the InputError names the file`);
  }
}

const TEMPLATES: [string, Json][] = [
  ['template.yaml', parseTemplate(join(INPUTS, 'template.yaml'))],
  [
    'Parent.template.json',
    JSON.parse(readFileSync(join(INPUTS, 'assembly/Parent.template.json'), 'utf8')) as Json,
  ],
  ['network.json', JSON.parse(readFileSync(join(INPUTS, 'cross-stack/network.json'), 'utf8')) as Json],
];

function parseTemplate(file: string): Json {
  // Long forms of the short-form tags, as the loader reads them.
  return parseYamlText(readFileSync(file, 'utf8'), file)[0]!.value as Json;
}

const MANIFEST_TEXT = readFileSync(join(INPUTS, 'manifests/app.yaml'), 'utf8');
const MANIFESTS = parseYamlText(MANIFEST_TEXT, 'app.yaml')
  .map((doc) => doc.value as Json)
  .filter((doc) => doc !== null);

describe('inventory fuzz', () => {
  it('survives 1500 structural mutations of templates (objects and files)', async () => {
    const mutator = new Mutator(prng(0x5eed));
    for (let i = 0; i < 1500; i++) {
      const [name, template] = TEMPLATES[i % TEMPLATES.length]!;
      const { value, log } = mutator.mutate(template, 1 + mutator.int(4));
      const context = `template mutation #${i} of ${name}: ${log.join('; ')}`;
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        try {
          assertNormal(
            inventoryFromObjects({ templates: { A: value, B: template as Record<string, Json> } }),
          );
        } catch (error) {
          assert.fail(`${context}: inventoryFromObjects threw ${(error as Error).stack ?? String(error)}`);
        }
      }
      if (i % 3 === 0) await loadsOrRefuses(join(dir, `t${i % 7}.json`), JSON.stringify(value), context);
    }
    assert.ok(outcomes.read > 100 && outcomes.refused > 50, `outcomes: ${JSON.stringify(outcomes)}`);
  });

  it('survives 200 structural mutations of the synthesized template', () => {
    const { json } = synth();
    const mutator = new Mutator(prng(0xa55e));
    const ended = { read: 0, refusedSpec: 0 };
    // The embedded flow spec is a large part of the template: enough mutations that most land elsewhere.
    for (let i = 0; i < 200; i++) {
      const { value, log } = mutator.mutate(json as unknown as Json, 1 + mutator.int(6));
      const context = `synthesized template mutation #${i}: ${log.join('; ')}`;
      try {
        assertNormal(inventoryFromObjects({ templates: { Synth: value as Record<string, Json> } }));
        ended.read++;
      } catch (error) {
        // The embedded flow spec is the one part the inventory checks strictly: a damaged one is bad input.
        const refusedSpec =
          error instanceof InputError &&
          error.path?.startsWith('Metadata.vectorfort:flowSpec') === true &&
          log.some((step) => step.includes('Metadata'));
        if (!refusedSpec) assert.fail(`${context}: ${(error as Error).stack ?? String(error)}`);
        ended.refusedSpec++;
      }
    }
    assert.ok(ended.read > 75 && ended.refusedSpec > 10, `outcomes: ${JSON.stringify(ended)}`);
  });

  it('survives 1000 structural mutations of manifests', async () => {
    const mutator = new Mutator(prng(0xc0ffee));
    for (let i = 0; i < 1000; i++) {
      const { value, log } = mutator.mutate(MANIFESTS as Json, 1 + mutator.int(4));
      const context = `manifest mutation #${i}: ${log.join('; ')}`;
      try {
        assertNormal(inventoryFromObjects({ manifests: (Array.isArray(value) ? value : [value]) as never }));
      } catch (error) {
        assert.fail(`${context}: inventoryFromObjects threw ${(error as Error).stack ?? String(error)}`);
      }
      if (i % 3 === 0) await loadsOrRefuses(join(dir, `m${i % 7}.json`), JSON.stringify(value), context);
    }
  });

  it('survives 1000 textual mutations of YAML and JSON files (truncation, corruption, re-indentation)', async () => {
    const mutator = new Mutator(prng(0xbadf00d));
    const texts = [
      ['template.yaml', readFileSync(join(INPUTS, 'template.yaml'), 'utf8')],
      ['app.yaml', MANIFEST_TEXT],
      ['app2.yaml', readFileSync(join(INPUTS, 'cross-stack/app.yaml'), 'utf8')],
      ['parent.json', readFileSync(join(INPUTS, 'assembly/Parent.template.json'), 'utf8')],
    ] as const;
    for (let i = 0; i < 1000; i++) {
      const [name, text] = texts[i % texts.length]!;
      const { text: damaged, log } = mutator.damageText(text);
      await loadsOrRefuses(join(dir, `x${i % 5}-${name}`), damaged, `text mutation #${i} of ${name}: ${log}`);
    }
    assert.ok(outcomes.read > 200 && outcomes.refused > 200, `outcomes: ${JSON.stringify(outcomes)}`);
  });

  it('survives a damaged cloud assembly', async () => {
    const mutator = new Mutator(prng(42));
    const source = join(INPUTS, 'assembly');
    const files = ['manifest.json', 'Parent.template.json', 'ParentChild.nested.template.json'];
    for (let i = 0; i < 60; i++) {
      const copy = join(dir, `assembly-${i % 3}`);
      rmSync(copy, { recursive: true, force: true });
      cpSync(source, copy, { recursive: true });
      const file = files[i % files.length]!;
      const { text, log } = mutator.damageText(readFileSync(join(source, file), 'utf8'));
      writeFileSync(join(copy, file), text);
      try {
        assertNormal(await loadInventory([copy]));
      } catch (error) {
        if (!(error instanceof InputError))
          assert.fail(`assembly mutation #${i} of ${file}: ${log}: ${(error as Error).stack}`);
      }
    }
  });
});
