/**
 * `vectorfort grant open | close | list` on a copy of examples/enclave.yaml, with the built CLI: the grant list
 * edited in place with the file's comments kept, the result a valid blueprint, and every refused edit leaving
 * the file byte for byte as it was.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { parse } from 'yaml';
import { root, vectorfort } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-grant-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const NOW = '2030-01-01T00:00:00Z';
const ONCALL = 'arn:aws:iam::222222222222:role/oncall';
const ALICE = 'arn:aws:iam::222222222222:user/alice';
let file: string;

interface Grant {
  principalArn: string;
  until: string;
  reason: string;
}
const grantsIn = (path: string): Grant[] =>
  (parse(readFileSync(path, 'utf8')) as { enclave: { operator: { grants: Grant[] } } }).enclave.operator
    .grants;

describe('vectorfort grant', () => {
  beforeEach(() => {
    file = join(dir, `enclave-${Math.random().toString(36).slice(2)}.yaml`);
    copyFileSync(join(root, 'examples', 'enclave.yaml'), file);
  });

  it('opens a grant for some hours, keeping the comments, and lists it active', () => {
    const run = vectorfort(
      'grant',
      'open',
      '--blueprint',
      file,
      '--now',
      NOW,
      '--principal',
      ALICE,
      '--hours',
      '4',
      '--reason',
      'INC-42 reindex stuck on node 2',
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^opened the grant of arn:aws:iam::222222222222:user\/alice until 2030-01-01T04:00:00Z/,
    );
    assert.deepEqual(
      grantsIn(file).map((g) => [g.principalArn, g.until]),
      [
        [ONCALL, '2099-01-31T18:00:00Z'],
        [ALICE, '2030-01-01T04:00:00Z'],
      ],
    );
    assert.match(readFileSync(file, 'utf8'), /# The control plane's own IPv6 ranges/, 'comments are kept');

    const list = vectorfort('grant', 'list', '--blueprint', file, '--now', NOW);
    assert.equal(list.status, 0, list.stderr);
    assert.match(
      list.stdout,
      /^active {3}until 2030-01-01T04:00:00Z {2}arn:aws:iam::222222222222:user\/alice {2}INC-42/m,
    );
  });

  it('extends an open grant instead of adding a second one', () => {
    const run = vectorfort(
      'grant',
      'open',
      '--blueprint',
      file,
      '--now',
      NOW,
      '--principal',
      ONCALL,
      '--until',
      '2030-01-03T12:00:00Z',
      '--reason',
      'INC-43 follow-up work',
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^extended /);
    assert.deepEqual(grantsIn(file), [
      { principalArn: ONCALL, until: '2030-01-03T12:00:00Z', reason: 'INC-43 follow-up work' },
    ]);
  });

  it('lists a grant past its end as expired, saying what to do', () => {
    const list = vectorfort('grant', 'list', '--blueprint', file, '--now', '2099-02-01T00:00:00Z');
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^expired {2}until 2099-01-31T18:00:00Z/m);
    assert.match(list.stdout, /1 expired: close it \(VF-ENCLAVE-005 fails until then\)/);
  });

  it('closes a grant, leaving no person with access', () => {
    const run = vectorfort('grant', 'close', '--blueprint', file, '--principal', ONCALL);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(grantsIn(file), []);
    const list = vectorfort('grant', 'list', '--blueprint', file);
    assert.equal(list.stdout, 'no grants: no person has access to the enclave\n');
  });

  for (const [what, args, message] of [
    [
      'a grant longer than seven days',
      ['open', '--principal', ALICE, '--hours', '169', '--reason', 'a long investigation'],
      /a grant lasts at most 168 hours/,
    ],
    [
      'a grant ending in the past',
      ['open', '--principal', ALICE, '--until', '2029-12-31T00:00:00Z', '--reason', 'too late for this'],
      /not after now/,
    ],
    [
      'both an end time and hours',
      [
        'open',
        '--principal',
        ALICE,
        '--hours',
        '2',
        '--until',
        '2030-01-01T02:00:00Z',
        '--reason',
        'ambiguous end time',
      ],
      /--until TIME or --hours N/,
    ],
    [
      'a principal that is not an IAM ARN',
      ['open', '--principal', 'alice', '--hours', '2', '--reason', 'who is this person'],
      /enclave\.operator\.grants\[1\]\.principalArn: .*IAM role or user ARN/,
    ],
    [
      'a reason too short to audit',
      ['open', '--principal', ALICE, '--hours', '2', '--reason', 'x'],
      /enclave\.operator\.grants\[1\]\.reason/,
    ],
    [
      'closing a grant that is not there',
      ['close', '--principal', ALICE],
      /no grant for arn:aws:iam::222222222222:user\/alice/,
    ],
  ] as const)
    it(`refuses ${what} with exit 2 and leaves the file as it was`, () => {
      const before = readFileSync(file);
      const [sub, ...rest] = args;
      const run = vectorfort('grant', sub, '--blueprint', file, '--now', NOW, ...rest);
      assert.equal(run.status, 2, run.stdout);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(readFileSync(file), before);
    });

  it('refuses a blueprint that builds no enclave', () => {
    const plain = join(dir, 'plain.yaml');
    writeFileSync(plain, 'name: plain\n');
    const run = vectorfort('grant', 'list', '--blueprint', plain);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /grants are for an enclave/);
  });

  it('keeps a JSON blueprint JSON', () => {
    const json = join(dir, 'enclave.json');
    writeFileSync(json, JSON.stringify(parse(readFileSync(file, 'utf8')), null, 2));
    const run = vectorfort(
      'grant',
      'open',
      '--blueprint',
      json,
      '--now',
      NOW,
      '--principal',
      ALICE,
      '--hours',
      '1',
      '--reason',
      'INC-44 check the disk',
    );
    assert.equal(run.status, 0, run.stderr);
    const doc = JSON.parse(readFileSync(json, 'utf8')) as { enclave: { operator: { grants: Grant[] } } };
    assert.equal(doc.enclave.operator.grants.at(-1)?.until, '2030-01-01T01:00:00Z');
  });
});
