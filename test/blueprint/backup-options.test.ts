import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBlueprint } from '../../src/blueprint/index.js';
import { errorsOf, refusalsIfAny } from './refusals.js';

describe('backup schedule and restore drill options', () => {
  it('backs up every 6 hours in production and daily in development, keeping backups 90 and 35 days', () => {
    const prod = parseBlueprint('{}', 'bp.yaml');
    assert.equal(prod.backup.schedule, '0 */6 * * *');
    assert.equal(prod.backup.retentionDays, 90);
    assert.equal(prod.backup.rtoMinutes, 60);
    assert.deepEqual(prod.backup.restoreDrill, {
      enabled: true,
      schedule: '0 4 1 * *',
      namespace: 'weaviate-restore-drill',
      evidencePrefix: 'restore-drills',
      timeoutMinutes: 240,
    });
    const dev = parseBlueprint('preset: development', 'bp.yaml');
    assert.equal(dev.backup.schedule, '0 2 * * *');
    assert.equal(dev.backup.retentionDays, 35);
  });

  it('refuses a schedule whose longest gap exceeds the RPO, naming both', () => {
    assert.deepEqual(errorsOf('backup:\n  schedule: "0 3 * * *"\n  rpoHours: 12\n'), [
      'bp.yaml:2:3: backup.schedule: the schedule leaves up to 24 hours between backups, more than backup.rpoHours (12): run it more often or raise the RPO',
    ]);
  });

  it('refuses a schedule that is not five-field cron', () => {
    const errors = errorsOf('backup:\n  schedule: "every 6 hours"\n');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /backup\.schedule: .*a five-field cron schedule such as "0 \*\/6 \* \* \*"/);
  });

  it('refuses a timeout that runs a backup into the next slot', () => {
    assert.deepEqual(errorsOf('backup:\n  schedule: "0 * * * *"\n  timeoutMinutes: 90\n'), [
      'bp.yaml:3:3: backup.timeoutMinutes: a backup may run 90 minutes, but the schedule starts the next one as soon as 60 minutes after a run: lower the timeout below the shortest gap',
    ]);
  });

  it('holds the timeout to the shortest gap of an uneven schedule, the RPO to the longest', () => {
    // Midnight and 01:00: one hour, then 23 hours.
    assert.deepEqual(errorsOf('backup:\n  schedule: "0 0,1 * * *"\n  timeoutMinutes: 120\n'), [
      'bp.yaml:3:3: backup.timeoutMinutes: a backup may run 120 minutes, but the schedule starts the next one as soon as 60 minutes after a run: lower the timeout below the shortest gap',
    ]);
    assert.equal(
      parseBlueprint('backup:\n  schedule: "0 0,1 * * *"\n  timeoutMinutes: 45\n', 'bp.yaml').backup
        .timeoutMinutes,
      45,
    );
    assert.deepEqual(errorsOf('backup:\n  schedule: "0 0,1 * * *"\n  timeoutMinutes: 45\n  rpoHours: 12\n'), [
      'bp.yaml:2:3: backup.schedule: the schedule leaves up to 23 hours between backups, more than backup.rpoHours (12): run it more often or raise the RPO',
    ]);
  });

  it("refuses a drill timeout beyond its schedule's shortest gap", () => {
    const drill = (schedule: string) =>
      `backup:\n  restoreDrill:\n    schedule: "${schedule}"\n    timeoutMinutes: 1440\n`;
    assert.equal(parseBlueprint(drill('0 4 1,15 * *'), 'bp.yaml').backup.restoreDrill.timeoutMinutes, 1440);
    // February 28th and March 1st are a day apart: the month boundary makes the shortest gap.
    assert.deepEqual(errorsOf(drill('0 4 1,28 * *')), [
      'bp.yaml:4:5: backup.restoreDrill.timeoutMinutes: a drill may run 1440 minutes, but its schedule starts the next one as soon as 1440 minutes after a run: lower the timeout below the shortest gap',
    ]);
  });

  it("keeps the drill's namespace and evidence apart from production's", () => {
    assert.deepEqual(errorsOf('backup:\n  restoreDrill:\n    namespace: weaviate\n'), [
      'bp.yaml:3:5: backup.restoreDrill.namespace: the drill\'s scratch Weaviate needs a namespace of its own, not "weaviate"',
    ]);
    assert.deepEqual(errorsOf('backup:\n  restoreDrill:\n    evidencePrefix: weaviate/drills\n'), [
      'bp.yaml:3:5: backup.restoreDrill.evidencePrefix: the drill\'s evidence needs its own prefix, apart from Weaviate\'s "weaviate" (which expires with the backups and which Weaviate may write)',
    ]);
  });

  it('refuses a Prometheus retention shorter than the drill staleness alert looks back', () => {
    // Monthly drill (31-day gap), 240-minute budget, a day's margin, an hour's look-back, a day for blocks: 34.
    assert.deepEqual(errorsOf('monitoring:\n  stack:\n    retentionDays: 33\n'), [
      'bp.yaml:3:5: monitoring.stack.retentionDays: the alert on a restore drill that stopped passing looks back 33 days, but Prometheus keeps 33: raise monitoring.stack.retentionDays to at least 34 or run the drill more often',
    ]);
    const accepted = (text: string) => refusalsIfAny(() => parseBlueprint(text, 'bp.yaml'));
    assert.deepEqual(accepted('monitoring:\n  stack:\n    retentionDays: 34\n'), []);
    // A weekly drill needs far less; without the drill or without our Prometheus there is nothing to keep.
    assert.deepEqual(
      accepted(
        'backup:\n  restoreDrill:\n    schedule: "0 4 * * 1"\nmonitoring:\n  stack:\n    retentionDays: 10\n',
      ),
      [],
    );
    assert.deepEqual(
      accepted('backup:\n  restoreDrill:\n    enabled: false\nmonitoring:\n  stack:\n    retentionDays: 1\n'),
      [],
    );
  });

  it('refuses a backup user that is also a client or root user', () => {
    assert.deepEqual(errorsOf('backup:\n  weaviateUser: admin\n'), [
      'bp.yaml:2:3: backup.weaviateUser: the backup user "admin" must be a user of its own, not one of the API-key, root, admin or read-only users',
    ]);
  });
});
