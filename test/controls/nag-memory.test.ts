/**
 * Checking templates one after another in one thread keeps nothing of the templates before: aws-cdk-lib's
 * process-wide token map and reference table would otherwise hold every construct tree (a worker checks a
 * hundred templates of a large input).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runPacksOnTemplate } from '../../src/controls/nag/run-packs.js';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'vectorfort-nag-memory-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function template(n: number): string {
  const resources: Record<string, unknown> = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Logs: { Type: 'AWS::S3::Bucket' },
  };
  for (let i = 0; i < 20; i++) {
    resources[`Subnet${i}`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: {
        VpcId: { Ref: 'Vpc' },
        CidrBlock: { 'Fn::Select': [i, { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 32, 8] }] },
        Tags: [{ Key: 'Name', Value: { 'Fn::Sub': `\${AWS::StackName}-${n}-${i}` } }],
      },
    };
    resources[`Bucket${i}`] = {
      Type: 'AWS::S3::Bucket',
      Properties: { LoggingConfiguration: { DestinationBucketName: { Ref: 'Logs' } } },
    };
  }
  return JSON.stringify({ Resources: resources });
}

function tables(): { tokens: number; references: number } {
  const tokenMap = (globalThis as { __cdkTokenMap?: { stringTokenMap: Map<unknown, unknown> } })
    .__cdkTokenMap;
  const { CfnReference } = require(
    join(dirname(require.resolve('aws-cdk-lib')), 'core', 'lib', 'private', 'cfn-reference.js'),
  ) as { CfnReference: { referenceTable: Map<unknown, unknown> } };
  return { tokens: tokenMap?.stringTokenMap.size ?? 0, references: CfnReference.referenceTable.size };
}

describe('cdk-nag over one template after another', () => {
  it('keeps no token or reference of a template once it is checked', async () => {
    const sizes: { tokens: number; references: number }[] = [];
    for (let n = 0; n < 4; n++) {
      const file = join(dir, `t${n}.json`);
      writeFileSync(file, template(n));
      const run = await runPacksOnTemplate(file);
      assert.equal(run.error, undefined);
      assert.ok(run.violations.length > 20, 'the packs ran');
      sizes.push(tables());
    }
    // The first check loads modules (which may keep tokens); from then on the tables stay as they are.
    assert.ok(sizes[1]!.tokens > 0);
    assert.deepEqual(sizes.slice(2), [sizes[1], sizes[1]]);
  });
});
