import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeWindow,
  InvalidMaintenanceWindowError,
  parseMaintenanceWindow,
  rotationRulesOf,
  windowAround,
  type MaintenanceWindow,
} from '../../src/rotation/maintenance-window.js';

const FIRST_SUNDAY: MaintenanceWindow = { dayOfWeek: 'SUN', weekOfMonth: 1, startHourUtc: 3, windowHours: 3 };

describe('maintenance window', () => {
  it("gives Secrets Manager a cron expression on the window's weekday and hour, and its length", () => {
    assert.deepEqual(rotationRulesOf(FIRST_SUNDAY), {
      scheduleExpression: 'cron(0 3 ? * SUN#1 *)',
      duration: '3h',
    });
    assert.deepEqual(
      rotationRulesOf({ dayOfWeek: 'TUE', weekOfMonth: 'every', startHourUtc: 22, windowHours: 2 }),
      { scheduleExpression: 'cron(0 22 ? * TUE *)', duration: '2h' },
    );
  });

  it('finds the window around a moment: the n-th weekday of the month, from the opening hour to the close', () => {
    const inside = windowAround(FIRST_SUNDAY, new Date('2026-12-06T05:59:59Z'));
    assert.deepEqual(inside, {
      opens: new Date('2026-12-06T03:00:00Z'),
      closes: new Date('2026-12-06T06:00:00Z'),
    });
    for (const outside of [
      '2026-12-06T02:59:59Z', // before it opens (a clock slightly behind)
      '2026-12-06T06:00:00Z', // the moment it closes
      '2026-12-13T03:30:00Z', // the second Sunday
      '2026-12-07T03:30:00Z', // a Monday
      '2026-11-29T03:30:00Z', // the fifth Sunday of November
    ])
      assert.equal(windowAround(FIRST_SUNDAY, new Date(outside)), undefined, outside);
    assert.ok(windowAround(FIRST_SUNDAY, new Date('2027-01-03T03:00:00Z')));
  });

  it('reads a window from configuration, refusing one that runs past midnight or names no weekday', () => {
    assert.deepEqual(parseMaintenanceWindow({ ...FIRST_SUNDAY }), FIRST_SUNDAY);
    assert.throws(
      () => parseMaintenanceWindow({ ...FIRST_SUNDAY, startHourUtc: 22, windowHours: 3 }),
      new InvalidMaintenanceWindowError('windowHours must be an integer from 1 to 2'),
    );
    assert.throws(
      () => parseMaintenanceWindow({ ...FIRST_SUNDAY, dayOfWeek: 'SUNDAY' }),
      /dayOfWeek must be one of/,
    );
    assert.throws(() => parseMaintenanceWindow({ ...FIRST_SUNDAY, weekOfMonth: 5 }), /weekOfMonth/);
  });

  it('says the window in words', () => {
    assert.equal(describeWindow(FIRST_SUNDAY), 'the first SUN of the month, 03:00–06:00 UTC');
  });
});
