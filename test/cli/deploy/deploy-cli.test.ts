/**
 * deploy, diff and destroy as a user runs them (the built CLI, in a child process whose standard input is not
 * a terminal), against moto_server: refusing to change anything without --yes, the pre-flight problems of an
 * example blueprint with its placeholders left in (exit 2, nothing created), and a diff against an account
 * with nothing deployed yet.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { parse, stringify } from 'yaml';
import { root } from '../run-cli.js';
import { startMoto, type Moto } from '../../notifier/moto.js';
import { ACCOUNT } from './small-stack.js';

function vectorfort(args: readonly string[], scratch: string) {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'vectorfort.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: scratch,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('vectorfort deploy, diff and destroy (command line, moto_server)', () => {
  let moto: Moto;
  let scratch: string;
  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'vf-deploy-cli-'));
    moto = await startMoto();
  });
  after(async () => moto?.stop());

  for (const command of ['deploy', 'destroy'])
    it(`${command} refuses to change anything without --yes when standard input is not a terminal`, () => {
      const run = vectorfort(
        [command, '--endpoint-url', moto.endpoint, '--out', join(scratch, command)],
        scratch,
      );
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`${command} changes the AWS account .*pass --yes`));
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    });

  it('deploy stops at the pre-flight checks of a blueprint with placeholders, naming each fix (exit 2)', async () => {
    const run = vectorfort(
      [
        'deploy',
        '--yes',
        '--blueprint',
        join(root, 'examples', 'development.yaml'),
        '--out',
        join(scratch, 'dev'),
        '--endpoint-url',
        moto.endpoint,
      ],
      scratch,
    );
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /deploy: \d+ pre-flight check\(s\) failed; nothing was changed/);
    assert.match(
      run.stderr,
      /placeholders: environment\.account still holds its placeholder value\n\s+fix: set environment\.account/,
    );
    assert.match(
      run.stderr,
      /credentials: the credentials \(arn:aws:sts::123456789012:user\/moto\) are for account 123456789012, but the blueprint deploys to 111111111111/,
    );
    assert.doesNotMatch(run.stderr, /\n\s+at /);
    // The verification ran and its report is where the gate read it.
    const report = JSON.parse(readFileSync(join(scratch, 'dev', 'report.json'), 'utf8')) as {
      verdict: { status: string };
    };
    assert.equal(report.verdict.status, 'pass');
    const stacks = await new CloudFormationClient({
      endpoint: moto.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    }).send(new ListStacksCommand({}));
    assert.deepEqual(stacks.StackSummaries ?? [], []);
  });

  it('diff against an account with nothing deployed lists every change, security-relevant ones first (exit 0)', () => {
    const example = parse(readFileSync(join(root, 'examples', 'development.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    const file = join(scratch, 'dev-own-account.yaml');
    writeFileSync(file, stringify({ ...example, environment: { account: ACCOUNT, region: 'eu-west-1' } }));
    const run = vectorfort(
      [
        'diff',
        '--template-only',
        '--blueprint',
        file,
        '--out',
        join(scratch, 'diff'),
        '--endpoint-url',
        moto.endpoint,
      ],
      scratch,
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^Security-relevant changes \(\d+\):\n {2}! permissions broadened: vectorfort-weaviate-dev/,
    );
    assert.match(run.stdout, /\nvectorfort-weaviate-dev: \d+ differences\n/);
    assert.match(
      run.stdout,
      /! network rule opened: vectorfort-weaviate-dev\/NetworkSecurityGroupsEksApifrom\w+ \(AWS::EC2::SecurityGroupIngress\): rule added: NetworkSecurityGroupsNodesSystem759D9F40 tcp port 443\n/,
    );
    // CDK's disallow-all egress placeholder opens nothing and is not flagged.
    assert.doesNotMatch(run.stdout, /! .*255\.255\.255\.255\/32/);
    assert.match(run.stdout, /\[\+\] AWS::EKS::Cluster /);
  });
});
