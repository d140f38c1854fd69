import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TAG_COMPONENT } from '../../../../src/contract/keys.js';
import { cidrRange } from '../../../../src/reach/engine/net.js';
import { awsModelOf, group, groupId, ref, subnets } from './template.js';

describe('Client VPN builder', () => {
  const model = awsModelOf({
    ...subnets({ A: '10.0.1.0/24', B: '10.0.2.0/24' }),
    VpnSg: group(),
    Vpn: {
      Type: 'AWS::EC2::ClientVpnEndpoint',
      Properties: {
        ClientCidrBlock: '172.31.0.0/22',
        SecurityGroupIds: [groupId('VpnSg')],
        TagSpecifications: [
          { ResourceType: 'client-vpn-endpoint', Tags: [{ Key: TAG_COMPONENT, Value: 'admin-vpn' }] },
        ],
      },
    },
    AssocA: {
      Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
      Properties: { ClientVpnEndpointId: ref('Vpn'), SubnetId: ref('A') },
    },
    AssocB: {
      Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
      Properties: { ClientVpnEndpointId: ref('Vpn'), SubnetId: ref('B') },
    },
    AssocOther: {
      Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
      Properties: { ClientVpnEndpointId: 'cvpn-endpoint-other', SubnetId: ref('B') },
    },
    ToData: {
      Type: 'AWS::EC2::ClientVpnAuthorizationRule',
      Properties: {
        ClientVpnEndpointId: ref('Vpn'),
        TargetNetworkCidr: '10.0.2.0/24',
        AuthorizeAllGroups: true,
      },
    },
    ToV6: {
      Type: 'AWS::EC2::ClientVpnAuthorizationRule',
      Properties: {
        ClientVpnEndpointId: ref('Vpn'),
        TargetNetworkCidr: '2001:db8::/32',
        AuthorizeAllGroups: true,
      },
    },
  });

  it('places the endpoint in its associated subnets, tagged from its TagSpecifications', () => {
    assert.deepEqual(model.attachments.get('Stack/Vpn'), {
      key: 'Stack/Vpn',
      kind: 'client-vpn',
      sgs: ['Stack/VpnSg'],
      subnets: ['Stack/A', 'Stack/B'],
      tags: { [TAG_COMPONENT]: 'admin-vpn' },
      publicAddress: false,
      linux: false,
    });
  });

  it('reads the client range and the IPv4 networks its authorization rules open', () => {
    assert.deepEqual(model.clientVpns, [
      {
        key: 'Stack/Vpn',
        clientRange: cidrRange('172.31.0.0/22'),
        attachment: 'Stack/Vpn',
        authorized: [{ key: 'Stack/ToData', range: cidrRange('10.0.2.0/24'), text: '10.0.2.0/24' }],
      },
    ]);
  });
});
