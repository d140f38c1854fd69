import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AWS_RESOURCE_BUILDERS } from '../../../../src/reach/engine/aws/registry.js';

const position = (type: string) => {
  const i = AWS_RESOURCE_BUILDERS.findIndex((b) => b.type === type);
  assert.notEqual(i, -1, `${type} has a builder`);
  return i;
};

describe('AWS builder registry', () => {
  it('has one builder per CloudFormation type', () => {
    const types = AWS_RESOURCE_BUILDERS.map((b) => b.type);
    assert.ok(types.length > 0);
    assert.equal(new Set(types).size, types.length);
  });

  it('reads subnets before everything placed in them', () => {
    for (const type of [
      'AWS::EC2::SubnetRouteTableAssociation',
      'AWS::EC2::SubnetNetworkAclAssociation',
      'AWS::EKS::Cluster',
      'AWS::EKS::Nodegroup',
      'AWS::Lambda::Function',
      'AWS::EC2::Instance',
      'AWS::EC2::VPCEndpoint',
      'AWS::EC2::ClientVpnEndpoint',
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
    ])
      assert.ok(position('AWS::EC2::Subnet') < position(type), type);
  });

  it('reads tables and ACLs before their routes, entries and gateway endpoints', () => {
    assert.ok(position('AWS::EC2::NatGateway') < position('AWS::EC2::Route'));
    assert.ok(position('AWS::EC2::RouteTable') < position('AWS::EC2::Route'));
    assert.ok(position('AWS::EC2::RouteTable') < position('AWS::EC2::VPCEndpoint'));
    assert.ok(position('AWS::EC2::NetworkAcl') < position('AWS::EC2::NetworkAclEntry'));
  });

  it('reads security groups before the rules and interfaces that refer to them', () => {
    for (const type of [
      'AWS::EC2::SecurityGroupIngress',
      'AWS::EC2::SecurityGroupEgress',
      'AWS::EKS::Cluster',
    ])
      assert.ok(position('AWS::EC2::SecurityGroup') < position(type), type);
    assert.ok(position('AWS::EKS::Cluster') < position('AWS::EKS::Nodegroup'));
  });
});
