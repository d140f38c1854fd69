/**
 * The contract's CIDR module against a straightforward BigInt reference, on random IPv4 and IPv6 addresses and
 * prefixes (seeded, so a failure repeats), plus the strict-parsing cases one by one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cidrContains,
  cidrRange,
  cidrsOverlap,
  formatCidr,
  formatIpAddress,
  isWholeFamily,
  nonGlobalIpv6,
  parseCidr,
  parseIpAddress,
  rangeToCidrs,
  subtractRanges,
  type IpVersion,
} from '../../src/contract/cidr.js';

/** xorshift32: a small seeded generator. */
function random(seed: number) {
  let x = seed;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  const bits = (n: number) => {
    let v = 0n;
    for (let i = 0; i < n; i += 16) v = (v << 16n) | BigInt(Math.floor(next() * 65536));
    return v & ((1n << BigInt(n)) - 1n);
  };
  return { int: (n: number) => Math.floor(next() * n), bits };
}

const WIDTH: Record<IpVersion, number> = { 4: 32, 6: 128 };

/** Reference text: dotted decimal, or all eight IPv6 groups in full. */
function referenceText(version: IpVersion, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  return Array.from({ length: 8 }, (_, i) => ((value >> BigInt((7 - i) * 16)) & 0xffffn).toString(16)).join(
    ':',
  );
}

/** Reference block bounds by division: the multiple of the block size at or below the address. */
function referenceBounds(version: IpVersion, value: bigint, prefix: number): [bigint, bigint] {
  const size = 2n ** BigInt(WIDTH[version] - prefix);
  const first = (value / size) * size;
  return [first, first + size - 1n];
}

const CASES = 2000;

describe('CIDR arithmetic matches the BigInt reference', () => {
  for (const version of [4, 6] as const) {
    it(`parses, bounds and formats random IPv${version} blocks`, () => {
      const r = random(version * 7919);
      for (let i = 0; i < CASES; i++) {
        const value = r.bits(WIDTH[version]);
        const prefix = r.int(WIDTH[version] + 1);
        const text = `${referenceText(version, value)}/${prefix}`;
        const [first, last] = referenceBounds(version, value, prefix);
        const masked = parseCidr(text, { hostBits: 'mask' });
        assert.deepEqual(masked, { version, network: first, prefix }, text);
        assert.deepEqual(cidrRange(masked!), { version, first, last }, text);
        assert.equal(parseCidr(text) !== undefined, value === first, `${text} host bits`);
        assert.equal(isWholeFamily(masked!), prefix === 0, text);
        const formatted = formatCidr(masked!);
        assert.deepEqual(parseCidr(formatted), masked, `${text} → ${formatted}`);
        assert.deepEqual(parseIpAddress(formatIpAddress({ version, value })), { version, value }, text);
      }
    });

    it(`decides containment and overlap of random IPv${version} blocks and addresses`, () => {
      const r = random(version * 104729);
      let contained = 0;
      let overlapping = 0;
      for (let i = 0; i < CASES; i++) {
        // Share a random high part so that related blocks are common, not vanishingly rare.
        const shared = r.int(WIDTH[version] + 1);
        const high =
          (r.bits(WIDTH[version]) >> BigInt(WIDTH[version] - shared)) << BigInt(WIDTH[version] - shared);
        const low = (1n << BigInt(WIDTH[version] - shared)) - 1n;
        const a = { value: high | (r.bits(WIDTH[version]) & low), prefix: r.int(WIDTH[version] + 1) };
        const b = { value: high | (r.bits(WIDTH[version]) & low), prefix: r.int(WIDTH[version] + 1) };
        const [a0, a1] = referenceBounds(version, a.value, a.prefix);
        const [b0, b1] = referenceBounds(version, b.value, b.prefix);
        const x = parseCidr(`${referenceText(version, a.value)}/${a.prefix}`, { hostBits: 'mask' })!;
        const y = parseCidr(`${referenceText(version, b.value)}/${b.prefix}`, { hostBits: 'mask' })!;
        const contains = a0 <= b0 && b1 <= a1;
        const overlaps = a0 <= b1 && b0 <= a1;
        assert.equal(cidrContains(x, y), contains, `${formatCidr(x)} ⊇ ${formatCidr(y)}`);
        assert.equal(cidrsOverlap(x, y), overlaps, `${formatCidr(x)} ∩ ${formatCidr(y)}`);
        assert.equal(cidrContains(x, { version, value: b.value }), a0 <= b.value && b.value <= a1);
        if (contains) contained++;
        if (overlaps) overlapping++;
      }
      // Both answers occur often enough for the comparison to mean something.
      assert.ok(contained > CASES / 10 && contained < CASES - CASES / 10, `${contained} contained`);
      assert.ok(overlapping > CASES / 10, `${overlapping} overlapping`);
    });

    it(`subtracts random IPv${version} ranges exactly`, () => {
      const r = random(version * 15485863);
      const base = r.bits(WIDTH[version]) & ~0xffffn;
      const range = (lo: number, hi: number) => ({
        version,
        first: base + BigInt(lo),
        last: base + BigInt(hi),
      });
      for (let i = 0; i < 300; i++) {
        const lo = r.int(1000);
        const whole = range(lo, lo + r.int(1000));
        const cuts = Array.from({ length: r.int(5) }, () => {
          const c = r.int(2000);
          return range(c, c + r.int(300));
        });
        const pieces = subtractRanges(whole, cuts);
        for (let k = 1; k < pieces.length; k++)
          assert.ok(pieces[k - 1]!.last + 1n < pieces[k]!.first, 'ordered, apart');
        for (let p = 0; p < 2400; p += 7) {
          const point = base + BigInt(p);
          const expected =
            whole.first <= point &&
            point <= whole.last &&
            !cuts.some((c) => c.first <= point && point <= c.last);
          assert.equal(
            pieces.some((s) => s.first <= point && point <= s.last),
            expected,
            `point ${p}`,
          );
        }
      }
    });
  }

  it('never relates blocks or addresses of different families', () => {
    const v4 = parseCidr('0.0.0.0/0')!;
    const v6 = parseCidr('::/0')!;
    assert.equal(cidrContains(v4, v6), false);
    assert.equal(cidrContains(v6, parseIpAddress('10.0.0.1')!), false);
    assert.equal(cidrsOverlap(v4, v6), false);
  });
});

