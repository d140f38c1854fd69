/**
 * Cron schedules as Kubernetes CronJobs read them (five fields, UTC by default), through cron-parser: the
 * blueprint, the jobs and the verifier agree on when a schedule fires and on its longest gap.
 */
import { CronExpressionParser } from 'cron-parser';

/** Thrown for a schedule cron-parser cannot read; the message says what was expected. */
export class CronScheduleError extends Error {}

/** The five-field forms CronJobs accept (plus the `@hourly`-style macros). */
const FIVE_FIELDS = /^(@(yearly|annually|monthly|weekly|daily|hourly)|(\S+\s+){4}\S+)$/;

function parse(schedule: string, from: Date) {
  if (!FIVE_FIELDS.test(schedule.trim()))
    throw new CronScheduleError(`"${schedule}" is not a five-field cron schedule such as "0 */6 * * *"`);
  try {
    return CronExpressionParser.parse(schedule.trim(), { currentDate: from, tz: 'UTC' });
  } catch (error) {
    throw new CronScheduleError(`"${schedule}" is not a cron schedule: ${(error as Error).message}`);
  }
}

/** Whether cron-parser reads the schedule. */
export function isCronSchedule(schedule: string): boolean {
  try {
    parse(schedule, new Date(0));
    return true;
  } catch {
    return false;
  }
}

/** The shortest and the longest time between two consecutive runs of a schedule, in minutes. */
export interface ScheduleGaps {
  readonly shortestMinutes: number;
  readonly longestMinutes: number;
}

/**
 * The longest time between two consecutive runs, in minutes, over the year after `from`: a schedule's worst
 * case is what bounds the data a failure can lose (staleness, RPO).
 */
export function longestGapMinutes(schedule: string, from = new Date(Date.UTC(2026, 0, 1))): number {
  return scheduleGaps(schedule, from).longestMinutes;
}

/**
 * The shortest time between two consecutive runs, in minutes, over the year after `from`: what a run has
 * before the next one starts. A run that lasts longer makes a CronJob with `concurrencyPolicy: Forbid` skip
 * the next slot, so deadlines and timeouts are bounded by this gap, not by the longest (`0 0,1 * * *` leaves
 * 23 hours after its 01:00 run but only one after its midnight run).
 */
export function shortestGapMinutes(schedule: string, from = new Date(Date.UTC(2026, 0, 1))): number {
  return scheduleGaps(schedule, from).shortestMinutes;
}

/**
 * Both gaps of a schedule over the year after `from` (the first run past the year included).
 *
 * A five-field schedule in UTC fires at the same times on every day it fires, so the runs are walked a day at
 * a time: cron-parser finds the days (the schedule's day-of-month, month and day-of-week fields at midnight)
 * and the times of day come from its minute and hour fields. Asking cron-parser for every run instead cost
 * about a second for an hourly schedule; the answers are the same (a test holds the two walks equal).
 */
export function scheduleGaps(schedule: string, from = new Date(Date.UTC(2026, 0, 1))): ScheduleGaps {
  const expression = parse(schedule, from);
  const minutes = [...new Set(expression.fields.minute.values as number[])];
  const hours = [...new Set(expression.fields.hour.values as number[])];
  const times = hours.flatMap((h) => minutes.map((m) => (h * 60 + m) * 60_000)).sort((a, b) => a - b);
  const [, , dayOfMonth, month, dayOfWeek] = expression.fields.stringify().trim().split(/\s+/).slice(-5);
  const startOfDay = Math.floor(from.getTime() / DAY) * DAY;
  // Most schedules run every day, and then every day follows the last.
  const everyDay = dayOfMonth === '*' && month === '*' && dayOfWeek === '*';
  const days = everyDay
    ? undefined
    : parse(`0 0 ${dayOfMonth} ${month} ${dayOfWeek}`, new Date(startOfDay - 1));
  let day = startOfDay - DAY;
  const after = from.getTime();
  const end = after + 366 * DAY;
  let previous: number | undefined;
  let longest = 0;
  let shortest = Infinity;
  // A year of a one-minute schedule is 527,040 runs; longer walks prove nothing more about the gaps.
  let gaps = 0;
  for (;;) {
    day = days ? days.next().getTime() : day + DAY;
    for (const time of times) {
      const run = day + time;
      if (run <= after) continue;
      if (previous !== undefined) {
        longest = Math.max(longest, run - previous);
        shortest = Math.min(shortest, run - previous);
        if (run > end || ++gaps >= 600_000)
          return { shortestMinutes: shortest / 60_000, longestMinutes: longest / 60_000 };
      }
      previous = run;
    }
  }
}

const DAY = 24 * 3600_000;

/**
 * The scheduled run a start time belongs to: the latest scheduled time at or before `at + toleranceMs`. A pod
 * whose clock runs slightly behind starts "before" its slot; the tolerance names it after the slot it was
 * started for rather than the one before, whose backup id already exists.
 */
export function scheduledSlot(schedule: string, at: Date, toleranceMs: number): Date {
  const expression = parse(schedule, new Date(at.getTime() + toleranceMs + 1));
  return new Date(expression.prev().getTime());
}
