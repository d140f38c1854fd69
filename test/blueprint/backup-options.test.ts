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
      'bp.yaml:3:3: backup.timeoutMinutes: a backup may run 90 minutes, but the schedule starts the next one after 60: lower the timeout below the gap',
    ]);
  });

  it('refuses a retention S3 cannot expire (not beyond the move to Standard-IA)', () => {
    assert.deepEqual(errorsOf('backup:\n  retentionDays: 30\n'), [
      'bp.yaml:2:3: backup.retentionDays: S3 expires a backup only after it moved to Standard-IA: retentionDays (30) must exceed transitionToInfrequentAccessDays (30)',
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