describe('CIDR parsing is strict where text is ambiguous', () => {
  it('rejects leading zeros, short and hexadecimal IPv4 forms, zone ids and odd prefixes', () => {
    for (const text of [
      '010.0.0.0/8',
      '10.0.0.00/32',
      '10.0/16',
      '0x0a.0.0.0/8',
      '10.0.0.256/32',
      '10.0.0.0/33',
      '10.0.0.0/08',
      '10.0.0.0/+8',
      '10.0.0.0/',
      ' 10.0.0.0/8',
      'fe80::1%eth0/128',
      '::ffff:010.0.0.1/128',
      '2001:db8::/129',
      '1::2::3/64',
      '',
    ])
      assert.equal(parseCidr(text, { hostBits: 'mask', bareAddress: true }), undefined, text);
  });

  it('reads a bare address only when asked, as a single-address block', () => {
    assert.equal(parseCidr('10.0.0.1'), undefined);
    assert.deepEqual(parseCidr('10.0.0.1', { bareAddress: true }), {
      version: 4,
      network: 0x0a000001n,
      prefix: 32,
    });
    assert.deepEqual(parseCidr('::1', { bareAddress: true }), { version: 6, network: 1n, prefix: 128 });
  });

  it('rejects host bits unless they are to be masked', () => {
    assert.equal(parseCidr('10.0.0.5/16'), undefined);
    assert.equal(formatCidr(parseCidr('10.0.0.5/16', { hostBits: 'mask' })!), '10.0.0.0/16');
    assert.equal(formatCidr(parseCidr('2001:DB8:0:0:1::/32', { hostBits: 'mask' })!), '2001:db8::/32');
  });

  it('writes IPv6 in RFC 5952 form', () => {
    assert.equal(
      formatIpAddress(parseIpAddress('2001:0db8:0000:0000:0001:0000:0000:0001')!),
      '2001:db8::1:0:0:1',
    );
    assert.equal(formatIpAddress(parseIpAddress('0:0:0:0:0:0:0:0')!), '::');
  });
});

