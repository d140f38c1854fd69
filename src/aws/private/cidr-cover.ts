/**
 * The smallest set of CIDR blocks that covers exactly the given blocks (merging aligned neighbours), so a tier
 * of three /19 subnets becomes one /18 and one /19 in a network ACL instead of three entries.
 */
import type { IConstruct } from 'constructs';
import { parseCidr } from '../../blueprint/index.js';
import { ValidationError } from '../errors.js';

/** `scope` is the construct the blocks are for, named in the error when one is not an IPv4 CIDR. */
export function coverCidrs(cidrs: readonly string[], scope: IConstruct): string[] {
  let blocks = cidrs.map((cidr) => {
    const parsed = parseCidr(cidr);
    if (!parsed) throw new ValidationError('subnet-cidr-not-ipv4', `not an IPv4 CIDR: ${cidr}`, scope);
    return parsed;
  });
  // Merge buddies (two halves of the same parent block) until nothing changes.
  for (let merged = true; merged;) {
    merged = false;
    blocks = dedupe(blocks).sort((a, b) => a.base - b.base || a.prefix - b.prefix);
    // Drop blocks contained in an earlier, larger block.
    blocks = blocks.filter(
      (b, i) => !blocks.some((o, j) => j !== i && contains(o, b) && o.prefix < b.prefix),
    );
    for (let i = 0; i + 1 < blocks.length; i++) {
      const a = blocks[i]!;
      const b = blocks[i + 1]!;
      const size = 2 ** (32 - a.prefix);
      if (a.prefix === b.prefix && a.prefix > 0 && a.base % (size * 2) === 0 && a.base + size === b.base) {
        blocks.splice(i, 2, { base: a.base, prefix: a.prefix - 1 });
        merged = true;
        break;
      }
    }
  }
  return blocks.map((b) => `${intToIp(b.base)}/${b.prefix}`);
}

function contains(outer: { base: number; prefix: number }, inner: { base: number; prefix: number }): boolean {
  const size = 2 ** (32 - outer.prefix);
  return inner.base >= outer.base && inner.base < outer.base + size;
}

function dedupe<T extends { base: number; prefix: number }>(blocks: T[]): T[] {
  const seen = new Set<string>();
  return blocks.filter((b) => {
    const key = `${b.base}/${b.prefix}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
