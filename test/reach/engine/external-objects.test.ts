/**
 * Network objects the input refers to but does not define (security groups, subnets, route tables, prefix
 * lists, network ACLs): what they do is decided at deploy time, so paths through them are unknown, naming them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DenialClaim } from '../../../src/flows/types.js';
import { inventoryFromObjects } from '../../../src/inventory/index.js';
import { control as namespaceIsolation } from '../../../src/controls/reach/proofs/namespace-isolation.js';
import { analyse } from '../../../src/reach/engine/analyse.js';
import { buildNetworkModel } from '../../../src/reach/engine/build.js';
import type { NetworkModel } from '../../../src/reach/engine/model.js';
import { cidrRange } from '../../../src/reach/engine/net.js';
import { canReach, type Endpoint } from '../../../src/reach/engine/query.js';
import { network, spec, templates } from '../../controls/fixtures/reach/proofs/shared.js';
import { NetworkBuilder } from './builder.js';

const EXTERNAL_GROUP = 'sg-0123456789abcdef0';

const modelOf = (net: NetworkBuilder, extra: Record<string, unknown> = {}, parameters?: unknown) =>
  buildNetworkModel(
    inventoryFromObjects({
      templates: { Stack: { ...net.template(), ...extra } },
      ...(parameters === undefined ? {} : { parameters }),
    }),
  );
const at = (m: NetworkModel, id: string): Endpoint => {
  const attachment = m.attachments.get(`Stack/${id}`);
  assert.ok(attachment, `no attachment Stack/${id}`);
  return { kind: 'attachments', id, attachments: [attachment] };
};
const INTERNET: Endpoint = { kind: 'external', id: 'internet', ranges: [cidrRange('0.0.0.0/0')!] };

/** App (application subnet) and Web (web subnet, with an internet route); Web's group admits what `rule` says. */
function twoTiers(rule: Record<string, unknown>): NetworkBuilder {
  const net = new NetworkBuilder()
    .subnet('AppSubnet', '10.0.1.0/24')
    .subnet('WebSubnet', '10.0.2.0/24', { internet: true })
    .sg('AppSg', { defaultEgress: true })
    .sg('WebSg', { defaultEgress: true })
    .instance('App', 'AppSubnet', ['AppSg'])
    .instance('Web', 'WebSubnet', ['WebSg'], true);
  net.resources.WebIngress = {
    Type: 'AWS::EC2::SecurityGroupIngress',
    Properties: {
      GroupId: { 'Fn::GetAtt': ['WebSg', 'GroupId'] },
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      ...rule,
    },
  };
  return net;
}

