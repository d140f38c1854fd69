import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TAG_COMPONENT } from '../../../../src/contract/keys.js';
import { awsModelOf, group, groupId, ref, subnets } from './template.js';

describe('Lambda function builder', () => {
  const model = awsModelOf({
    ...subnets({ A: '10.0.1.0/24' }),
    FnSg: group(),
    InVpc: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        VpcConfig: { SubnetIds: [ref('A')], SecurityGroupIds: [groupId('FnSg')] },
        Tags: [{ Key: TAG_COMPONENT, Value: 'notifier' }],
      },
    },
    Outside: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x' } },
  });

  it('places a function with a VpcConfig in its subnets with its groups and tags', () => {
    assert.deepEqual(model.attachments.get('Stack/InVpc'), {
      key: 'Stack/InVpc',
      kind: 'lambda',
      sgs: ['Stack/FnSg'],
      subnets: ['Stack/A'],
      tags: { [TAG_COMPONENT]: 'notifier' },
      publicAddress: false,
      linux: false,
    });
  });

  it('leaves out a function outside the VPC', () => {
    assert.deepEqual([...model.attachments.keys()], ['Stack/InVpc']);
  });
});
