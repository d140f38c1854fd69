/**
 * Checking templates in worker threads gives the findings, in their order, that the main thread gives.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { nagFindings } from '../../src/controls/nag/index.js';
import { templatesCheckedInWorkers } from '../../src/controls/nag/pack-pool.js';
import { loadInventory } from '../../src/inventory/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-nag-workers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('cdk-nag in worker threads', () => {
  it('gives the same findings in the same order as the main thread, for every template', async () => {
    for (let t = 0; t < 3; t++) {
      const resources: Record<string, unknown> = {
        Logs: { Type: 'AWS::S3::Bucket' },
        Data: {
          Type: 'AWS::S3::Bucket',
          Properties: { LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } } },
        },
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: `10.${t}.0.0/16` } },
      };
      for (let i = 0; i < 5; i++) resources[`Queue${i}`] = { Type: 'AWS::SQS::Queue' };
      writeFileSync(join(dir, `stack${t}.json`), JSON.stringify({ Resources: resources }));
    }
    // A template the packs cannot load keeps its place among the others.
    writeFileSync(
      join(dir, 'stack1a.json'),
      JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Condition: 'Nope' } } }),
    );
    const inventory = await loadInventory([dir]);
    const main = await nagFindings(inventory, { maxWorkers: 0 });
    const before = templatesCheckedInWorkers();
    const workers = await nagFindings(inventory, { maxWorkers: 2, workerMinResources: 0 });
    assert.equal(templatesCheckedInWorkers() - before, 4, 'every template was checked in a worker');
    assert.ok(main.length > 20);
    const files = new Set(main.map((f) => f.resource.file));
    assert.equal(files.size, 4);
    assert.ok(main.some((f) => f.status === 'unknown' && /Condition 'Nope'/.test(f.message)));
    assert.deepEqual(workers, main);
  });
});