describe('ranges summarize into the fewest covering blocks', () => {
  const texts = (first: string, last: string) =>
    rangeToCidrs({
      version: 4,
      first: cidrRange(parseCidr(`${first}/32`)!).first,
      last: cidrRange(parseCidr(`${last}/32`)!).first,
    }).map(formatCidr);

  it('gives one block for an aligned range and the whole family for everything', () => {
    assert.deepEqual(texts('10.0.0.0', '10.0.255.255'), ['10.0.0.0/16']);
    assert.deepEqual(texts('0.0.0.0', '255.255.255.255'), ['0.0.0.0/0']);
    assert.deepEqual(texts('10.0.0.7', '10.0.0.7'), ['10.0.0.7/32']);
  });

  it('splits an unaligned range at its alignment boundaries', () => {
    assert.deepEqual(texts('10.0.0.1', '10.0.0.6'), [
      '10.0.0.1/32',
      '10.0.0.2/31',
      '10.0.0.4/31',
      '10.0.0.6/32',
    ]);
  });

  it('covers the complement of a block exactly: its blocks and the cut add up to the whole family', () => {
    const cut = cidrRange(parseCidr('198.51.100.0/24')!);
    const rest = subtractRanges(cidrRange(parseCidr('0.0.0.0/0')!), [cut]).flatMap(rangeToCidrs);
    assert.equal(rest.length, 24);
    assert.ok(rest.every((c) => !cidrsOverlap(c, parseCidr('198.51.100.0/24')!)));
    const size = (c: { prefix: number }) => 2n ** BigInt(32 - c.prefix);
    assert.equal(rest.reduce((sum, c) => sum + size(c), 0n) + 256n, 2n ** 32n);
  });

  it('matches the reference on random IPv6 ranges: disjoint, in order, exactly the range', () => {
    const r = random(4099);
    for (let i = 0; i < 200; i++) {
      const a = r.bits(128);
      const b = a + r.bits(r.int(64) + 1);
      const blocks = rangeToCidrs({ version: 6, first: a, last: b });
      assert.ok(blocks.length > 0 && blocks.length <= 2 * 128);
      let next = a;
      for (const block of blocks) {
        const bounds = cidrRange(block);
        assert.equal(bounds.first, next);
        assert.deepEqual(referenceBounds(6, block.network, block.prefix), [bounds.first, bounds.last]);
        next = bounds.last + 1n;
      }
      assert.equal(next, b + 1n);
    }
  });
});

describe('global unicast IPv6', () => {
  const reasons = (text: string) => nonGlobalIpv6(parseCidr(text)!);

  it('finds nothing to refuse in global unicast blocks, and does not judge IPv4', () => {
    for (const text of ['2a05:d000::/32', '2600::/12', '3ffe:1000::/48', '2001:200::/23'])
      assert.deepEqual(reasons(text), [], text);
    assert.equal(reasons('10.0.0.0/8'), undefined);
  });

  it('names the special-purpose block a range lies in or overlaps', () => {
    assert.deepEqual(reasons('2002:c000:204::/48'), ['6to4 (2002::/16)']);
    const outside = 'outside global unicast (2000::/3)';
    assert.deepEqual(reasons('::ffff:0:0/96'), ['IPv4-mapped addresses (::ffff:0:0/96)', outside]);
    assert.deepEqual(reasons('64:ff9b::/96'), ['NAT64 (well-known prefix) (64:ff9b::/96)', outside]);
    assert.deepEqual(reasons('2001:0:1::/48'), [
      'Teredo (2001::/32)',
      'IETF protocol assignments (2001::/23)',
    ]);
    assert.deepEqual(reasons('fd12:3456::/32'), ['unique-local (fc00::/7)', outside]);
    assert.deepEqual(reasons('2000::/8'), [
      'Teredo (2001::/32)',
      'IETF protocol assignments (2001::/23)',
      'documentation (2001:db8::/32)',
      '6to4 (2002::/16)',
    ]);
    assert.deepEqual(reasons('4000::/2'), ['segment routing (5f00::/16)', outside]);
    assert.deepEqual(reasons('4000::/16'), [outside]);
  });
});
