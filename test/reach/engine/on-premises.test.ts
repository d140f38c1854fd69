/**
 * A network outside the VPC that reaches it over a VPN gateway: it enters through the routes back to it, uses
 * the cluster API's private endpoint, and is not routed on to a gateway endpoint or another outside network.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inventoryFromObjects } from '../../../src/inventory/index.js';
import { buildNetworkModel } from '../../../src/reach/engine/build.js';
import { cidrRange } from '../../../src/reach/engine/net.js';
import { canReach, type Endpoint } from '../../../src/reach/engine/query.js';
import { NetworkBuilder } from './builder.js';

const onPremises: Endpoint = { kind: 'external', id: 'on-premises', ranges: [cidrRange('192.168.0.0/16')!] };
const s3: Endpoint = { kind: 'prefix-list', id: 's3', name: 'com.amazonaws.us-east-1.s3' };

function modelWith(routeBack: boolean) {
  const net = new NetworkBuilder()
    .subnet('Endpoints', '10.0.3.0/24')
    .sg('ApiSg', { ingress: [{ port: 443, cidr: '192.168.0.0/16' }] });
  net.resources.Vgw = { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1' } };
  if (routeBack)
    net.resources.ToOnPremises = {
      Type: 'AWS::EC2::Route',
      Properties: {
        RouteTableId: { Ref: 'EndpointsRt' },
        DestinationCidrBlock: '192.168.0.0/16',
        GatewayId: { Ref: 'Vgw' },
      },
    };
  net.resources.Cluster = {
    Type: 'AWS::EKS::Cluster',
    Properties: {
      ResourcesVpcConfig: {
        SubnetIds: [{ Ref: 'Endpoints' }],
        SecurityGroupIds: [{ 'Fn::GetAtt': ['ApiSg', 'GroupId'] }],
        EndpointPublicAccess: false,
        EndpointPrivateAccess: true,
      },
    },
  };
  const model = buildNetworkModel(inventoryFromObjects({ templates: { Stack: net.template() } }));
  const api: Endpoint = {
    kind: 'attachments',
    id: 'eks-api',
    attachments: [model.attachments.get('Stack/Cluster')!],
  };
  return { model, api };
}

describe('an on-premises network over a VPN gateway', () => {
  it('reaches the private API endpoint through the route back to it', () => {
    const { model, api } = modelWith(true);
    const answer = canReach(model, onPremises, api, 443, 'tcp');
    assert.equal(answer.verdict, 'allowed');
    assert.match(answer.path!.map((h) => h.rule).join(' | '), /return route 192\.168\.0\.0\/16 → vgw/);
  });

  it('meets the public endpoint rules when no route leads back to it', () => {
    const { model, api } = modelWith(false);
    const answer = canReach(model, onPremises, api, 443, 'tcp');
    assert.equal(answer.verdict, 'denied');
    assert.match(answer.blockedBy!.map((b) => b.rule).join(' | '), /EndpointPublicAccess false/);
  });

  it('is not routed on to a gateway endpoint or another outside network', () => {
    const { model } = modelWith(true);
    const internet: Endpoint = { kind: 'external', id: 'internet', ranges: [cidrRange('0.0.0.0/0')!] };
    for (const to of [s3, internet]) {
      const answer = canReach(model, onPremises, to, 443, 'tcp');
      assert.equal(answer.verdict, 'denied', to.id);
      assert.match(answer.blockedBy![0]!.rule, /outside the VPC/);
    }
  });
});
