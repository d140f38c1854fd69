/**
 * A regular expression matching decimal integers strictly greater than a limit.
 *
 * AWS WAF cannot measure a request body beyond its inspection window (8 KB on an ALB, at most 64 KB on
 * CloudFront): a size constraint on the body would either miss large bodies or, with oversize handling MATCH,
 * block every Weaviate batch import above 8 KB. The Content-Length header, however, states the whole size, and
 * WAF compares header values only as text, so the numeric comparison is written as a regex. No library builds
 * numeric-range regexes for WAF's PCRE subset, so it is done here (small, and tested against random numbers).
 *
 * Defined for every finite limit: the integers above a fraction are those above its floor, and every integer is above
 * a negative limit.
 */
export function greaterThanRegex(limit: number): string {
  if (limit < 0) return '^[0-9]+$';
  // BigInt writes large limits in plain digits, where String would switch to exponent notation.
  const digits = BigInt(Math.floor(limit)).toString();
  const n = digits.length;
  // More digits than the limit (after any leading zeros).
  const alternatives = [`[1-9][0-9]{${n},}`];
  // Same number of digits: equal up to position i, then a larger digit, then anything.
  for (let i = 0; i < n; i++) {
    const d = Number(digits[i]);
    if (d === 9) continue;
    const prefix = digits.slice(0, i);
    const rest = n - i - 1;
    const next = d + 1 === 9 ? '9' : `[${d + 1}-9]`;
    alternatives.push(`${prefix}${next}${rest > 0 ? `[0-9]{${rest}}` : ''}`);
  }
  return `^0*(${alternatives.join('|')})$`;
}
