import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TAG_TIER } from '../../../../src/contract/keys.js';
import { cidrRange } from '../../../../src/reach/engine/net.js';
import { awsModelOf, ref } from './template.js';

describe('VPC and subnet builders', () => {
  it('collects the primary range of each VPC and its secondary CIDR blocks', () => {
    const model = awsModelOf({
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      Secondary: {
        Type: 'AWS::EC2::VPCCidrBlock',
        Properties: { VpcId: ref('Vpc'), CidrBlock: '100.64.0.0/16' },
      },
      Ipv6: {
        Type: 'AWS::EC2::VPCCidrBlock',
        Properties: { VpcId: ref('Vpc'), AmazonProvidedIpv6CidrBlock: true },
      },
    });
    assert.deepEqual(model.vpcRanges, [cidrRange('10.0.0.0/16'), cidrRange('100.64.0.0/16')]);
  });

  it('reads a subnet with its range, tier tag and public IP setting', () => {
    const model = awsModelOf({
      Data: {
        Type: 'AWS::EC2::Subnet',
        Properties: {
          CidrBlock: '10.0.8.0/22',
          MapPublicIpOnLaunch: 'true',
          Tags: [{ Key: TAG_TIER, Value: 'data' }],
        },
      },
    });
    assert.deepEqual(model.subnets.get('Stack/Data'), {
      key: 'Stack/Data',
      range: cidrRange('10.0.8.0/22'),
      cidrText: '10.0.8.0/22',
      tier: 'data',
      mapPublicIp: true,
    });
  });

  it('marks a subnet whose CIDR the input does not determine as unknown', () => {
    const model = awsModelOf({
      Cidr: { Type: 'AWS::EC2::Subnet', Properties: { CidrBlock: { 'Fn::ImportValue': 'shared-cidr' } } },
    });
    const subnet = model.subnets.get('Stack/Cidr');
    assert.ok(subnet);
    assert.equal(subnet.range, undefined);
    assert.equal(subnet.cidrText, '?');
    assert.equal(subnet.mapPublicIp, false);
    assert.equal(
      subnet.unknown,
      'the CIDR of Stack/Cidr is not determined by the input (no stack in the input exports "shared-cidr")',
    );
  });

  it('leaves out resources created under a condition the input does not determine, and says so', () => {
    const model = awsModelOf(
      { Maybe: { Type: 'AWS::EC2::Subnet', Properties: { CidrBlock: '10.0.1.0/24' }, Condition: 'IsProd' } },
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [ref('Env'), 'prod'] } },
      },
    );
    assert.equal(model.subnets.size, 0);
    assert.deepEqual(model.notes, [
      'Stack/Maybe is created only under a condition the input does not determine; it is left out',
    ]);
  });
});
