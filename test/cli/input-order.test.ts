/**
 * The same deployment written in another order gets the same report. A template's Resources (and every other
 * mapping in it) is a JSON object whose key order means nothing to CloudFormation; the order of manifest
 * documents and of the paths on the command line does not change what a cluster runs. Controls and proofs
 * report the first witness they find, so each of these orders once changed which policy, rule or route a
 * finding named. The default output is written out, reordered with a seeded shuffle, and verified again: the
 * findings, flows, verdict, summary, controls, components and acknowledgements must be the same, text for text,
 * but for where each finding sits in its file (line, document index). The sections that describe the input
 * files themselves (their digests and sizes) differ by nature and are not compared.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments, stringify } from 'yaml';
import { validateBlueprint } from '../../src/blueprint/index.js';
import { runVerify } from '../../src/cli/run-verify.js';
import type { Report } from '../../src/report/model.js';
import { writeOutput } from '../matrix/synth-verify.js';
import { prng, shuffled } from '../seeded-random.js';

const work = mkdtempSync(join(tmpdir(), 'vectorfort-input-order-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Every mapping's keys in a random order; lists keep theirs (their order can mean something). */
function withKeysShuffled(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => withKeysShuffled(v, random));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    shuffled(Object.entries(value), random).map(([k, v]) => [k, withKeysShuffled(v, random)]),
  );
}

/** A copy of the output with every template's keys and every manifest file's documents (and keys) shuffled. */
function reorderedCopy(source: string, target: string, seed: number): void {
  const random = prng(seed);
  cpSync(source, target, { recursive: true });
  const assembly = join(target, 'cdk.out');
  for (const file of readdirSync(assembly).filter((f) => f.endsWith('.template.json'))) {
    const path = join(assembly, file);
    const template = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    writeFileSync(path, JSON.stringify(withKeysShuffled(template, random)));
  }
  const k8s = join(target, 'k8s');
  for (const file of readdirSync(k8s)) {
    const path = join(k8s, file);
    const documents = parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS() as unknown);
    const reordered = shuffled(documents, random).map((d) => stringify(withKeysShuffled(d, random)));
    writeFileSync(path, reordered.join('---\n'));
  }
}

/**
 * The report of one directory as JSON text, with the input's own places (its directory, lines, document
 * numbers) left out.
 */
async function reportOf(dir: string, paths: readonly string[]): Promise<string> {
  const { report } = await runVerify({
    paths: paths.map((p) => join(dir, p)),
    now: new Date('2026-12-01T00:00:00Z'),
    clock: () => new Date('2026-12-01T00:00:00Z'),
    env: {},
    git: () => undefined,
  });
  const { findings, flows, verdict, summary, controlsEvaluated, components, acknowledgements } =
    report as Report;
  const text = JSON.stringify({
    findings,
    flows,
    verdict,
    summary,
    controlsEvaluated,
    components,
    acknowledgements,
  });
  return text
    .replaceAll(dir, '<output>')
    .replace(/,"line":\d+/g, '')
    .replace(/,"column":\d+/g, '')
    .replace(/documents\.\d+/g, 'documents.#');
}

describe('the report does not depend on the order of the input', () => {
  const original = join(work, 'original');
  let expected: string;

  before(async () => {
    writeOutput(validateBlueprint({}, 'blueprint.yaml'), original, new Date('2026-11-30T00:00:00Z'));
    expected = await reportOf(original, ['cdk.out', 'k8s']);
  });

  it('gives the default output a passing report with findings and flows to compare', () => {
    const report = JSON.parse(expected) as Pick<Report, 'findings' | 'flows' | 'verdict'>;
    assert.equal(report.verdict.status, 'pass');
    assert.ok(report.findings.length > 1000, `${report.findings.length} findings`);
    assert.ok(report.flows.length > 50, `${report.flows.length} flows`);
  });

  for (const seed of [1, 2]) {
    it(`gives the same report with keys and documents shuffled (seed ${seed}) and the paths reversed`, async () => {
      const copy = join(work, `reordered-${seed}`);
      reorderedCopy(original, copy, seed);
      // The shuffle did reorder the input: the first resource of the main template is another one.
      const firstKey = (dir: string) => {
        const file = readdirSync(join(dir, 'cdk.out')).find((f) => f.endsWith('.template.json'))!;
        const template = JSON.parse(readFileSync(join(dir, 'cdk.out', file), 'utf8')) as {
          Resources: object;
        };
        return Object.keys(template.Resources)[0];
      };
      assert.notEqual(firstKey(copy), firstKey(original));
      const actual = await reportOf(copy, ['k8s', 'cdk.out']);
      // Content first (a readable difference), then the text: the order of keys in the report is compared too.
      assert.deepEqual(JSON.parse(actual), JSON.parse(expected));
      assert.equal(actual, expected);
    });
  }
});
