/**
 * Text from the inputs (resource names, annotations, messages, paths) made safe to print on a terminal or in a
 * CI log. Every writer of such text calls {@link printable} on each input-derived value.
 */
import { parseCidr } from '../contract/cidr.js';

/** Escapes with a name; everything else that is escaped is shown as its code point. */
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * What a terminal or a log viewer would act on instead of showing: C0 controls (ESC starts colour, cursor
 * and screen-clearing sequences; CR and LF start a new line, which a CI runner may read as a workflow command),
 * DEL, C1 controls (the 8-bit CSI), the line and paragraph separators, and the bidirectional embeddings,
 * overrides, isolates and marks that make a line read differently from its bytes.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A value that begins (after spacing, which CI runners skip) with `:` or `#` could, once it begins a line,
 * start a workflow command (`::error::`, `::stop-commands::`, `##[error]`, `##vso[...]`).
 */
const COMMAND_START = /^(\s*)([:#])/u;

/**
 * An IPv6 address or CIDR such as `::/0` or `::ffff:10.0.0.1`, alone or as the prover names an endpoint
 * (`::/0[External]`), begins with `:` but cannot start a workflow command: an address holds `::` at most once,
 * so a second one would have to come from the next value on the line, and the command's name would then be
 * the address's hex digits, which name no command (GitHub's are words like `error` and `add-mask`). The
 * project's strict parser decides what an address is; it refuses zones (`fe80::1%eth0`), in which Node's
 * `isIPv6` would accept colons.
 */
function isIPv6Text(text: string): boolean {
  const cidr = parseCidr(text.replace(/\[[A-Za-z]+\]$/, ''), { bareAddress: true, hostBits: 'mask' });
  return cidr?.version === 6;
}

function escape(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.codePointAt(0)!;
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One input-derived value as inert text for one line: control and bidirectional characters are shown as
 * escapes (`\x1b`, `\n`, `\u202e`), and a leading `:` or `#` is escaped (except in an IPv6 address), so the
 * value can neither move the cursor, recolour the output nor start a line of its own or a CI workflow command.
 */
export function printable(value: unknown): string {
  const text = String(value);
  // Only a leading colon is escaped in an address; other text skips the address check.
  if (text.startsWith(':') && isIPv6Text(text)) return text;
  return text
    .replace(UNSAFE, escape)
    .replace(COMMAND_START, (_, spacing: string, marker: string) => `${spacing}${escape(marker)}`);
}
