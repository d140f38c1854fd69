import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsModelOf, group, groupId, ref, subnets } from './template.js';

describe('Route 53 Resolver endpoint builder', () => {
  const model = awsModelOf({
    ...subnets({ A: '10.0.1.0/24', B: '10.0.2.0/24' }),
    ResolverSg: group(),
    Inbound: {
      Type: 'AWS::Route53Resolver::ResolverEndpoint',
      Properties: {
        Direction: 'INBOUND',
        IpAddresses: [{ SubnetId: ref('A') }, { SubnetId: ref('B'), Ip: '10.0.2.10' }],
        SecurityGroupIds: [groupId('ResolverSg')],
      },
    },
    Elsewhere: {
      Type: 'AWS::Route53Resolver::ResolverEndpoint',
      Properties: {
        Direction: 'INBOUND',
        IpAddresses: [{ SubnetId: 'subnet-outside' }, { SubnetId: ref('A') }],
        SecurityGroupIds: ['sg-outside'],
      },
    },
  });

  it('places the endpoint in the subnets of its IP addresses, behind its groups', () => {
    const attachment = model.attachments.get('Stack/Inbound');
    assert.deepEqual(
      [attachment?.kind, attachment?.subnets, attachment?.sgs, attachment?.publicAddress],
      ['resolver-endpoint', ['Stack/A', 'Stack/B'], ['Stack/ResolverSg'], false],
    );
    assert.equal(attachment?.subnetUnknown, undefined);
  });

  it('marks subnets and groups from outside the input as unknown', () => {
    const attachment = model.attachments.get('Stack/Elsewhere')!;
    assert.deepEqual(attachment.subnets, ['Stack/A']);
    assert.match(attachment.subnetUnknown ?? '', /subnet-outside/);
    assert.match(attachment.sgUnknown ?? '', /sg-outside/);
  });
});
