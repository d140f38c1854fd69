/**
 * How often a RotationSchedule rotates, read from its RotationRules: a schedule without rules rotates only when
 * someone asks, and one longer than MAX_ROTATION_DAYS leaves a leaked secret valid for too long (AWS FSBP
 * SecretsManager.4 uses the same 90 days). A secret that declares its intended interval (the
 * `vectorfort:rotation-days` tag) is held to that instead, when shorter. Kept apart from the control so the
 * parsing has one purpose.
 */
import { TAG_ROTATION_DAYS } from '../../contract/keys.js';
import type { CfnResource } from '../../inventory/model.js';
import { declaredTag, isUnknownValue, prop, Unknown } from '../network/cfn.js';

export const MAX_ROTATION_DAYS = 90;

export type IntervalVerdict =
  { readonly status: 'pass' } | { readonly status: 'fail' | 'unknown'; readonly message: string };

const HOURS_PER_DAY = 24;

/** The interval the secret declares, in days; undefined when it declares none. */
function declaredDays(secret: CfnResource): number | Unknown | undefined {
  const declared = declaredTag(secret, TAG_ROTATION_DAYS);
  if (declared === undefined || isUnknownValue(declared)) return declared;
  if (!/^[1-9]\d{0,4}$/.test(declared))
    return new Unknown(
      `the ${TAG_ROTATION_DAYS} tag ${JSON.stringify(declared)} is not a whole number of days`,
    );
  return Number(declared);
}

export function rotationInterval(schedule: CfnResource, secret: CfnResource): IntervalVerdict {
  const declared = declaredDays(secret);
  if (isUnknownValue(declared)) return { status: 'unknown', message: `${secret.key}: ${declared.reason}` };
  const limit = declared === undefined ? MAX_ROTATION_DAYS : Math.min(declared, MAX_ROTATION_DAYS);
  const limitText =
    declared === undefined || declared > MAX_ROTATION_DAYS
      ? `more than ${MAX_ROTATION_DAYS}`
      : `more than the ${declared} its ${TAG_ROTATION_DAYS} tag declares`;
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
  const gap: Gap | undefined | null =
    typeof days === 'number'
      ? { days, exact: true }
      : typeof expression === 'string'
        ? daysOf(expression)
        : null;
  if (gap === null)
    return {
      status: 'fail',
      message: `${schedule.key} has RotationRules without AutomaticallyAfterDays or a ScheduleExpression`,
    };
  if (gap === undefined)
    return {
      status: 'unknown',
      message: `${schedule.key}: the interval of ScheduleExpression ${JSON.stringify(expression)} is not determined here (a cron expression that does not run every month)`,
    };
  if (gap.days <= limit) return { status: 'pass' };
  if (!gap.exact)
    return {
      status: 'unknown',
      message: `${schedule.key}: ScheduleExpression ${JSON.stringify(expression)} runs at least every ${gap.days} days, but whether its gaps stay within ${limit} days is not computed here`,
    };
  return { status: 'fail', message: `${schedule.key} rotates every ${gap.days} days, ${limitText}` };
}

/** The longest time between two rotations, in days: exact, or an upper bound. */
interface Gap {
  readonly days: number;
  readonly exact: boolean;
}

/**
 * The longest time between two rotations of a schedule expression; undefined when a cron expression's months are
 * restricted (its gaps are not computed here). A cron expression that runs in every month runs at least once in
 * any 62 days, a bound rather than its gap.
 */
function daysOf(expression: string): Gap | undefined | null {
  const rate = /^rate\(\s*(\d+)\s+(hours?|days?)\s*\)$/.exec(expression.trim());
  if (rate) return { days: Number(rate[1]) / (rate[2]!.startsWith('hour') ? HOURS_PER_DAY : 1), exact: true };
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) return null;
  const fields = cron[1]!.trim().split(/\s+/);
  // Secrets Manager's cron: minutes hours day-of-month month day-of-week year.
  const month = fields[3];
  const year = fields[5];
  if (month === '*' && (year === undefined || year === '*')) return { days: 62, exact: false };
  return undefined;
}
