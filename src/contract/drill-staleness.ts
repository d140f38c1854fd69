/**
 * How long without a passing restore drill means the drill is not running: shared by the alert that says so
 * (k8s/monitoring.ts) and the blueprint rule that makes Prometheus keep samples long enough for it to see.
 */
import { longestGapMinutes } from './cron.js';

const DAY_MINUTES = 24 * 60;

/**
 * The schedule's longest gap between drills, plus one drill's time budget (a drill records its success when it
 * finishes, up to that long after its slot), plus a day for a late start or a rerun by hand.
 */
export function drillStalenessMinutes(schedule: string, timeoutMinutes: number): number {
  return Math.ceil(longestGapMinutes(schedule)) + timeoutMinutes + DAY_MINUTES;
}

/**
 * Days Prometheus must keep samples for the staleness alert to see the last passing drill: the window, the hour
 * the alert looks back beyond it, and a day more, since Prometheus drops its oldest data in whole blocks that
 * may end up to a day before the retention boundary.
 */
export function drillRetentionDays(schedule: string, timeoutMinutes: number): number {
  return Math.ceil((drillStalenessMinutes(schedule, timeoutMinutes) + 60) / DAY_MINUTES) + 1;
}
