/**
 * The shortest and longest gaps of a schedule, found a day at a time, equal what walking every run with
 * cron-parser finds (the definition: consecutive runs over the year after `from`, the first run past the year
 * included).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CronExpressionParser } from 'cron-parser';
import { longestGapMinutes, scheduleGaps, shortestGapMinutes } from '../../src/contract/cron.js';

/** Every run, one `next()` at a time. */
function gapsByEveryRun(schedule: string, from: Date): { shortestMinutes: number; longestMinutes: number } {
  const expression = CronExpressionParser.parse(schedule, { currentDate: from, tz: 'UTC' });
  const end = from.getTime() + 366 * 24 * 3600_000;
  let previous = expression.next().getTime();
  let longest = 0;
  let shortest = Infinity;
  for (let i = 0; i < 600_000; i++) {
    const next = expression.next().getTime();
    longest = Math.max(longest, next - previous);
    shortest = Math.min(shortest, next - previous);
    if (next > end) break;
    previous = next;
  }
  return { shortestMinutes: shortest / 60_000, longestMinutes: longest / 60_000 };
}
const gapByEveryRun = (schedule: string, from: Date) => gapsByEveryRun(schedule, from).longestMinutes;

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
  '0 0,1 * * *',
  '0 0,6,8 * * *',
  '30 23 * * *',
  '0 12 L,1 * *',
  '0 0 1,28 * *',
  '0 0 28-31 * *',
  '0 23 31 * *',
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

describe('shortest gap between two runs of a schedule', () => {
  for (const from of [new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2027, 5, 14, 13, 7, 30))])
    it(`equals the gap found by walking every run, from ${from.toISOString()}`, () => {
      const differing = SCHEDULES.filter(
        (s) => shortestGapMinutes(s, from) !== gapsByEveryRun(s, from).shortestMinutes,
      );
      assert.deepEqual(differing, []);
    });

  it('is the short side of an uneven schedule, the longest gap its long side', () => {
    assert.deepEqual(scheduleGaps('0 0,1 * * *'), { shortestMinutes: 60, longestMinutes: 23 * 60 });
    assert.deepEqual(scheduleGaps('0 0,6,8 * * *'), { shortestMinutes: 120, longestMinutes: 16 * 60 });
    assert.deepEqual(scheduleGaps('0 */6 * * *'), { shortestMinutes: 360, longestMinutes: 360 });
    assert.equal(shortestGapMinutes('* * * * *'), 1);
  });

  it('counts in UTC, with no daylight-saving jumps', () => {
    // Europe's and North America's clocks change in late March and early November; UTC does not.
    for (const from of [new Date(Date.UTC(2026, 2, 28)), new Date(Date.UTC(2026, 9, 31))])
      assert.deepEqual(scheduleGaps('30 1 * * *', from), { shortestMinutes: 1440, longestMinutes: 1440 });
  });

  it('crosses month boundaries', () => {
    // The 28th and the 1st: a day apart after February (2026 is no leap year), 27 days apart within a month.
    assert.deepEqual(scheduleGaps('0 0 1,28 * *'), { shortestMinutes: 1440, longestMinutes: 27 * 1440 });
    // The last day of each month and the first of the next.
    assert.equal(shortestGapMinutes('0 12 L,1 * *'), 1440);
    // The 31st only: a month apart at best (July to August), two at worst (March to May, no April 31st).
    assert.deepEqual(scheduleGaps('0 23 31 * *'), { shortestMinutes: 31 * 1440, longestMinutes: 61 * 1440 });
    // February 29th, leap years only: four years apart.
    assert.equal(shortestGapMinutes('0 0 29 2 *'), 1461 * 24 * 60);
  });
});
