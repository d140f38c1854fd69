/**
 * An inverted port range (FromPort 23, ToPort 21) is invalid: neither open nor closed. The security group and
 * network ACL controls report it as unknown with the reason, and the reachability prover does not decide a
 * flow through it either way.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateControls } from '../../src/controls/evaluate.js';
import { CONTROLS } from '../../src/controls/registry.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';
import { analyse } from '../../src/reach/engine/analyse.js';
import { NetworkBuilder } from '../reach/engine/builder.js';

const INVALID = /FromPort 23 is greater than ToPort 21: an inverted port range is invalid/;

describe('an inverted port range in the controls', () => {
  const inventory = inventoryFromObjects({
    templates: {
      App: {
        Resources: {
          Sg: {
            Type: 'AWS::EC2::SecurityGroup',
            Properties: {
              GroupDescription: 'inverted',
              SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 23, ToPort: 21, CidrIp: '0.0.0.0/0' }],
            },
          },
          Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: 'vpc-1' } },
          Entry: {
            Type: 'AWS::EC2::NetworkAclEntry',
            Properties: {
              NetworkAclId: { Ref: 'Acl' },
              RuleNumber: 100,
              Protocol: 6,
              RuleAction: 'allow',
              CidrBlock: '0.0.0.0/0',
              PortRange: { From: 23, To: 21 },
            },
          },
        },
      },
    },
  });
  const findings = evaluateControls(inventory, CONTROLS, { now: new Date('2026-11-22T00:00:00Z') });
  const of = (ruleId: string, id: string) => {
    const found = findings.filter((f) => f.ruleId === ruleId && f.resource.id === id);
    assert.equal(found.length, 1, `${ruleId} on ${id}`);
    return found[0]!;
  };

  it('is unknown for open ingress, naming the rule, rather than an open range', () => {
    const f = of('VF-NETWORK-006', 'App/Sg');
    assert.equal(f.status, 'unknown');
    assert.match(f.message, /^App\/Sg SecurityGroupIngress\.0: /);
    assert.match(f.message, INVALID);
  });

  it('is unknown for the high-risk ports check', () => {
    const f = of('VF-NETWORK-007', 'App/Sg');
    assert.equal(f.status, 'unknown');
    assert.match(f.message, INVALID);
  });

  it('is unknown for the network ACL, naming the entry and its PortRange fields', () => {
    const f = of('VF-NETWORK-008', 'App/Acl');
    assert.equal(f.status, 'unknown');
    assert.match(
      f.message,
      /^App\/Entry: PortRange\.From 23 is greater than PortRange\.To 21: an inverted port range is invalid/,
    );
  });
});

describe('an inverted port range in reachability', () => {
  it('leaves a flow through an inverted security group rule undetermined, with the reason', () => {
    const net = new NetworkBuilder()
      .subnet('Public', '10.0.0.0/24', { internet: true })
      .sg('Open', { ingress: [{ port: 23, from: 23, to: 21, cidr: '0.0.0.0/0' }] })
      .instance('Host', 'Public', ['Open'], true);
    const { checks } = analyse(inventoryFromObjects({ templates: { Stack: net.template() } }), undefined);
    const exposure = checks.filter((c) => c.class === 'internet-exposure');
    assert.equal(exposure.length, 1);
    assert.equal(exposure[0]!.result.verdict, 'unknown');
    assert.match(exposure[0]!.result.reason!, /a rule in Stack\/Open: FromPort 23 is greater than ToPort 21/);
  });

  it('leaves a flow through an inverted network ACL entry undetermined, with the reason', () => {
    const net = new NetworkBuilder()
      .nacl('Acl', [
        { n: 100, egress: false, action: 'deny', cidr: '0.0.0.0/0', from: 23, to: 21 },
        { n: 200, egress: false, action: 'allow', cidr: '0.0.0.0/0' },
        { n: 100, egress: true, action: 'allow', cidr: '0.0.0.0/0' },
      ])
      .subnet('Public', '10.0.0.0/24', { internet: true, nacl: 'Acl' })
      .sg('Open', { ingress: [{ port: 22, cidr: '0.0.0.0/0' }] })
      .instance('Host', 'Public', ['Open'], true);
    const { checks } = analyse(inventoryFromObjects({ templates: { Stack: net.template() } }), undefined);
    const exposure = checks.filter((c) => c.class === 'internet-exposure');
    assert.equal(exposure.length, 1);
    assert.equal(exposure[0]!.result.verdict, 'unknown');
    assert.match(
      exposure[0]!.result.reason!,
      /Stack\/AclIn100: PortRange\.From 23 is greater than PortRange\.To 21: an inverted port range is invalid/,
    );
  });
});
