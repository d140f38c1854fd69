/**
 * `Fn::Cidr` computed offline: CloudFormation carves `count` consecutive blocks with `cidrBits` host bits out
 * of the given block, from its start (host bits of the given block are ignored). Addresses are read and written
 * by the contract's CIDR module.
 */
import { ADDRESS_BITS, formatCidr, parseCidr } from '../../contract/cidr.js';

/** The blocks `Fn::Cidr` returns, or a reason why CloudFormation would reject the arguments. */
export function cidrSubnets(block: string, count: number, cidrBits: number): string[] | { error: string } {
  const parsed = parseCidr(block, { hostBits: 'mask' });
  if (!parsed) return { error: `${JSON.stringify(block)} is not a CIDR block` };
  const { version, network, prefix } = parsed;
  const bits = ADDRESS_BITS[version];
  if (!Number.isInteger(count) || count < 1 || count > 256) return { error: `count ${count} is not 1–256` };
  if (!Number.isInteger(cidrBits) || cidrBits < 1 || cidrBits > bits)
    return { error: `cidrBits ${cidrBits} is not 1–${bits}` };
  const newPrefix = bits - cidrBits;
  if (newPrefix < prefix) return { error: `/${newPrefix} blocks do not fit in a /${prefix}` };
  if (BigInt(count) > 1n << BigInt(newPrefix - prefix))
    return { error: `${count} /${newPrefix} blocks do not fit in a /${prefix}` };
  const size = 1n << BigInt(cidrBits);
  return Array.from({ length: count }, (_, i) =>
    formatCidr({ version, network: network + BigInt(i) * size, prefix: newPrefix }),
  );
}
