import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsModelOf, group, groupId, ref, type Resources, subnets } from './template.js';

const instance = (properties: Record<string, unknown>): Resources => ({
  Host: { Type: 'AWS::EC2::Instance', Properties: { SubnetId: ref('A'), ...properties } },
});

describe('EC2 instance builder', () => {
  it('places an instance in its subnet with its groups, as a Linux host', () => {
    const model = awsModelOf({
      ...subnets({ A: '10.0.1.0/24' }),
      HostSg: group(),
      ...instance({ SecurityGroupIds: [groupId('HostSg')] }),
    });
    assert.deepEqual(model.attachments.get('Stack/Host'), {
      key: 'Stack/Host',
      kind: 'instance',
      sgs: ['Stack/HostSg'],
      subnets: ['Stack/A'],
      tags: {},
      publicAddress: false,
      linux: true,
    });
  });

  it('has a public address when an interface asks for one', () => {
    const model = awsModelOf({
      ...subnets({ A: '10.0.1.0/24' }),
      ...instance({ NetworkInterfaces: [{ DeviceIndex: '0', AssociatePublicIpAddress: 'true' }] }),
    });
    assert.equal(model.attachments.get('Stack/Host')?.publicAddress, true);
  });

  it('has a public address when its subnet maps public IPs on launch', () => {
    const resources = { ...subnets({ A: '10.0.1.0/24' }), ...instance({}) };
    resources.A!.Properties!.MapPublicIpOnLaunch = true;
    assert.equal(awsModelOf(resources).attachments.get('Stack/Host')?.publicAddress, true);
  });

  it('has no groups and no subnet when the input names neither', () => {
    const host = awsModelOf({ ...instance({ SubnetId: 'subnet-1' }) }).attachments.get('Stack/Host');
    assert.deepEqual(host?.sgs, []);
    assert.deepEqual(host?.subnets, []);
    assert.equal(host?.sgUnknown, undefined);
  });
});
