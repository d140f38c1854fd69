/**
 * The longest gap of a schedule, found a day at a time, equals what walking every run with cron-parser finds
 * (the definition: consecutive runs over the year after `from`, the first run past the year included).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CronExpressionParser } from 'cron-parser';
import { longestGapMinutes } from '../../src/contract/cron.js';

/** Every run, one `next()` at a time. */
function gapByEveryRun(schedule: string, from: Date): number {
  const expression = CronExpressionParser.parse(schedule, { currentDate: from, tz: 'UTC' });
  const end = from.getTime() + 366 * 24 * 3600_000;
  let previous = expression.next().getTime();
  let longest = 0;
  for (let i = 0; i < 600_000; i++) {
    const next = expression.next().getTime();
    longest = Math.max(longest, next - previous);
    if (next > end) break;
    previous = next;
  }
  return longest / 60_000;
}

const SCHEDULES = [
  '0 */6 * * *',
  '15 * * * *',
  '*/20 * * * *',
  '0,30 9-17 * * *',
  '30 3 * * *',
  '0 4 1 * *',
  '0 12 * * 1-5',
  '0 0 * * 0',
  '0 0 1,15 * 3',
  '0 0 L * *',
  '0 0 * * 5#2',
  '0 0 * * 5L',
  '0 0 29 2 *',
  '0 6 * 1,7 *',
  '59 23 31 12 *',
  '@hourly',
  '@daily',
  '@weekly',
  '@monthly',
  '@yearly',
];

describe('longest gap between two runs of a schedule', () => {
  for (const from of [new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2027, 5, 14, 13, 7, 30))])
    it(`equals the gap found by walking every run, from ${from.toISOString()}`, () => {
      const differing = SCHEDULES.filter((s) => longestGapMinutes(s, from) !== gapByEveryRun(s, from));
      assert.deepEqual(differing, []);
      assert.equal(longestGapMinutes('0 */6 * * *', from), 360);
      assert.equal(longestGapMinutes('0 0 29 2 *', from), 1461 * 24 * 60);
    });

  it('walks a one-minute schedule too', () => {
    assert.equal(longestGapMinutes('* * * * *'), 1);
  });
});
