/**
 * The packs' stack answers `resolve` from a cache (src/controls/nag/stack-resolve.ts): the answers must be
 * aws-cdk-lib's own, every caller must get a copy it may change, and the packs' findings must not change.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import type * as CdkLib from 'aws-cdk-lib';
import type * as S3 from 'aws-cdk-lib/aws-s3';
import { rememberResolvedValues } from '../../src/controls/nag/stack-resolve.js';

const require = createRequire(import.meta.url);
const { App, Stack, Fn } = require('aws-cdk-lib') as typeof CdkLib;
const { CfnBucket } = require('aws-cdk-lib/aws-s3') as typeof S3;

function twoBuckets() {
  const stack = new Stack(new App(), 'S');
  const logs = new CfnBucket(stack, 'Logs');
  const data = new CfnBucket(stack, 'Data', {
    bucketName: Fn.join('-', ['data', stack.region]),
    loggingConfiguration: { destinationBucketName: logs.ref, logFilePrefix: 'data/' },
  });
  return { stack, logs, data };
}

describe('the packs stack resolving each value once', () => {
  it('gives the values aws-cdk-lib resolves, for objects, token strings and plain values', () => {
    const plain = twoBuckets();
    const cached = twoBuckets();
    assert.equal(rememberResolvedValues(cached.stack), true, 'aws-cdk-lib resolver found');
    for (const pick of [
      (b: ReturnType<typeof twoBuckets>) => b.data.loggingConfiguration,
      (b: ReturnType<typeof twoBuckets>) => b.data.bucketName,
      (b: ReturnType<typeof twoBuckets>) => b.logs.ref,
      () => 'text',
      () => 42,
      () => undefined,
    ]) {
      const expected = plain.stack.resolve(pick(plain));
      assert.deepEqual(cached.stack.resolve(pick(cached)), expected);
      // Again, from the cache.
      assert.deepEqual(cached.stack.resolve(pick(cached)), expected);
    }
    assert.deepEqual(cached.stack.resolve(cached.data.loggingConfiguration), {
      destinationBucketName: { Ref: 'Logs' },
      logFilePrefix: 'data/',
    });
  });

  it('hands each caller its own copy, so a rule that changes one cannot change what the next one reads', () => {
    const { stack, data } = twoBuckets();
    rememberResolvedValues(stack);
    const first = stack.resolve(data.loggingConfiguration) as Record<string, unknown>;
    first.destinationBucketName = 'changed';
    delete first.logFilePrefix;
    const joined = stack.resolve(data.bucketName) as { 'Fn::Join': unknown[] };
    joined['Fn::Join'].length = 0;
    assert.deepEqual(stack.resolve(data.loggingConfiguration), {
      destinationBucketName: { Ref: 'Logs' },
      logFilePrefix: 'data/',
    });
    assert.deepEqual(stack.resolve(data.bucketName), {
      'Fn::Join': ['-', ['data', { Ref: 'AWS::Region' }]],
    });
  });

  it('lets an error of the resolver reach the rule each time, as aws-cdk-lib does', () => {
    // Resolving a construct is refused by aws-cdk-lib; the rule that asked reports the resource as not evaluated.
    const messageOf = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as Error).message.slice(0, 60);
      }
      return undefined;
    };
    const plain = twoBuckets();
    const expected = messageOf(() => plain.stack.resolve(new CfnBucket(plain.stack, 'Other')));
    assert.ok(expected, 'aws-cdk-lib refuses it');
    const { stack } = twoBuckets();
    rememberResolvedValues(stack);
    const construct = new CfnBucket(stack, 'Other');
    assert.equal(
      messageOf(() => stack.resolve(construct)),
      expected,
    );
    assert.equal(
      messageOf(() => stack.resolve(construct)),
      expected,
    );
  });
});
