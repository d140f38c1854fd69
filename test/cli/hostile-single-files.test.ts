/**
 * The single files commands read before anything else (a blueprint for synth, cost and grant; an attachment
 * manifest, its attachments and a signing key for evidence; a price table; a kubeconfig for audit): a FIFO
 * would block until a writer comes and /dev/zero never ends, so each must be refused at once with exit 2 and
 * the file named, and a link inside the attachments' directory must not copy a file from outside it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readCluster } from '../../src/audit/kubernetes/read-cluster.js';
import { InputError } from '../../src/errors.js';
import { refused, root, vectorfort } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-single-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const fifo = join(dir, 'pipe.yaml');
execFileSync('mkfifo', [fifo]);
const MANIFEST = join(root, 'test', 'fixtures', 'inputs', 'manifests', 'app.yaml');

const NOT_REGULAR = (file: string, kind: string) =>
  new RegExp(`${file.replaceAll('/', '\\/')}: .*expected a regular file, found ${kind}; it is not read`);

describe('single files named on the command line', () => {
  it('refuses a FIFO or /dev/zero as the blueprint of synth, cost and grant', () => {
    refused(
      ['synth', '--blueprint', fifo, '--out', join(dir, 'out')],
      NOT_REGULAR(fifo, 'a FIFO \\(named pipe\\)'),
    );
    refused(['cost', '--blueprint', '/dev/zero'], NOT_REGULAR('/dev/zero', 'a character device'));
    refused(['grant', 'list', '--blueprint', fifo], NOT_REGULAR(fifo, 'a FIFO \\(named pipe\\)'));
    refused(
      ['grant', 'close', '--blueprint', fifo, '--principal', 'arn:aws:iam::222222222222:role/x'],
      NOT_REGULAR(fifo, 'a FIFO \\(named pipe\\)'),
    );
    refused(
      [
        'grant',
        'open',
        '--blueprint',
        '/dev/zero',
        '--principal',
        'arn:aws:iam::222222222222:role/x',
        '--hours',
        '1',
        '--reason',
        'INC-1 reindex stuck',
      ],
      NOT_REGULAR('/dev/zero', 'a character device'),
    );
  });

  it('refuses a directory as the blueprint, naming it', () => {
    refused(['grant', 'list', '--blueprint', dir], /: is a directory, expected a YAML or JSON file/);
  });

  it('refuses a FIFO as the price table', () => {
    refused(['cost', '--prices', fifo], NOT_REGULAR(fifo, 'a FIFO \\(named pipe\\)'));
  });

  it('refuses a FIFO as the attachment manifest and /dev/zero as the signing key', () => {
    refused(
      ['evidence', MANIFEST, '--out', join(dir, 'bundle-1'), '--attachments', fifo],
      NOT_REGULAR(fifo, 'a FIFO \\(named pipe\\)'),
    );
    refused(
      ['evidence', MANIFEST, '--out', join(dir, 'bundle-2'), '--sign-key', '/dev/zero'],
      NOT_REGULAR('/dev/zero', 'a character device'),
    );
  });

  it('refuses an attachment that is a link to a file outside the manifest directory', () => {
    const evidence = join(dir, 'evidence');
    mkdirSync(evidence, { recursive: true });
    const secret = join(dir, 'outside-secret.txt');
    writeFileSync(secret, 'not for the bundle\n');
    symlinkSync(secret, join(evidence, 'drill.txt'));
    const manifest = join(evidence, 'attachments.yaml');
    writeFileSync(
      manifest,
      'attachments:\n  - requirement: soc2/CC7.4\n    file: drill.txt\n    date: 2026-11-20\n',
    );
    const bundle = join(dir, 'bundle-3');
    refused(
      ['evidence', MANIFEST, '--out', bundle, '--attachments', manifest],
      /attachments\.yaml: attachments\.0\.file: expected a file inside the manifest's directory; "drill\.txt" is a link to a file outside it/,
    );
  });

  it('still copies an attachment linked to a file inside the manifest directory', () => {
    const evidence = join(dir, 'evidence-inside');
    mkdirSync(join(evidence, 'drills'), { recursive: true });
    writeFileSync(join(evidence, 'drills', 'restore.txt'), 'restore drill passed\n');
    symlinkSync(join(evidence, 'drills', 'restore.txt'), join(evidence, 'drill.txt'));
    const manifest = join(evidence, 'attachments.yaml');
    writeFileSync(
      manifest,
      'attachments:\n  - requirement: soc2/CC7.4\n    file: drill.txt\n    date: 2026-11-20\n',
    );
    const bundle = join(dir, 'bundle-4');
    const run = vectorfort('evidence', MANIFEST, '--out', bundle, '--attachments', manifest);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.equal(
      readFileSync(join(bundle, 'attachments', 'soc2', 'CC7.4', 'drill.txt'), 'utf8'),
      'restore drill passed\n',
    );
  });

  it('refuses a FIFO as the kubeconfig of the audit without waiting for a writer', async () => {
    const started = Date.now();
    await assert.rejects(readCluster(fifo), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.equal(error.file, fifo);
      assert.match(error.message, /cannot read the kubeconfig: expected a regular file, found a FIFO/);
      return true;
    });
    assert.ok(Date.now() - started < 5000);
  });

  it('still reads a regular kubeconfig (the cluster it names, unreachable here, becomes gaps)', async () => {
    const config = join(dir, 'kubeconfig');
    writeFileSync(
      config,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: c, cluster: {server: "http://127.0.0.1:9"}}]',
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: x, context: {cluster: c, user: u}}]',
        'current-context: x',
        '',
      ].join('\n'),
    );
    const read = await readCluster(config);
    assert.equal(read.server, 'http://127.0.0.1:9');
    assert.ok(read.gaps.length > 0, 'nothing listens on port 9: every kind is a gap');
    assert.equal(read.objects.length, 0);
  });
});
