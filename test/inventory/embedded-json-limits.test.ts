/**
 * JSON text embedded in templates and read from the account (a policy document, a resource property written as
 * JSON text) is held to the input limits before anything recursive reads it: text nested past the depth limit
 * is undetermined (`unknown`, with the limit as the reason), never a stack overflow and never a pass.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePolicy } from '../../src/audit/aws/live.js';
import { comparable } from '../../src/audit/drift/normalize.js';
import { parseSymbolicJson } from '../../src/inventory/cloudformation/embedded-json.js';
import { Unknown } from '../../src/inventory/values.js';
import { evaluateAuthPolicy } from '../../src/reach/lattice/auth-policy.js';

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const allowAll = (extra: string) =>
  `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}],"Deep":${extra}}`;

describe('JSON text embedded in templates and live answers, past the input limits', () => {
  it('makes a template property written as JSON text undetermined', () => {
    const value = parseSymbolicJson(allowAll(nested(100_000)));
    assert.ok(value instanceof Unknown);
    assert.match(
      value.reason,
      /the JSON text is not evaluated: the document is nested more than 512 levels deep/,
    );
    assert.deepEqual(parseSymbolicJson('{"a":[1]}'), { a: [1] });
  });

  it('makes a live policy document undetermined', () => {
    const value = parsePolicy(allowAll(nested(100_000)));
    assert.ok(value instanceof Unknown);
    assert.match(
      value.reason,
      /the live policy document is not evaluated: .*nested more than 512 levels deep/,
    );
  });

  it('leaves an auth policy decision unknown, never allow', () => {
    const decision = evaluateAuthPolicy(allowAll(nested(100_000)), {
      sourceVpc: 'vpc-1',
      method: 'GET',
      path: '/',
    } as Parameters<typeof evaluateAuthPolicy>[1]);
    assert.equal(decision.verdict, 'unknown');
    assert.match((decision as { reason: string }).reason, /the policy is not evaluated: .*512 levels/);
  });

  it('compares a deeply nested JSON value as text in drift, without overflowing', () => {
    const text = `{"a":${nested(100_000)}}`;
    assert.equal(comparable(text), text);
  });
});
