/**
 * The reviewed report deploy reads with `--accept-findings`: a FIFO or a device named there is refused at
 * once (exit 2, the file named), never read; a pipe would otherwise hold the deploy until a writer comes.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkVerification } from '../../../src/cli/deploy/preflight/verification.js';
import { InputError } from '../../../src/errors.js';
import type { Report } from '../../../src/report/model.js';

const dir = mkdtempSync(join(tmpdir(), 'vf-hostile-gate-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const failing = {
  findings: [
    {
      ruleId: 'VF-DATA-001',
      title: 'VF-DATA-001',
      severity: 'high',
      status: 'fail',
      resource: { type: 'AWS::S3::Bucket', id: 'app/Bucket' },
      message: 'm',
      frameworks: {},
    },
  ],
  verdict: { status: 'fail' },
} as unknown as Report;

describe('deploy --accept-findings with a hostile file', () => {
  for (const [what, file, kind] of [
    ['a FIFO', join(dir, 'reviewed.json'), 'a FIFO \\(named pipe\\)'],
    ['/dev/zero', '/dev/zero', 'a character device'],
    ['a directory', dir, 'a directory'],
  ] as const)
    it(`refuses ${what} without reading it`, () => {
      if (what === 'a FIFO') execFileSync('mkfifo', [file]);
      const started = Date.now();
      assert.throws(
        () =>
          checkVerification(failing, {
            failOn: 'info',
            allowUnknown: false,
            reportFile: 'out/report.json',
            acceptFindings: file,
          }),
        (error: unknown) => {
          assert.ok(error instanceof InputError);
          assert.equal(error.file, file);
          assert.match(error.message, new RegExp(`^expected a regular file, found ${kind}; it is not read`));
          return true;
        },
      );
      assert.ok(Date.now() - started < 5000);
    });
});
