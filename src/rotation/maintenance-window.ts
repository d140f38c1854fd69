/**
 * The maintenance window in which Weaviate's cluster password rotates: a weekday (every week, or its n-th
 * occurrence in the month), a start hour and a length, in UTC. The same value gives Secrets Manager its
 * rotation schedule (a cron ScheduleExpression and a Duration, built here so both sides agree) and lets the
 * rotation function refuse to restart Weaviate outside the window: a rotation started by hand, or retried by
 * Secrets Manager after the window, fails instead of disrupting the cluster at an unplanned time.
 */

export const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface MaintenanceWindow {
  readonly dayOfWeek: Weekday;
  /** The n-th such weekday of the month (1–4), or every week. */
  readonly weekOfMonth: number | 'every';
  /** Hour (UTC) the window opens. */
  readonly startHourUtc: number;
  /** Hours it stays open; it closes the same UTC day (Secrets Manager's rule). */
  readonly windowHours: number;
}

export class InvalidMaintenanceWindowError extends Error {
  override readonly name = 'InvalidMaintenanceWindowError';
}

/** Checks a window read from configuration; throws naming the field that is wrong. */
export function parseMaintenanceWindow(value: unknown): MaintenanceWindow {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const int = (field: string, min: number, max: number): number => {
    const n = v[field];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
      throw new InvalidMaintenanceWindowError(`${field} must be an integer from ${min} to ${max}`);
    return n;
  };
  if (!WEEKDAYS.includes(v.dayOfWeek as Weekday))
    throw new InvalidMaintenanceWindowError(`dayOfWeek must be one of ${WEEKDAYS.join(', ')}`);
  const weekOfMonth = v.weekOfMonth === 'every' ? 'every' : int('weekOfMonth', 1, 4);
  const startHourUtc = int('startHourUtc', 0, 23);
  const windowHours = int('windowHours', 1, 24 - startHourUtc);
  return { dayOfWeek: v.dayOfWeek as Weekday, weekOfMonth, startHourUtc, windowHours };
}

/** Secrets Manager's rotation rules for the window: `cron(0 H ? * DAY[#n] *)` and `<hours>h`. */
export function rotationRulesOf(w: MaintenanceWindow): {
  readonly scheduleExpression: string;
  readonly duration: string;
} {
  const day = w.weekOfMonth === 'every' ? w.dayOfWeek : `${w.dayOfWeek}#${w.weekOfMonth}`;
  return { scheduleExpression: `cron(0 ${w.startHourUtc} ? * ${day} *)`, duration: `${w.windowHours}h` };
}

/** The window that contains `now`: its opening and closing time; undefined when `now` is outside every window. */
export function windowAround(w: MaintenanceWindow, now: Date): { opens: Date; closes: Date } | undefined {
  if (WEEKDAYS[now.getUTCDay()] !== w.dayOfWeek) return undefined;
  // The n-th weekday of a month falls on days 7(n-1)+1 to 7n.
  if (w.weekOfMonth !== 'every' && Math.ceil(now.getUTCDate() / 7) !== w.weekOfMonth) return undefined;
  const opens = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), w.startHourUtc));
  const closes = new Date(opens.getTime() + w.windowHours * 3_600_000);
  if (now < opens || now >= closes) return undefined;
  return { opens, closes };
}

/** The window in words, for messages and logs. */
export function describeWindow(w: MaintenanceWindow): string {
  const nth = ['first', 'second', 'third', 'fourth'][Number(w.weekOfMonth) - 1];
  const day = w.weekOfMonth === 'every' ? `every ${w.dayOfWeek}` : `the ${nth} ${w.dayOfWeek} of the month`;
  const end = w.startHourUtc + w.windowHours;
  return `${day}, ${String(w.startHourUtc).padStart(2, '0')}:00–${String(end).padStart(2, '0')}:00 UTC`;
}
