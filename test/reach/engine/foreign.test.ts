import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inventoryFromObjects } from '../../../src/inventory/index.js';
import { analyse } from '../../../src/reach/engine/analyse.js';
import { NetworkBuilder } from './builder.js';

describe('inputs without a flow spec', () => {
  const net = new NetworkBuilder()
    .subnet('Public', '10.0.0.0/24', { internet: true })
    .subnet('Private', '10.0.1.0/24')
    .subnet('Isolated', '10.0.2.0/24')
    .sg('LbSg', { ingress: [{ port: 443, cidr: '0.0.0.0/0' }] })
    .sg('SshSg', { ingress: [{ port: 22, cidr: '0.0.0.0/0' }] })
    .sg('AppSg', { defaultEgress: true })
    .instance('Bastion', 'Public', ['SshSg'], true)
    .instance('App', 'Private', ['AppSg'])
    .instance('Vault', 'Isolated', ['AppSg']);
  net.resources.Lb = {
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    Properties: { Subnets: [{ Ref: 'Public' }], SecurityGroups: [{ 'Fn::GetAtt': ['LbSg', 'GroupId'] }] },
  };
  net.resources.Nat = { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: { Ref: 'Public' } } };
  net.resources.PrivateDefault = {
    Type: 'AWS::EC2::Route',
    Properties: {
      RouteTableId: { Ref: 'PrivateRt' },
      DestinationCidrBlock: '0.0.0.0/0',
      NatGatewayId: { Ref: 'Nat' },
    },
  };
  const { checks } = analyse(inventoryFromObjects({ templates: { Stack: net.template() } }), undefined);
  const of = (cls: string) =>
    checks
      .filter((c) => c.class === cls)
      .map((c) => `${c.result.from}->${c.result.to}:${c.result.port}`)
      .sort();

  it('lists every resource and port the internet reaches, with the path', () => {
    assert.deepEqual(of('internet-exposure'), ['internet->Stack/Bastion:22', 'internet->Stack/Lb:443']);
    const lb = checks.find((c) => c.claim === 'Stack/Lb')!;
    assert.match(lb.result.path!.map((h) => h.rule).join(' '), /internet gateway/);
  });

  it('lists private resources with a path to the internet, and not the isolated one', () => {
    assert.deepEqual(of('internet-egress'), ['Stack/App->internet:443']);
    const app = checks.find((c) => c.class === 'internet-egress')!;
    assert.match(app.result.path!.map((h) => h.rule).join(' '), /NAT gateway/);
    assert.equal(app.result.expected, 'unknown', 'no intent without a spec');
  });
});
