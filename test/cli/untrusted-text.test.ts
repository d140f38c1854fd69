/**
 * The CLI on crafted input: names and reasons holding a screen-clearing sequence, a forged CI workflow command
 * on a new line and a bidi override reach the terminal and the log as visible escapes, on stdout and stderr.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { root, vectorfort } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'vectorfort-untrusted-'));
after(() => rmSync(work, { recursive: true, force: true }));
const CRAFTED = '\x1b[2J\n::error::forged\u202e';

/** What a CI log or terminal must never get from the input. */
function assertInert(output: string) {
  assert.ok(!output.includes('\x1b'), 'no ESC');
  assert.ok(!output.includes('\u202e'), 'no bidi override');
  for (const line of output.split('\n'))
    assert.ok(!/^\s*(::|##)/.test(line), `no line can start a workflow command: ${JSON.stringify(line)}`);
}

describe('vectorfort on crafted names and messages', () => {
  before(() => {
    if (!existsSync(join(root, 'dist', 'cli', 'index.js')))
      throw new Error('run `npm run build` before the CLI tests');
  });

  it('prints a resource name and an acknowledgement reason with escapes in the text report', () => {
    const file = join(work, 'crafted.yaml');
    // YAML double-quoted escapes: \e is ESC, \n a new line, \u202e the right-to-left override.
    writeFileSync(
      file,
      [
        'Resources:',
        '  "Queue\\e[2J\\n::error::forged\\u202e":',
        '    Type: AWS::SQS::Queue',
        '    Properties:',
        '      SqsManagedSseEnabled: true',
        '  Bucket:',
        '    Type: AWS::S3::Bucket',
        '    Metadata:',
        '      vectorfort:',
        '        acknowledge:',
        '          VF-DATA-001: "reviewed by the owners\\e[2J\\n::error::forged\\u202e"',
        '',
      ].join('\n'),
    );
    const run = vectorfort('verify', file);
    assert.equal(run.status, 1, run.stderr);
    assert.ok(run.stdout.length > 0);
    assertInert(run.stdout);
    assertInert(run.stderr);
    assert.ok(run.stdout.includes('Queue\\x1b[2J\\n::error::forged\\u202e'), run.stdout);
    assert.ok(run.stdout.includes('reviewed by the owners\\x1b[2J\\n::error::forged\\u202e'), run.stdout);
  });

  it('prints an input path from an error message with escapes', () => {
    const run = vectorfort('verify', join(work, `missing${CRAFTED}.yaml`));
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /^error: .*missing\\x1b\[2J\\n::error::forged\\u202e\.yaml/);
    assertInert(run.stderr);
  });

  it('prints a bad option value from a usage error with escapes', () => {
    const run = vectorfort('verify', '--format', `xml${CRAFTED}`);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /xml\\x1b\[2J\\n::error::forged\\u202e/);
    assertInert(run.stderr);
  });
});
