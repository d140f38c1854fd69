import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awsModelOf, group, groupId, ref, subnets } from './template.js';

describe('VPC endpoint builder', () => {
  const model = awsModelOf({
    ...subnets({ A: '10.0.1.0/24' }),
    Table: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } },
    EndpointSg: group(),
    S3: {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
        VpcId: ref('Vpc'),
        RouteTableIds: [ref('Table'), 'rtb-outside'],
      },
    },
    Ecr: {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        ServiceName: 'com.amazonaws.eu-west-1.ecr.api',
        VpcEndpointType: 'Interface',
        VpcId: ref('Vpc'),
        SubnetIds: [ref('A')],
        SecurityGroupIds: [groupId('EndpointSg')],
      },
    },
  });

  it('adds a gateway endpoint (the default type) to the route tables of the input that it names', () => {
    assert.deepEqual(model.routeTables.get('Stack/Table')?.gatewayEndpoints, [
      { key: 'Stack/S3', service: 'com.amazonaws.<region>.s3' },
    ]);
    assert.equal(model.attachments.has('Stack/S3'), false);
  });

  it('places an interface endpoint in its subnets with its groups', () => {
    assert.deepEqual(model.attachments.get('Stack/Ecr'), {
      key: 'Stack/Ecr',
      kind: 'interface-endpoint',
      sgs: ['Stack/EndpointSg'],
      subnets: ['Stack/A'],
      tags: {},
      publicAddress: false,
      linux: false,
    });
  });
});
