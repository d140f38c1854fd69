import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TAG_COMPONENT } from '../../../../src/contract/keys.js';
import { cidrRange } from '../../../../src/reach/engine/net.js';
import { awsModelOf, group, groupId, ref } from './template.js';

const CLOUDFRONT = 'com.amazonaws.global.cloudfront.origin-facing';

describe('security group builders', () => {
  const model = awsModelOf({
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
    Web: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'web',
        VpcId: ref('Vpc'),
        SecurityGroupIngress: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' },
          { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, CidrIp: '10.0.0.0/16' },
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            SourcePrefixListId: { 'Fn::GetAtt': ['Lookup', 'Id'] },
          },
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv6: '::/0' },
        ],
        SecurityGroupEgress: [{ IpProtocol: '-1', DestinationSecurityGroupId: groupId('App') }],
        Tags: [
          { Key: 'Name', Value: 'web-tier' },
          { Key: TAG_COMPONENT, Value: 'alb' },
        ],
      },
    },
    App: group(),
    AppFromWeb: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: groupId('App'),
        IpProtocol: 'tcp',
        FromPort: '8080',
        ToPort: '8080',
        SourceSecurityGroupId: groupId('Web'),
      },
    },
    AppToDns: {
      Type: 'AWS::EC2::SecurityGroupEgress',
      Properties: {
        GroupId: groupId('App'),
        IpProtocol: 'udp',
        FromPort: 53,
        ToPort: 53,
        CidrIp: '10.0.0.2/32',
      },
    },
    Stray: {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: { GroupId: 'sg-outside', IpProtocol: 'tcp', FromPort: 1, ToPort: 1, CidrIp: '10.0.0.0/8' },
    },
    Lookup: {
      Type: 'Custom::AWS',
      Properties: {
        Create: JSON.stringify({
          action: 'DescribeManagedPrefixLists',
          parameters: { Filters: [{ Name: 'prefix-list-name', Values: [CLOUDFRONT] }] },
        }),
      },
    },
  });
  const web = model.securityGroups.get('Stack/Web');
  const app = model.securityGroups.get('Stack/App');

  it('names a group by its Name tag and reads its component tag', () => {
    assert.equal(web?.name, 'web-tier');
    assert.equal(web?.component, 'alb');
    assert.equal(app?.name, 'App');
    assert.equal(app?.component, undefined);
  });

  it('reads inline rules in order, with their peers', () => {
    assert.ok(web);
    assert.deepEqual(web.rules[0], {
      direction: 'ingress',
      protocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      peer: { kind: 'cidr', range: cidrRange('10.0.0.0/16'), text: '10.0.0.0/16' },
      source: 'Stack/Web',
    });
    assert.deepEqual(
      web.rules.map((r) => [r.direction, r.peer.kind]),
      [
        ['ingress', 'cidr'],
        ['ingress', 'cidr'],
        ['ingress', 'prefix-list'],
        ['ingress', 'ipv6'],
        ['egress', 'sg'],
      ],
    );
  });

  it('covers every port for ICMP and for the all-protocols rule', () => {
    const [, icmp] = web!.rules;
    assert.deepEqual([icmp?.protocol, icmp?.fromPort, icmp?.toPort], ['icmp', 0, 65535]);
    const all = web!.rules[4];
    assert.deepEqual([all?.protocol, all?.fromPort, all?.toPort], ['all', 0, 65535]);
    assert.deepEqual(all?.peer, { kind: 'sg', group: 'Stack/App' });
  });

  it('knows a prefix list looked up by a custom resource by its name', () => {
    assert.deepEqual(web?.rules[2]?.peer, { kind: 'prefix-list', text: CLOUDFRONT, name: CLOUDFRONT });
  });

  it('reads IPv6 peers as IPv6 ranges, for the IPv6 prover (they admit no IPv4 connection)', () => {
    assert.deepEqual(web?.rules[3]?.peer, { kind: 'ipv6', text: '::/0' });
  });

  it('gives a group without SecurityGroupEgress the EC2 default allow-all egress', () => {
    assert.ok(app);
    assert.deepEqual(app.rules[0], {
      direction: 'egress',
      protocol: 'all',
      fromPort: 0,
      toPort: 65535,
      peer: { kind: 'cidr', range: cidrRange('0.0.0.0/0'), text: '0.0.0.0/0' },
      source: 'Stack/App (default allow-all egress)',
    });
  });

  it('adds standalone ingress and egress rules to their group, naming the rule resource', () => {
    assert.deepEqual(
      app?.rules.slice(1).map((r) => [r.direction, r.protocol, r.fromPort, r.toPort, r.source]),
      [
        ['ingress', 'tcp', 8080, 8080, 'Stack/AppFromWeb'],
        ['egress', 'udp', 53, 53, 'Stack/AppToDns'],
      ],
    );
    assert.deepEqual(app?.rules[1]?.peer, { kind: 'sg', group: 'Stack/Web' });
  });

  it('notes a standalone rule for a group outside the input', () => {
    assert.deepEqual(model.notes, ['Stack/Stray adds a rule to a security group that is not in the input']);
  });

  it('marks a rule whose ports the input does not determine as unknown', () => {
    const undetermined = awsModelOf({
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: 'x',
          SecurityGroupIngress: [
            { IpProtocol: 'tcp', FromPort: { 'Fn::ImportValue': 'port' }, CidrIp: '10.0.0.0/8' },
          ],
        },
      },
    });
    const rule = undetermined.securityGroups.get('Stack/Sg')?.rules[0];
    assert.equal(rule?.unknown, 'the protocol or ports of a rule in Stack/Sg are not determined');
    assert.deepEqual([rule?.fromPort, rule?.toPort], [0, 65535]);
  });
});
