/**
 * How often a RotationSchedule rotates, read from its RotationRules: a schedule without rules rotates only when
 * someone asks, and one longer than MAX_ROTATION_DAYS leaves a leaked secret valid for too long (AWS FSBP
 * SecretsManager.4 uses the same 90 days). Kept apart from the control so the parsing has one purpose.
 */
import type { CfnResource } from '../../inventory/model.js';
import { isUnknownValue, prop } from '../network/cfn.js';

export const MAX_ROTATION_DAYS = 90;

export type IntervalVerdict =
  { readonly status: 'pass' } | { readonly status: 'fail' | 'unknown'; readonly message: string };

const HOURS_PER_DAY = 24;

export function rotationInterval(schedule: CfnResource): IntervalVerdict {
  const rules = prop(schedule, 'RotationRules');
  if (rules === undefined)
    return {
      status: 'fail',
      message: `${schedule.key} has no RotationRules: the secret rotates only on demand`,
    };
  if (isUnknownValue(rules)) return { status: 'unknown', message: `${schedule.key}: ${rules.reason}` };
  const days = prop(schedule, 'RotationRules.AutomaticallyAfterDays');
  const expression = prop(schedule, 'RotationRules.ScheduleExpression');
  for (const v of [days, expression])
    if (isUnknownValue(v)) return { status: 'unknown', message: `${schedule.key}: ${v.reason}` };
  const longest =
    typeof days === 'number' ? days : typeof expression === 'string' ? daysOf(expression) : null;
  if (longest === null)
    return {
      status: 'fail',
      message: `${schedule.key} has RotationRules without AutomaticallyAfterDays or a ScheduleExpression`,
    };
  if (longest === undefined)
    return {
      status: 'unknown',
      message: `${schedule.key}: the interval of ScheduleExpression ${JSON.stringify(expression)} is not determined here (a cron expression that does not run every month)`,
    };
  if (longest > MAX_ROTATION_DAYS)
    return {
      status: 'fail',
      message: `${schedule.key} rotates every ${longest} days, more than ${MAX_ROTATION_DAYS}`,
    };
  return { status: 'pass' };
}

/**
 * The longest time between two rotations of a schedule expression, in days; undefined when a cron expression's
 * months are restricted (its gaps are not computed here). A cron expression that runs in every month runs at
 * least once in any 62 days, within the limit.
 */
function daysOf(expression: string): number | undefined | null {
  const rate = /^rate\(\s*(\d+)\s+(hours?|days?)\s*\)$/.exec(expression.trim());
  if (rate) return Number(rate[1]) / (rate[2]!.startsWith('hour') ? HOURS_PER_DAY : 1);
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) return null;
  const fields = cron[1]!.trim().split(/\s+/);
  // Secrets Manager's cron: minutes hours day-of-month month day-of-week year.
  const month = fields[3];
  const year = fields[5];
  if (month === '*' && (year === undefined || year === '*')) return 62;
  return undefined;
}