describe('a security group outside the input', () => {
  it('makes a path from the VPC through a rule naming it unknown, with the id named', () => {
    const m = modelOf(twoTiers({ SourceSecurityGroupId: EXTERNAL_GROUP }));
    const answer = canReach(m, at(m, 'App'), at(m, 'Web'), 22, 'tcp');
    assert.equal(answer.verdict, 'unknown');
    assert.equal(
      answer.reason,
      `Stack/Web: Stack/WebIngress: security group "${EXTERNAL_GROUP}" is not in the input: whether Stack/App is in it is decided at deploy time`,
    );
  });

  it('admits no internet address: a rule naming a group matches network interfaces only', () => {
    const m = modelOf(twoTiers({ SourceSecurityGroupId: EXTERNAL_GROUP }));
    const answer = canReach(m, INTERNET, at(m, 'Web'), 22, 'tcp');
    assert.equal(answer.verdict, 'denied');
    assert.match(answer.blockedBy!.map((b) => b.rule).join('\n'), /no ingress rule of WebSg admits tcp\/22/);
  });

  it('names the parameter a group id comes from, and the id once it is supplied', () => {
    const parameter = { Parameters: { PeerGroup: { Type: 'AWS::EC2::SecurityGroup::Id' } } };
    const net = twoTiers({ SourceSecurityGroupId: { Ref: 'PeerGroup' } });
    const open = modelOf(net, parameter);
    const unknown = canReach(open, at(open, 'App'), at(open, 'Web'), 22, 'tcp');
    assert.equal(unknown.verdict, 'unknown');
    assert.match(unknown.reason!, /security group \(parameter PeerGroup is chosen at deploy time/);
    const supplied = modelOf(net, parameter, { PeerGroup: EXTERNAL_GROUP });
    const still = canReach(supplied, at(supplied, 'App'), at(supplied, 'Web'), 22, 'tcp');
    assert.equal(still.verdict, 'unknown');
    assert.match(still.reason!, new RegExp(`security group "${EXTERNAL_GROUP}" is not in the input`));
  });

  it('keeps an interface whose own group is outside the input from being closed', () => {
    const net = new NetworkBuilder()
      .subnet('AppSubnet', '10.0.1.0/24')
      .subnet('WebSubnet', '10.0.2.0/24')
      .sg('AppSg', { defaultEgress: true })
      .instance('App', 'AppSubnet', ['AppSg']);
    net.resources.Web = {
      Type: 'AWS::EC2::Instance',
      Properties: { SubnetId: { Ref: 'WebSubnet' }, SecurityGroupIds: [EXTERNAL_GROUP] },
    };
    const m = modelOf(net);
    const answer = canReach(m, at(m, 'App'), at(m, 'Web'), 443, 'tcp');
    assert.equal(answer.verdict, 'unknown');
    assert.match(answer.reason!, new RegExp(`security group "${EXTERNAL_GROUP}" is not in the input`));
  });
});

describe('a prefix list outside the input', () => {
  it('may hold internet addresses: the path is unknown, not closed', () => {
    const m = modelOf(twoTiers({ SourcePrefixListId: 'pl-0123456789abcdef0' }));
    const answer = canReach(m, INTERNET, at(m, 'Web'), 22, 'tcp');
    assert.equal(answer.verdict, 'unknown');
    assert.match(answer.reason!, /prefix list "pl-0123456789abcdef0" is not in the input/);
  });

  it('as a route destination, leaves the way out of the subnet unknown', () => {
    const net = new NetworkBuilder()
      .subnet('AppSubnet', '10.0.1.0/24')
      .sg('AppSg', { defaultEgress: true })
      .instance('App', 'AppSubnet', ['AppSg']);
    net.resources.ToPartner = {
      Type: 'AWS::EC2::Route',
      Properties: {
        RouteTableId: { Ref: 'AppSubnetRt' },
        DestinationPrefixListId: 'pl-0partner',
        TransitGatewayId: 'tgw-0123',
      },
    };
    const m = modelOf(net);
    const answer = canReach(m, at(m, 'App'), INTERNET, 443, 'tcp');
    assert.equal(answer.verdict, 'unknown');
    assert.match(answer.reason!, /Stack\/ToPartner routes to prefix list "pl-0partner" is not in the input/);
  });
});

describe('a subnet, route table or network ACL outside the input', () => {
  it('keeps a load balancer with one subnet outside the input from being proved closed', () => {
    const net = new NetworkBuilder()
      .subnet('Private', '10.0.1.0/24')
      .sg('LbSg', { ingress: [{ port: 443, cidr: '0.0.0.0/0' }], defaultEgress: true });
    net.resources.Lb = {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: {
        Subnets: [{ Ref: 'Private' }, 'subnet-0elsewhere'],
        SecurityGroups: [{ 'Fn::GetAtt': ['LbSg', 'GroupId'] }],
      },
    };
    const m = modelOf(net);
    const answer = canReach(m, INTERNET, at(m, 'Lb'), 443, 'tcp');
    assert.equal(answer.verdict, 'unknown');
    assert.equal(answer.reason, 'Stack/Lb: subnet "subnet-0elsewhere" is not in the input');
  });

  it('names the subnet when an interface has no subnet of the input at all', () => {
    const net = new NetworkBuilder().sg('AppSg', { defaultEgress: true });
    net.resources.App = {
      Type: 'AWS::EC2::Instance',
      Properties: { SubnetId: 'subnet-0abc', SecurityGroupIds: [{ 'Fn::GetAtt': ['AppSg', 'GroupId'] }] },
    };
    const m = modelOf(net);
    const answer = canReach(m, at(m, 'App'), INTERNET, 443, 'tcp');
    assert.equal(answer.verdict, 'unknown');
    assert.equal(
      answer.reason,
      'App has no network interface in a known subnet (Stack/App: subnet "subnet-0abc" is not in the input)',
    );
  });

  it('makes the way out unknown through a route table outside the input, where the main table had no route', () => {
    const net = new NetworkBuilder()
      .subnet('AppSubnet', '10.0.1.0/24')
      .sg('AppSg', { defaultEgress: true })
      .instance('App', 'AppSubnet', ['AppSg']);
    (net.resources.AppSubnetRtAssoc!.Properties as Record<string, unknown>).RouteTableId = 'rtb-0shared';
    const m = modelOf(net);
    assert.equal(
      m.subnets.get('Stack/AppSubnet')?.routeTableUnknown,
      'route table "rtb-0shared" is not in the input',
    );
    const answer = canReach(m, at(m, 'App'), INTERNET, 443, 'tcp');
    assert.equal(answer.verdict, 'unknown');
    assert.equal(answer.reason, 'Stack/AppSubnet: route table "rtb-0shared" is not in the input');
  });

  it("does not take a network ACL outside the input for the VPC's allow-all default", () => {
    const net = new NetworkBuilder()
      .subnet('AppSubnet', '10.0.1.0/24')
      .subnet('DbSubnet', '10.0.2.0/24')
      .sg('AppSg', { egress: [{ port: 5432, cidr: '10.0.0.0/16' }] })
      .sg('DbSg', { ingress: [{ port: 5432, cidr: '10.0.0.0/16' }] })
      .instance('App', 'AppSubnet', ['AppSg'])
      .instance('Db', 'DbSubnet', ['DbSg']);
    net.resources.DbAcl = {
      Type: 'AWS::EC2::SubnetNetworkAclAssociation',
      Properties: { SubnetId: { Ref: 'DbSubnet' }, NetworkAclId: { 'Fn::ImportValue': 'shared-acl' } },
    };
    const m = modelOf(net);
    const answer = canReach(m, at(m, 'App'), at(m, 'Db'), 5432, 'tcp');
    assert.equal(answer.verdict, 'unknown');
    assert.equal(
      answer.reason,
      'Stack/DbSubnet: network ACL (no stack in the input exports "shared-acl") is not in the input',
    );
  });
});

describe('external objects in the proofs of a flow spec', () => {
  const claim: DenialClaim = {
    id: 'cache-not-to-db',
    class: 'namespace-isolation',
    description: 'the cache never opens connections to the database',
    from: ['cache'],
    to: ['db'],
    ports: [5432],
  };

  it('leaves a named denial class and its control unknown when the database admits a group outside the input', () => {
    const net = network({ dbIngress: [{ port: 5432, sg: 'WebSg' }] });
    net.resources.DbFromOutside = {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: { 'Fn::GetAtt': ['DbSg', 'GroupId'] },
        SourceSecurityGroupId: EXTERNAL_GROUP,
        IpProtocol: 'tcp',
        FromPort: 5432,
        ToPort: 5432,
      },
    };
    const inventory = inventoryFromObjects({ templates: templates(net) });
    const withClaim = spec({ denials: [claim] });
    const { checks } = analyse(inventory, withClaim);
    const denial = checks.find((c) => c.claim === claim.id && c.class === 'namespace-isolation');
    assert.ok(denial, 'no check for the claim');
    assert.equal(denial.result.verdict, 'unknown');
    assert.match(denial.result.reason!, new RegExp(`security group "${EXTERNAL_GROUP}" is not in the input`));
    const intended = checks.find((c) => c.claim === 'web-to-db-sql');
    assert.equal(intended?.result.verdict, 'allowed', 'the intended flow still passes through its own rule');

    const results = namespaceIsolation.check(inventory, { flowSpec: withClaim, now: new Date(0) });
    assert.deepEqual(
      results.map((r) => [r.resource.id, r.status]),
      [['cache->db:5432/tcp', 'unknown']],
    );
    assert.match(results[0]!.message, new RegExp(`security group "${EXTERNAL_GROUP}" is not in the input`));
  });

  it('proves the same claim denied without the outside group', () => {
    const { checks } = analyse(
      inventoryFromObjects({ templates: templates(network()) }),
      spec({ denials: [claim] }),
    );
    const denial = checks.find((c) => c.claim === claim.id && c.class === 'namespace-isolation');
    assert.equal(denial?.result.verdict, 'denied');
  });
});
