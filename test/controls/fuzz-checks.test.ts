/**
 * Random mutations of the default output (template and manifests) through every control and the reachability
 * analysis: whatever the damage, each check returns results (never throws, which evaluateControls would turn
 * into an "could not evaluate" unknown) and the analysis answers; and the whole report, from the same kind of
 * damage plus keys no format defines (in the resources, the manifests and the embedded flow spec), stays within
 * the report's JSON schema and the official SARIF 2.1.0 schema. Seeded, so a failure reproduces.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportFromInventory } from '../../src/cli/run-verify.js';
import { METADATA_FLOW_SPEC } from '../../src/contract/keys.js';
import { InputError } from '../../src/errors.js';
import { renderReport } from '../../src/report/format/index.js';
import type { Inventory } from '../../src/inventory/index.js';
import { evaluateControls } from '../../src/controls/evaluate.js';
import { CONTROLS } from '../../src/controls/registry.js';
import { analyseReachability } from '../../src/reach/index.js';
import { mutatedInventory, defaultOutput } from '../reach/engine/default-helper.js';
import { reportValidator, sarifValidator } from '../report/schema-validators.js';
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

  it('keep the report within its JSON and SARIF schemas: 30 seeded rounds, unknown keys included', async () => {
    const validateReport = reportValidator();
    const validateSarif = sarifValidator();
    const ended = { reported: 0, refused: 0 };
    for (let seed = 1; seed <= 30; seed++) {
      const random = prng(0xc0de + seed);
      const applied: string[] = [];
      let inventory: Inventory;
      try {
        inventory = mutatedInventory((template, manifests) => {
          const spec = (template as { Metadata?: Record<string, unknown> }).Metadata?.[METADATA_FLOW_SPEC];
          for (let i = 0; i < 4; i++) {
            const root = random() < 0.5 ? template.Resources : manifests;
            applied.push(random() < 0.5 ? mutate(root, random) : addUnknownKey(root, random));
          }
          // The spec's own values are the parser's tests; here it gains keys its format does not define.
          applied.push(`flow spec: ${addUnknownKey(spec, random)}`);
        });
      } catch (error) {
        // A damaged flow spec is bad input, refused with its path: the one outcome besides a report.
        if (!(error instanceof InputError))
          assert.fail(`seed ${seed}: ${applied.join('; ')}: ${String(error)}`);
        ended.refused++;
        continue;
      }
      const { report } = await reportFromInventory(inventory, {
        nag: false,
        now: new Date('2026-11-22T00:00:00Z'),
        env: {},
        git: () => undefined,
      });
      const context = `seed ${seed}: ${applied.join('; ')}`;
      const json = JSON.parse(renderReport(report, 'json')) as unknown;
      assert.ok(validateReport(json), `${context}: ${JSON.stringify(validateReport.errors?.slice(0, 3))}`);
      const sarif = JSON.parse(renderReport(report, 'sarif')) as unknown;
      assert.ok(validateSarif(sarif), `${context}: ${JSON.stringify(validateSarif.errors?.slice(0, 3))}`);
      assert.ok(renderReport(report, 'text').length > 0 && renderReport(report, 'html').length > 0, context);
      ended.reported++;
    }
    assert.ok(ended.reported >= 25, `outcomes: ${JSON.stringify(ended)}`);
  });
});

/** A key no format defines, with a value a renderer must not pass through raw, in a random object. */
function addUnknownKey(root: unknown, random: () => number): string {
  const objects = containers(root).filter((c) => !Array.isArray(c));
  const target = objects[Math.floor(random() * objects.length)] as Record<string, unknown> | undefined;
  if (!target) return 'nothing to add a key to';
  const keys = Object.keys(target).slice(0, 3).join(', ');
  target.vectorfortUnknown = '<img src=x onerror=alert(1)>\n::error::forged';
  return `add vectorfortUnknown to an object with keys ${keys}`;
}
