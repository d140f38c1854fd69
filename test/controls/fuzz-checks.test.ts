/**
 * Random mutations of the default output (template and manifests) through every control and the reachability
 * analysis: whatever the damage, each check returns results (never throws, which evaluateControls would turn
 * into an "could not evaluate" unknown) and the analysis answers. Seeded, so a failure reproduces.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateControls } from '../../src/controls/evaluate.js';
import { CONTROLS } from '../../src/controls/registry.js';
import { analyseReachability } from '../../src/reach/index.js';
import { mutatedInventory, defaultOutput } from '../reach/engine/default-helper.js';
import { prng } from '../seeded-random.js';

type Node = Record<string, unknown> | unknown[];
const REPLACEMENTS: unknown[] = [
  null,
  42,
  -1,
  '',
  'not-a-value',
  true,
  [],
  {},
  { Ref: 'NoSuchThing' },
  { 'Fn::GetAtt': ['Missing', 'Arn'] },
  { 'Fn::If': ['NoCondition', 1, 2] },
  '0.0.0.0/0',
];

/** Every container (object or array) inside `root`, with the keys it holds. */
function containers(root: unknown, out: Node[] = []): Node[] {
  if (root !== null && typeof root === 'object') {
    out.push(root as Node);
    for (const v of Object.values(root)) containers(v, out);
  }
  return out;
}

function mutate(root: unknown, random: () => number): string {
  const all = containers(root).filter((c) => Object.keys(c).length > 0);
  const target = all[Math.floor(random() * all.length)]!;
  const keys = Object.keys(target);
  const key = keys[Math.floor(random() * keys.length)]!;
  const value = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
  if (random() < 0.3 && !Array.isArray(target)) {
    delete (target as Record<string, unknown>)[key];
    return `delete ${key}`;
  }
  (target as Record<string, unknown>)[key] = structuredClone(value);
  return `${key} = ${JSON.stringify(value)}`;
}

describe('controls and reachability on mutated default output', () => {
  it('never throw: 100 seeded rounds of 5 mutations each', () => {
    const { spec } = defaultOutput();
    for (let seed = 1; seed <= 100; seed++) {
      const random = prng(seed);
      const applied: string[] = [];
      const inventory = mutatedInventory((template, manifests) => {
        for (let i = 0; i < 5; i++)
          applied.push(random() < 0.6 ? mutate(template.Resources, random) : mutate(manifests, random));
      });
      const findings = evaluateControls(inventory, CONTROLS, { flowSpec: spec, now: new Date('2026-11-22') });
      const crashed = findings.filter((f) => f.message.startsWith('the check could not evaluate this input'));
      assert.deepEqual(
        crashed.map((f) => `${f.ruleId}: ${f.message}`),
        [],
        `seed ${seed}: ${applied.join('; ')}`,
      );
      assert.doesNotThrow(() => analyseReachability(inventory, spec), `seed ${seed}: ${applied.join('; ')}`);
    }
  });
});
