/**
 * When an acknowledgement stops holding. `expires` is a date (`2027-03-31`: the acknowledgement holds through
 * that whole day, UTC) or a UTC date-time (`2027-03-31T12:00:00Z`: it holds until that instant). Nothing here
 * reads the clock: callers pass the time they evaluate at.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;

const DAY_MS = 86_400_000;

/** An `expires` value as written, and the first instant at which the acknowledgement no longer holds. */
export interface Expiry {
  readonly text: string;
  /** Milliseconds since the epoch: the acknowledgement has lapsed at and after this instant. */
  readonly lapsesAt: number;
}

/** Reads `expires`; returns a message saying what was expected when it is not a valid UTC date or date-time. */
export function parseExpiry(value: unknown): Expiry | { readonly problem: string } {
  const expected = 'a date (YYYY-MM-DD) or a UTC date-time (YYYY-MM-DDTHH:MM:SSZ)';
  if (typeof value !== 'string') return { problem: `needs ${expected} in "expires", got a ${typeof value}` };
  const date = DATE.exec(value);
  if (date) {
    const start = utc(+date[1]!, +date[2]!, +date[3]!, 0, 0, 0, 0);
    return start === undefined
      ? { problem: `"expires" is not a calendar date: ${JSON.stringify(value)}` }
      : { text: value, lapsesAt: start + DAY_MS };
  }
  const time = DATE_TIME.exec(value);
  if (time) {
    const [, y, mo, d, h, mi, s, ms] = time;
    const at = utc(+y!, +mo!, +d!, +h!, +mi!, +(s ?? 0), +(ms ?? '0').padEnd(3, '0'));
    return at === undefined
      ? { problem: `"expires" is not a valid date-time: ${JSON.stringify(value)}` }
      : { text: value, lapsesAt: at };
  }
  return { problem: `needs ${expected} in "expires", got ${JSON.stringify(value)}` };
}

/** The date `days` after `from`, as `YYYY-MM-DD` (UTC): an expiry that holds through that day. */
export function expiryDateAfter(from: Date, days: number): string {
  return new Date(from.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Epoch milliseconds of a UTC time, or undefined when a field is out of range (February 30th, 25:00). */
function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) {
  const at = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(at);
  const same =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return same ? at : undefined;
}
