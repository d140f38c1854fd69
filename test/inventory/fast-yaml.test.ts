/**
 * The fast YAML path against the full parser: whenever it accepts a text, the documents, values and line
 * table are the same; texts outside its subset (or invalid) are left to the full parser.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseSimpleYaml } from '../../src/inventory/load/fast-yaml.js';
import { parseYamlFully } from '../../src/inventory/load/parse-yaml.js';

const INPUTS = fileURLToPath(new URL('../fixtures/inputs/', import.meta.url));

/** Compares the fast path with the full parser on one text; returns whether the fast path accepted it. */
function agree(text: string, context: string): boolean {
  const fast = parseSimpleYaml(text);
  let full;
  try {
    full = parseYamlFully(text, 'input.yaml');
  } catch (error) {
    assert.equal(
      fast,
      undefined,
      `${context}: the fast path accepted text the full parser refuses (${String(error)}): ${JSON.stringify(text)}`,
    );
    return false;
  }
  if (fast === undefined) return false;
  assert.deepEqual(
    fast.map((d) => d.value),
    full.map((d) => d.value),
    `${context}: values differ`,
  );
  assert.deepEqual(
    fast.map((d) => Object.fromEntries(d.lines ?? [])),
    full.map((d) => Object.fromEntries(d.lines ?? [])),
    `${context}: lines differ`,
  );
  return true;
}

const SAMPLES: Record<string, string> = {
  manifests: readFileSync(`${INPUTS}manifests/app.yaml`, 'utf8'),
  kubernetesStyle: [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web # trailing comment',
    '  labels: {app: web, tier: "front end"}',
    'spec:',
    '  replicas: 3',
    '  template:',
    '    spec:',
    '      containers:',
    '      - name: main',
    "        image: 'repo/web:1.0'",
    '        args: [--port, "8080", -v]',
    '        ports:',
    '          -   containerPort: 8080',
    '              protocol: TCP',
    '        env:',
    '        -',
    '          name: MODE',
    '          value: yes',
    '      volumes: []',
    '      nodeSelector: {}',
    '      priority: -1',
    '      ratio: 0.5',
    '      mode: 0644',
    '      when: 2024-01-02',
    '      empty:',
    '      tilde: ~',
    '      url: http://example.com/a#b',
    '---',
    '# only a comment',
    '---',
    '- a',
    '- - b',
    '  - c',
    '- k: v',
    '---',
    'plain scalar',
    '',
  ].join('\n'),
  yaml11:
    'on: off\nn: y\nhex: 0x1F\nsexagesimal: 1:30\nfloat: 1e3\nnan: .nan\nunderscore: 1_000\nversion: 1.28.0\n',
  trailingSeparator: 'a: 1\n---\n',
  cronJob: [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata:',
    '  name: backup',
    'spec:',
    '  schedule: "0 * * * *"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '          metadata:',
    '            labels:',
    '              app: backup',
    '          spec:',
    '            containers:',
    '              - name: main',
    '                image: registry.example.com/backup@sha256:abab',
    '                resources:',
    '                  requests: {cpu: 100m, memory: 128Mi}',
    '                securityContext:',
    '                  capabilities:',
    '                    drop: [ALL]',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: backup, namespace: "ops"}',
    'spec:',
    '  ports:',
    '    - port: 80',
    '      targetPort: 8080',
    '',
  ].join('\n'),
};

const OUTSIDE_SUBSET = [
  'a: &x 1\nb: *x\n',
  'a: !Ref B\n',
  'a: |\n  text\n',
  'a: "esc\\"aped"\n',
  'a:\n  b\n  c\n',
  'a: 1\na: 2\n',
  'a: {b: [1,\n 2]}\n',
  '? complex\n: key\n',
  '%YAML 1.1\n---\na: 1\n',
  'a: b: c\n',
  'a:\tb\n',
];

/** Seeded mutations of the samples: truncation, cuts, inserted indicators, re-indentation. */
function* mutations(seed: number, count: number): Generator<[string, string]> {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 4294967296;
  };
  const texts = Object.values(SAMPLES);
  const inserts = [
    ' ',
    '  ',
    '- ',
    ': ',
    '#',
    '"',
    "'",
    '[',
    ']',
    '{',
    '}',
    ',',
    '\n',
    '\n---\n',
    'x',
    '0',
    '~',
  ];
  for (let n = 0; n < count; n++) {
    const text = texts[n % texts.length]!;
    const at = Math.floor(random() * text.length);
    const op = Math.floor(random() * 4);
    const mutated =
      op === 0
        ? text.slice(0, at)
        : op === 1
          ? text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8))
          : op === 2
            ? text.slice(0, at) + inserts[Math.floor(random() * inserts.length)]! + text.slice(at)
            : text.replace(/\n {2}/, '\n' + ' '.repeat(Math.floor(random() * 5)));
    yield [`mutation #${n} (op ${op} at ${at})`, mutated];
  }
}

describe('fast YAML path', () => {
  it('reads the usual manifest shapes exactly as the full parser does', () => {
    for (const [name, text] of Object.entries(SAMPLES))
      assert.ok(agree(text, name), `${name} should take the fast path`);
  });

  it('leaves anchors, tags, block scalars, escapes, multi-line scalars, duplicates and directives to the full parser', () => {
    for (const text of OUTSIDE_SUBSET) assert.equal(parseSimpleYaml(text), undefined, JSON.stringify(text));
  });

  it('agrees with the full parser on 3000 mutated texts, or leaves them to it', () => {
    let accepted = 0;
    for (const [context, text] of mutations(0xfa57, 3000)) if (agree(text, context)) accepted++;
    // Both outcomes occur: the comparison is not vacuous.
    assert.ok(accepted > 300 && accepted < 2900, `accepted ${accepted}`);
  });
});
