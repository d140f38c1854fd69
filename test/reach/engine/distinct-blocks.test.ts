/**
 * The blocking rules a denied answer names: each (node, rule) once, in the order met, up to a limit; equal
 * rules built as separate strings count as one, and a node and rule are never run together into one key.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distinctBlocks, type Outcome } from '../../../src/reach/engine/query.js';

const outcome = (...blocks: [string, string][]): Outcome => ({
  hops: [],
  unknowns: [],
  blocks: blocks.map(([node, rule]) => ({ node, rule })),
});

describe('distinctBlocks', () => {
  it('keeps the first of equal rules, in order, and stops at the limit', () => {
    const rule = (n: number) => ['sg-', String(n)].join('');
    const outcomes = [
      outcome(['a', rule(1)], ['b', rule(2)]),
      outcome(['a', rule(1)], ['c', rule(3)], ['b', rule(2)]),
    ];
    const all = distinctBlocks(outcomes);
    assert.deepEqual(
      all.map((b) => [b.node, b.rule]),
      [
        ['a', 'sg-1'],
        ['b', 'sg-2'],
        ['c', 'sg-3'],
      ],
    );
    assert.equal(all[0], outcomes[0]!.blocks[0], 'the first one met is the one kept');
    assert.deepEqual(
      distinctBlocks(outcomes, 2).map((b) => b.node),
      ['a', 'b'],
    );
  });

  it('tells apart a node and rule that would read alike run together', () => {
    const blocks = distinctBlocks([outcome(['a|b', 'c'], ['a', 'b|c'], ['a:', 'bc'], ['a', ':bc'])]);
    assert.equal(blocks.length, 4);
  });

  it('answers the same past the few rules it compares one by one', () => {
    const many = Array.from(
      { length: 100 },
      (_, i) => [`node${i % 50}`, `rule ${i % 70}`] as [string, string],
    );
    const outcomes = [outcome(...many), outcome(...many.slice().reverse())];
    const expected: string[] = [];
    for (const o of outcomes)
      for (const b of o.blocks)
        if (!expected.includes(`${b.node}\n${b.rule}`)) expected.push(`${b.node}\n${b.rule}`);
    assert.deepEqual(
      distinctBlocks(outcomes).map((b) => `${b.node}\n${b.rule}`),
      expected,
    );
    assert.equal(distinctBlocks(outcomes, 40).length, 40);
  });
});
