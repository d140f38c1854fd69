/**
 * Fn::ForEach (AWS::LanguageExtensions) is expanded the way CloudFormation expands it; a loop whose collection
 * the template does not determine is reported by name instead of passing unseen.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inventoryFromObjects } from '../../src/inventory/index.js';
import { MAX_GENERATED } from '../../src/inventory/cloudformation/for-each.js';

const LANGUAGE_EXTENSIONS = { Transform: 'AWS::LanguageExtensions' };

function gaps(inventory: ReturnType<typeof inventoryFromObjects>) {
  return inventory.diagnostics
    .filter((d) => d.gap !== undefined)
    .map((d) => [d.gap, d.location?.path, d.message]);
}

describe('Fn::ForEach expansion', () => {
  it('generates one resource per item, with ${} in keys and values and Ref to the identifier replaced', () => {
    const inventory = inventoryFromObjects({
      templates: {
        App: {
          ...LANGUAGE_EXTENSIONS,
          Resources: {
            'Fn::ForEach::Buckets': [
              'Name',
              ['logs', 'data'],
              {
                'Bucket${Name}': {
                  Type: 'AWS::S3::Bucket',
                  Properties: {
                    BucketName: { 'Fn::Sub': 'acme-${Name}' },
                    Tags: [{ Key: 'tier', Value: { Ref: 'Name' } }],
                  },
                },
              },
            ],
          },
        },
      },
    });
    assert.deepEqual(
      inventory.cfn.map((r) => [r.logicalId, r.properties.BucketName, r.tags.tier]),
      [
        ['Bucketdata', 'acme-data', 'data'],
        ['Bucketlogs', 'acme-logs', 'logs'],
      ],
    );
    assert.deepEqual(gaps(inventory), []);
  });

  it('strips non-alphanumeric characters for &{} and expands nested loops with the outer item', () => {
    const inventory = inventoryFromObjects({
      templates: {
        Net: {
          ...LANGUAGE_EXTENSIONS,
          Resources: {
            'Fn::ForEach::Tiers': [
              'Tier',
              ['app', 'data'],
              {
                'Fn::ForEach::Cidrs': [
                  'Cidr',
                  ['10.0.0.0/24', '10.0.1.0/24'],
                  {
                    '${Tier}Ingress&{Cidr}': {
                      Type: 'AWS::EC2::SecurityGroupIngress',
                      Properties: {
                        CidrIp: '${Cidr}',
                        Description: '${Tier}',
                        IpProtocol: 'tcp',
                        FromPort: 443,
                        ToPort: 443,
                        GroupId: 'sg-1',
                      },
                    },
                  },
                ],
              },
            ],
          },
        },
      },
    });
    assert.deepEqual(
      inventory.cfn.map((r) => [r.logicalId, r.properties.CidrIp, r.properties.Description]),
      [
        ['appIngress1000024', '10.0.0.0/24', 'app'],
        ['appIngress1001024', '10.0.1.0/24', 'app'],
        ['dataIngress1000024', '10.0.0.0/24', 'data'],
        ['dataIngress1001024', '10.0.1.0/24', 'data'],
      ],
    );
  });

  it('takes the collection from a CommaDelimitedList parameter its single allowed value fixes, and expands Outputs and Conditions', () => {
    const inventory = inventoryFromObjects({
      templates: {
        Queues: {
          ...LANGUAGE_EXTENSIONS,
          Parameters: {
            Names: {
              Type: 'CommaDelimitedList',
              Default: 'orders,refunds',
              AllowedValues: ['orders,refunds'],
            },
          },
          Conditions: {
            'Fn::ForEach::IsNamed': [
              'N',
              { Ref: 'Names' },
              { 'Is${N}': { 'Fn::Equals': ['${N}', 'orders'] } },
            ],
          },
          Resources: {
            'Fn::ForEach::Queues': [
              'N',
              { Ref: 'Names' },
              {
                'Queue${N}': {
                  Type: 'AWS::SQS::Queue',
                  Condition: 'Is${N}',
                  Properties: { QueueName: '${N}' },
                },
              },
            ],
          },
          Outputs: {
            'Fn::ForEach::Arns': [
              'N',
              { Ref: 'Names' },
              { '${N}Arn': { Value: { 'Fn::GetAtt': ['Queue${N}', 'Arn'] } } },
            ],
          },
        },
      },
    });
    // Queuerefunds is not created: the generated condition Isrefunds is false.
    assert.deepEqual(
      inventory.cfn.map((r) => r.logicalId),
      ['Queueorders'],
    );
    assert.deepEqual(gaps(inventory), []);
  });

  it('reports a loop over a collection the template does not determine, naming the loop', () => {
    const inventory = inventoryFromObjects({
      templates: {
        Fleet: {
          ...LANGUAGE_EXTENSIONS,
          Parameters: { Subnets: { Type: 'CommaDelimitedList' } },
          Resources: {
            Kept: { Type: 'AWS::SNS::Topic' },
            'Fn::ForEach::Instances': [
              'S',
              { Ref: 'Subnets' },
              { 'Instance&{S}': { Type: 'AWS::EC2::Instance', Properties: { SubnetId: '${S}' } } },
            ],
          },
        },
      },
    });
    assert.deepEqual(
      inventory.cfn.map((r) => r.logicalId),
      ['Kept'],
    );
    const found = gaps(inventory);
    assert.equal(found.length, 1);
    assert.equal(found[0]![0], 'undetermined');
    assert.equal(found[0]![1], 'Resources.Fn::ForEach::Instances');
    assert.match(
      found[0]![2] as string,
      /^loop Instances: the collection is not determined by the template \(parameter Subnets is chosen at deploy time \(it has no default\)/,
    );
  });

  it('reports a malformed loop and one whose output key ignores the identifier', () => {
    const inventory = inventoryFromObjects({
      templates: {
        Bad: {
          Resources: {
            'Fn::ForEach::Short': ['X', ['a']],
            'Fn::ForEach::Fixed': ['X', ['a', 'b'], { Topic: { Type: 'AWS::SNS::Topic' } }],
          },
        },
      },
    });
    assert.deepEqual(inventory.cfn, []);
    assert.deepEqual(
      gaps(inventory).map(([gap, path]) => [gap, path]),
      [
        ['malformed', 'Resources.Fn::ForEach::Short'],
        ['malformed', 'Resources.Fn::ForEach::Fixed'],
      ],
    );
  });

  it('stops loops that multiply beyond the bound instead of growing without end', () => {
    const items = Array.from({ length: 200 }, (_, i) => `i${i}`);
    const inventory = inventoryFromObjects({
      templates: {
        Huge: {
          Resources: {
            'Fn::ForEach::Outer': [
              'A',
              items,
              { 'Fn::ForEach::Inner': ['B', items, { 'T${A}${B}': { Type: 'AWS::SNS::Topic' } }] },
            ],
          },
        },
      },
    });
    assert.ok(inventory.cfn.length <= MAX_GENERATED);
    assert.ok(
      inventory.diagnostics.some((d) => d.gap === 'malformed' && /more than 10000 entries/.test(d.message)),
    );
  });
});
