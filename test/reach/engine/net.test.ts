/**
 * CIDR blocks as address intervals (src/reach/engine/net.ts), read once per text: the answers must be those of
 * the first reading, shared answers must not be changeable, and an input of many blocks must not grow the
 * cache without end.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cidrRange } from '../../../src/reach/engine/net.js';

describe('cidrRange', () => {
  it('reads blocks, bare addresses and host bits as EC2 does, and nothing else', () => {
    assert.deepEqual(cidrRange('10.0.0.0/16'), [167772160, 167837695]);
    assert.deepEqual(cidrRange(' 10.0.0.5 '), [167772165, 167772165]);
    assert.deepEqual(cidrRange('10.0.0.5/24'), [167772160, 167772415], 'host bits are ignored');
    assert.equal(cidrRange('fd00::/8'), undefined, 'IPv6 is not an IPv4 interval');
    assert.equal(cidrRange('10.0.0.0/33'), undefined);
    assert.equal(cidrRange('nonsense'), undefined);
  });

  it('gives the same answer the second time, and an answer no caller can change', () => {
    const first = cidrRange('192.168.1.0/24')!;
    assert.throws(() => {
      (first as unknown as number[])[0] = 0;
    }, TypeError);
    assert.deepEqual(cidrRange('192.168.1.0/24'), [3232235776, 3232236031]);
    assert.equal(cidrRange('300.1.1.1/8'), undefined);
    assert.equal(cidrRange('300.1.1.1/8'), undefined, 'a refusal is remembered as a refusal');
  });

  it('keeps answering right past the cache bound', () => {
    for (let i = 0; i < 25_000; i++) {
      const text = `10.${(i >> 8) & 255}.${i & 255}.0/24`;
      const [first, last] = cidrRange(text)!;
      assert.equal(last - first, 255);
      assert.equal(first, (10 * 2 ** 24 + (((i >> 8) & 255) << 16) + ((i & 255) << 8)) >>> 0);
    }
    assert.deepEqual(cidrRange('0.0.0.0/0'), [0, 2 ** 32 - 1]);
  });
});
