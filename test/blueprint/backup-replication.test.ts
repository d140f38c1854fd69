import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBlueprint, REPLICA_REGION_PAIRS, replicaRegionOf } from '../../src/blueprint/index.js';
import { errorsOf } from './refusals.js';

const replicaOf = (text: string) => replicaRegionOf(parseBlueprint(text, 'bp.yaml'));

describe('backup.replicaRegion', () => {
  it('defaults to the paired region, in production and development alike, and is off with none', () => {
    assert.equal(replicaOf('environment:\n  region: eu-west-1\n'), 'eu-central-1');
    assert.equal(replicaOf('preset: development\n'), 'us-west-2');
    assert.equal(replicaOf('backup:\n  replicaRegion: ap-southeast-2\n'), 'ap-southeast-2');
    assert.equal(replicaOf('backup:\n  replicaRegion: none\n'), undefined);
  });

  it('pairs every listed region with another listed region, never itself', () => {
    const regions = Object.keys(REPLICA_REGION_PAIRS);
    assert.ok(regions.length > 10);
    for (const [region, replica] of Object.entries(REPLICA_REGION_PAIRS)) {
      assert.notEqual(region, replica);
      assert.ok(regions.includes(replica), `${replica} (the replica of ${region}) has a pair of its own`);
    }
  });

  it('must be named for a region without a pair, and must differ from the stack region', () => {
    assert.deepEqual(errorsOf('environment:\n  region: mx-central-1\n'), [
      'bp.yaml:1:1: backup.replicaRegion: no default replica region is paired with mx-central-1; set backup.replicaRegion to a region, or to "none" to keep the backups in one region',
    ]);
    assert.equal(
      replicaOf('environment:\n  region: mx-central-1\nbackup:\n  replicaRegion: eu-south-1\n'),
      'eu-south-1',
    );
    assert.deepEqual(errorsOf('backup:\n  replicaRegion: us-east-1\n'), [
      'bp.yaml:2:3: backup.replicaRegion: the replica region must differ from environment.region (us-east-1): a replica in the same region does not survive a regional outage',
    ]);
    assert.match(errorsOf('backup:\n  replicaRegion: mars\n').join('\n'), /backup\.replicaRegion/);
  });

  it('needs Object Lock on the replica when the backups have it, and a replica for replica Object Lock', () => {
    assert.deepEqual(errorsOf('backup:\n  objectLock:\n    enabled: true\n'), [
      'bp.yaml:1:1: backup.replicaObjectLock.enabled: the backup bucket has Object Lock, so the replica bucket needs it too (S3 replicates locked objects only into a bucket with Object Lock enabled)',
    ]);
    assert.doesNotThrow(() =>
      parseBlueprint('backup:\n  objectLock:\n    enabled: true\n  replicaRegion: none\n', 'bp.yaml'),
    );
    assert.match(
      errorsOf('backup:\n  replicaRegion: none\n  replicaObjectLock:\n    enabled: true\n').join('\n'),
      /replicaObjectLock needs a replica/,
    );
  });
});
