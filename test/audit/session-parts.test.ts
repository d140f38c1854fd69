/**
 * The parts of the AWS session that decide what a failure means and how many calls run at once: a denial, an
 * endpoint's gap and a failure after retries are told apart (each leaves its facts unknown), and the bound on
 * calls in flight holds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyError } from '../../src/audit/aws/errors.js';
import { OPS } from '../../src/audit/aws/operations.js';
import { Semaphore } from '../../src/audit/aws/semaphore.js';

function sdkError(name: string, status: number, message = name) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('classifyError', () => {
  it('names the IAM action of a denied call', () => {
    assert.deepEqual(classifyError(sdkError('AccessDenied', 403), OPS.getPublicAccessBlock), {
      kind: 'denied',
      code: 'AccessDenied',
      message: 's3:GetBucketPublicAccessBlock was denied (AccessDenied)',
    });
    assert.equal(classifyError(sdkError('UnauthorizedOperation', 403), OPS.describeVpcs).kind, 'denied');
    assert.equal(classifyError(sdkError('AccessDeniedException', 400), OPS.getKeyPolicy).kind, 'denied');
  });

  it('treats a 403 whose body could not be parsed as a denial', () => {
    assert.equal(
      classifyError(sdkError('SyntaxError', 403, 'Unexpected token <'), OPS.describeKey).kind,
      'denied',
    );
  });

  it('treats an HTML error page for a missing route as a gap of the endpoint', () => {
    const failure = classifyError(sdkError('Error', 404, "Deserialization error: char '<'"), OPS.describeHub);
    assert.deepEqual(failure, {
      kind: 'unsupported',
      code: 'Error',
      message: 'securityhub:DescribeHub is not supported by the endpoint (HTTP 404)',
    });
  });

  it('reports a service error that outlived its retries as failed', () => {
    assert.equal(classifyError(sdkError('ThrottlingException', 400), OPS.describeTrails).kind, 'failed');
    assert.equal(classifyError(sdkError('InternalError', 500), OPS.describeTrails).kind, 'failed');
  });
});

describe('Semaphore', () => {
  it('never runs more tasks at once than its size, and runs them all', async () => {
    const slots = new Semaphore(3);
    let running = 0;
    let highest = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        slots.run(async () => {
          running++;
          highest = Math.max(highest, running);
          await new Promise((r) => setTimeout(r, 5 + (i % 4)));
          running--;
          return i;
        }),
      ),
    );
    assert.equal(highest, 3);
    assert.deepEqual(
      done,
      Array.from({ length: 20 }, (_, i) => i),
    );
  });

  it('frees the slot of a task that throws', async () => {
    const slots = new Semaphore(1);
    await assert.rejects(
      slots.run(async () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await slots.run(async () => 'next'), 'next');
  });
});
