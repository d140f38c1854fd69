import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsModelOf, group, groupId, ref, type Resources, subnets } from './template.js';

const loadBalancer = (properties: Record<string, unknown>): Resources => ({
  ...subnets({ A: '10.0.1.0/24', B: '10.0.2.0/24' }),
  LbSg: group(),
  Lb: {
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    Properties: { SecurityGroups: [groupId('LbSg')], ...properties },
  },
});

describe('load balancer builder', () => {
  it("is internet-facing by CloudFormation's default", () => {
    const model = awsModelOf(loadBalancer({ Subnets: [ref('A'), ref('B')] }));
    assert.deepEqual(model.attachments.get('Stack/Lb'), {
      key: 'Stack/Lb',
      kind: 'load-balancer',
      sgs: ['Stack/LbSg'],
      subnets: ['Stack/A', 'Stack/B'],
      tags: {},
      publicAddress: true,
      linux: false,
    });
  });

  it('has no public address when internal', () => {
    const model = awsModelOf(loadBalancer({ Scheme: 'internal', Subnets: [ref('A')] }));
    assert.equal(model.attachments.get('Stack/Lb')?.publicAddress, false);
  });

  it('reads its subnets from SubnetMappings when Subnets is not set', () => {
    const model = awsModelOf(
      loadBalancer({ SubnetMappings: [{ SubnetId: ref('B') }, { AllocationId: 'eipalloc-1' }] }),
    );
    assert.deepEqual(model.attachments.get('Stack/Lb')?.subnets, ['Stack/B']);
    assert.equal(model.attachments.get('Stack/Lb')?.subnetUnknown, undefined);
  });
});
