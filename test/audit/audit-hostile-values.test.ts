/**
 * What someone in the audited account can shape reaches the audit's reports: here a key policy changed by hand
 * (kms:PutKeyPolicy) whose statement id carries a screen-clearing escape, a bidi override, a line that would
 * start a CI workflow command, and HTML. The drift finding quotes the live policy; the text report must show it
 * as inert escapes on one line, the HTML report escaped under its Content-Security-Policy, the SARIF report as
 * valid JSON. Runs the built CLI against moto_server.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { root } from '../cli/run-cli.js';
import { startMoto, type Moto } from '../notifier/moto.js';
import { deployAccount, physicalIds, REGION, sdkConfig, STACK, TEMPLATE } from './moto-account.js';

const HOSTILE_SID = 'x\u001b[2J\u202e\n::error::forged</code><script>alert(1)</script>';

function audit(args: readonly string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'vectorfort.js'), 'audit', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: tmpdir(),
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('audit: values shaped in the account reach the reports inert', () => {
  let moto: Moto;
  let dir: string;
  before(async () => {
    moto = await startMoto();
    await deployAccount(moto.endpoint);
    const kms = new KMSClient(sdkConfig(moto.endpoint));
    await kms.send(
      new PutKeyPolicyCommand({
        KeyId: (await physicalIds(moto.endpoint)).Key!,
        PolicyName: 'default',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: HOSTILE_SID,
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::123456789012:root' },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        }),
      }),
    );
    kms.destroy();
    dir = mkdtempSync(join(tmpdir(), 'vf-audit-hostile-'));
    writeFileSync(join(dir, `${STACK}.json`), JSON.stringify(TEMPLATE));
  });
  after(async () => {
    await moto?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const args = (format: string) => [
    '--region',
    REGION,
    '--stack',
    STACK,
    '--endpoint-url',
    moto.endpoint,
    '--against',
    join(dir, `${STACK}.json`),
    '-f',
    format,
  ];

  it('prints the drifted policy in the text report as escapes on one line', () => {
    const run = audit(args('text'));
    assert.equal(run.status, 1, run.stderr);
    const line = run.stdout.split('\n').find((l) => l.includes('KeyPolicy of'));
    assert.ok(line, `the drift of the key policy is reported:\n${run.stdout}`);
    assert.ok(line.includes('\\u001b[2J'), line);
    assert.ok(line.includes('\\u202e'), line);
    for (const output of [run.stdout, run.stderr]) {
      assert.ok(!output.includes('\u001b') && !output.includes('\u202e'), 'no raw escape or bidi control');
      assert.doesNotMatch(output, /^\s*::error::/m);
    }
  });

  it('escapes it in the HTML report, under a policy that runs no script', () => {
    const run = audit(args('html'));
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    assert.ok(run.stdout.includes('KeyPolicy of'), 'the drift is in the page');
    assert.doesNotMatch(run.stdout, /<script>alert\(1\)<\/script>/);
    assert.ok(run.stdout.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('keeps the SARIF report valid JSON with the value as data', () => {
    const run = audit(args('sarif'));
    assert.equal(run.status, 1, run.stderr);
    const sarif = JSON.parse(run.stdout) as {
      runs: { results: { message: { text: string }; locations?: unknown[] }[] }[];
    };
    const drift = sarif.runs[0]!.results.find((r) => r.message.text.includes('KeyPolicy of'));
    assert.ok(drift, 'the drift is a result');
    assert.ok(drift.message.text.includes('</code><script>'), 'SARIF carries the value as data');
  });
});
