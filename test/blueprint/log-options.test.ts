import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBlueprint } from '../../src/blueprint/index.js';
import { errorsOf } from './refusals.js';

describe('log collection and archive options', () => {
  it('collects logs by default, a year in production and 90 days in development, with the archive off', () => {
    const prod = parseBlueprint('{}', 'bp.yaml');
    assert.deepEqual(prod.logs.collection, { enabled: true, namespace: 'logging', retentionDays: 365 });
    assert.equal(prod.logs.archive.enabled, false);
    assert.equal(prod.logs.archive.expirationDays, 2557);
    assert.deepEqual(prod.logs.archive.objectLock, { enabled: false, mode: 'GOVERNANCE', retentionDays: 30 });
    assert.deepEqual(prod.logs.archive.siem, {});
    const dev = parseBlueprint('preset: development', 'bp.yaml');
    assert.equal(dev.logs.collection.retentionDays, 90);
  });

  it('refuses a retention CloudWatch Logs does not accept', () => {
    const [error] = errorsOf('logs:\n  collection:\n    retentionDays: 100\n');
    assert.match(
      error!,
      /^bp\.yaml:3:5: logs\.collection\.retentionDays: .*one of the retention periods CloudWatch Logs accepts/,
    );
  });

  it("refuses to share the collector's privileged namespace with Weaviate", () => {
    assert.deepEqual(errorsOf('logs:\n  collection:\n    namespace: weaviate\n'), [
      "bp.yaml:3:5: logs.collection.namespace: the log collector's namespace enforces the privileged Pod Security profile, so it cannot be shared with other workloads: choose a namespace other than weaviate, monitoring, istio-ingress",
    ]);
  });

  it('refuses a SIEM endpoint without its key, or without the archive that keeps its failed records', () => {
    const errors = errorsOf('logs:\n  archive:\n    siem:\n      endpointUrl: https://siem.example.com/in\n');
    assert.deepEqual(errors, [
      'bp.yaml:3:5: logs.archive.siem.accessKeySecretName: a SIEM endpoint needs its access key: set logs.archive.siem.accessKeySecretName to the Secrets Manager secret holding it',
      'bp.yaml:4:7: logs.archive.siem.endpointUrl: the SIEM delivery keeps its failed records in the log archive: turn logs.archive.enabled on',
    ]);
  });

  it('refuses an http:// SIEM endpoint and a lock that outlives the archive', () => {
    const [url] = errorsOf('logs:\n  archive:\n    siem:\n      endpointUrl: http://siem.example.com\n');
    assert.match(url!, /logs\.archive\.siem\.endpointUrl: .*an https:\/\/ URL/);
    assert.deepEqual(
      errorsOf(
        'logs:\n  archive:\n    enabled: true\n    expirationDays: 30\n    objectLock:\n      enabled: true\n      retentionDays: 90\n',
      ),
      [
        "bp.yaml:7:7: logs.archive.objectLock.retentionDays: archived logs expire after 30 days but Object Lock keeps them 90: lower the lock's retention or raise logs.archive.expirationDays",
      ],
    );
  });
});
