import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cidrRange } from '../../../../src/reach/engine/net.js';
import { awsModelOf, ref, type Resources, subnets } from './template.js';

const route = (id: string, target: Record<string, unknown>, destination = '0.0.0.0/0'): Resources => ({
  [id]: {
    Type: 'AWS::EC2::Route',
    Properties: { RouteTableId: ref('Table'), DestinationCidrBlock: destination, ...target },
  },
});

describe('route table builders', () => {
  const model = awsModelOf({
    ...subnets({ Public: '10.0.0.0/24', Private: '10.0.1.0/24' }),
    Table: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } },
    Assoc: {
      Type: 'AWS::EC2::SubnetRouteTableAssociation',
      Properties: { SubnetId: ref('Private'), RouteTableId: ref('Table') },
    },
    Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
    Vgw: { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1' } },
    Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: ref('Public') } },
    ...route('ToNat', { NatGatewayId: ref('Nat') }),
    ...route('ToIgw', { GatewayId: ref('Igw') }, '0.0.0.0/1'),
    ...route('ToIgwById', { GatewayId: 'igw-0abc' }, '128.0.0.0/1'),
    ...route('ToVgw', { GatewayId: ref('Vgw') }, '192.168.0.0/16'),
    ...route('ToTgw', { TransitGatewayId: 'tgw-1' }, '172.16.0.0/12'),
    ...route('ToPeer', { VpcPeeringConnectionId: 'pcx-1' }, '10.1.0.0/16'),
    ...route('ToEgressOnly', { EgressOnlyInternetGatewayId: 'eigw-1' }, '10.2.0.0/16'),
    ...route('ToUnknownGateway', { GatewayId: { 'Fn::ImportValue': 'gw' } }, '10.3.0.0/16'),
    ...route('ToInstance', { InstanceId: 'i-1' }, '10.4.0.0/16'),
    Elsewhere: {
      Type: 'AWS::EC2::Route',
      Properties: { RouteTableId: 'rtb-outside', DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw') },
    },
  });
  const table = model.routeTables.get('Stack/Table');
  const targets = () => Object.fromEntries(table!.routes.map((r) => [r.key, r.target]));

  it('associates the subnet with its table', () => {
    assert.equal(model.subnets.get('Stack/Private')?.routeTable, 'Stack/Table');
    assert.equal(model.subnets.get('Stack/Public')?.routeTable, undefined);
  });

  it('tells each route target apart', () => {
    assert.ok(table);
    assert.deepEqual(targets(), {
      'Stack/ToNat': 'nat',
      'Stack/ToIgw': 'igw',
      'Stack/ToIgwById': 'igw',
      'Stack/ToVgw': 'vgw',
      'Stack/ToTgw': 'tgw',
      'Stack/ToPeer': 'peering',
      'Stack/ToEgressOnly': 'egress-only',
      'Stack/ToUnknownGateway': 'unknown',
      'Stack/ToInstance': 'other',
    });
  });

  it('remembers the NAT gateway subnet of a NAT route and the destination range', () => {
    const nat = table?.routes.find((r) => r.key === 'Stack/ToNat');
    assert.deepEqual(nat, {
      key: 'Stack/ToNat',
      destination: cidrRange('0.0.0.0/0'),
      prefixList: undefined,
      target: 'nat',
      natSubnet: 'Stack/Public',
    });
  });

  it('marks a route whose gateway is outside the input as unknown', () => {
    const route = table?.routes.find((r) => r.key === 'Stack/ToUnknownGateway');
    assert.equal(route?.unknown, 'the target of Stack/ToUnknownGateway is not in the input');
  });

  it('ignores routes of tables outside the input', () => {
    assert.equal(model.routeTables.size, 1);
    assert.ok(
      ![...model.routeTables.values()].some((t) => t.routes.some((r) => r.key === 'Stack/Elsewhere')),
    );
  });
});
