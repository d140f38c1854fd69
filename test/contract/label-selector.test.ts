/** The one label-selector matcher: each operator, matchLabels, and `unknown` for what the API server rejects. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchLabelSelector } from '../../src/contract/label-selector.js';

const labels = { app: 'weaviate', tier: 'data' };
const outcome = (selector: unknown) => matchLabelSelector(selector, labels).outcome;
const expr = (operator: string, key: string, values?: unknown) => ({
  matchExpressions: [{ key, operator, ...(values === undefined ? {} : { values }) }],
});

describe('matchLabelSelector', () => {
  it('selects everything with an empty selector', () => {
    assert.equal(outcome({}), 'match');
    assert.equal(outcome({ matchLabels: null, matchExpressions: null }), 'match');
  });

  it('matchLabels: every pair must be present with the same value', () => {
    assert.equal(outcome({ matchLabels: { app: 'weaviate' } }), 'match');
    assert.equal(outcome({ matchLabels: { app: 'weaviate', tier: 'web' } }), 'no-match');
    assert.equal(outcome({ matchLabels: { zone: 'a' } }), 'no-match');
  });

  it('In: the key is present with one of the values', () => {
    assert.equal(outcome(expr('In', 'tier', ['data', 'web'])), 'match');
    assert.equal(outcome(expr('In', 'tier', ['web'])), 'no-match');
    assert.equal(outcome(expr('In', 'zone', ['a'])), 'no-match');
  });

  it('NotIn: the key is absent or has none of the values', () => {
    assert.equal(outcome(expr('NotIn', 'tier', ['web'])), 'match');
    assert.equal(outcome(expr('NotIn', 'zone', ['a'])), 'match');
    assert.equal(outcome(expr('NotIn', 'tier', ['data'])), 'no-match');
  });

  it('Exists and DoesNotExist: the key alone decides', () => {
    assert.equal(outcome(expr('Exists', 'app')), 'match');
    assert.equal(outcome(expr('Exists', 'zone')), 'no-match');
    assert.equal(outcome(expr('DoesNotExist', 'zone')), 'match');
    assert.equal(outcome(expr('DoesNotExist', 'app')), 'no-match');
  });

  it('requires every part: matchLabels and each expression', () => {
    const selector = {
      matchLabels: { app: 'weaviate' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['data'] },
        { key: 'zone', operator: 'DoesNotExist' },
      ],
    };
    assert.equal(outcome(selector), 'match');
    assert.equal(matchLabelSelector(selector, { ...labels, zone: 'a' }).outcome, 'no-match');
  });

  it('answers unknown, with the reason, for an operator Kubernetes does not know', () => {
    for (const operator of ['Gt', 'in', 'Equals', ''])
      assert.deepEqual(
        matchLabelSelector(expr(operator, 'app', ['weaviate']), labels),
        {
          outcome: 'unknown',
          reason: `matchExpressions[0] has the unknown operator ${JSON.stringify(operator)}`,
        },
        operator,
      );
    // Even when another part already fails to match: the object may not exist at all.
    assert.equal(
      outcome({ matchLabels: { app: 'other' }, matchExpressions: [{ key: 'app', operator: 'Gt' }] }),
      'unknown',
    );
  });

  it('answers unknown for parts that cannot be read', () => {
    for (const selector of [
      'app=weaviate',
      null,
      [],
      { matchLabels: ['app'] },
      { matchLabels: { app: 1 } },
      { matchExpressions: {} },
      { matchExpressions: [{ operator: 'Exists' }] },
      { matchExpressions: [{ key: 'app', operator: 'In', values: 'weaviate' }] },
      { matchExpressions: [{ key: 'app', operator: 'In', values: [1] }] },
    ])
      assert.equal(outcome(selector), 'unknown', JSON.stringify(selector));
  });
});
