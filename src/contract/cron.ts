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

/**
 * The longest time between two consecutive runs, in minutes, over the year after `from`: a schedule's worst
 * case is what bounds the data a failure can lose.
 */
export function longestGapMinutes(schedule: string, from = new Date(Date.UTC(2026, 0, 1))): number {
  const expression = parse(schedule, from);
  const end = from.getTime() + 366 * 24 * 3600_000;
  let previous = expression.next().getTime();
  let longest = 0;
  // A year of a one-minute schedule is 527,040 runs; longer walks prove nothing more about the gap.
  for (let i = 0; i < 600_000; i++) {
    const next = expression.next().getTime();
    longest = Math.max(longest, next - previous);
    if (next > end) break;
    previous = next;
  }
  return longest / 60_000;
}

/**
 * The scheduled run a start time belongs to: the latest scheduled time at or before `at + toleranceMs`. A pod
 * whose clock runs slightly behind starts "before" its slot; the tolerance names it after the slot it was
 * started for rather than the one before, whose backup id already exists.
 */
export function scheduledSlot(schedule: string, at: Date, toleranceMs: number): Date {
  const expression = parse(schedule, new Date(at.getTime() + toleranceMs + 1));
  return new Date(expression.prev().getTime());
}
