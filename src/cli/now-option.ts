/** `--now`: the time a run judges acknowledgements at, instead of the clock (reproducible runs, tests). */
import { InvalidArgumentError } from 'commander';
import { parseExpiry } from '../contract/acknowledgement-expiry.js';

export const NOW_HELP =
  'judge acknowledgement expiry at this time instead of the clock: a date (YYYY-MM-DD, its start, UTC) or a UTC date-time (YYYY-MM-DDTHH:MM:SSZ)';

/** A date means its first instant, UTC; a date-time is taken as written (it must be UTC). */
export function parseNow(value: string): Date {
  const parsed = parseExpiry(value);
  if ('problem' in parsed)
    throw new InvalidArgumentError('expected a date (YYYY-MM-DD) or a UTC date-time (YYYY-MM-DDTHH:MM:SSZ)');
  // A date's expiry is the end of the day; as the time of a run it is the start.
  return new Date(/T/.test(value) ? parsed.lapsesAt : parsed.lapsesAt - 86_400_000);
}
