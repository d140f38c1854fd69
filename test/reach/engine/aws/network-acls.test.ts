import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cidrRange } from '../../../../src/reach/engine/net.js';
import { awsModelOf, ref, type Resources, subnets } from './template.js';

const entry = (id: string, properties: Record<string, unknown>): Resources => ({
  [id]: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: ref('Acl'), ...properties } },
});

describe('network ACL builders', () => {
  const model = awsModelOf({
    ...subnets({ Data: '10.0.1.0/24' }),
    Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: ref('Vpc') } },
    Assoc: {
      Type: 'AWS::EC2::SubnetNetworkAclAssociation',
      Properties: { SubnetId: ref('Data'), NetworkAclId: ref('Acl') },
    },
    ...entry('DenyAll', {
      RuleNumber: 200,
      Protocol: -1,
      RuleAction: 'deny',
      Egress: true,
      CidrBlock: '0.0.0.0/0',
    }),
    ...entry('Https', {
      RuleNumber: '100',
      Protocol: 6,
      RuleAction: 'ALLOW',
      CidrBlock: '10.0.0.0/16',
      PortRange: { From: 443, To: 443 },
    }),
    ...entry('Ipv6', {
      RuleNumber: 110,
      Protocol: 17,
      RuleAction: 'allow',
      Ipv6CidrBlock: '::/0',
      PortRange: { From: 53, To: 53 },
    }),
    ...entry('Undetermined', { RuleNumber: 120, Protocol: 6, RuleAction: 'allow', CidrBlock: '10.0.0.0/16' }),
  });
  const acl = model.nacls.get('Stack/Acl');

  it('associates the subnet with its ACL', () => {
    assert.equal(model.subnets.get('Stack/Data')?.nacl, 'Stack/Acl');
  });

  it('orders the entries by rule number', () => {
    assert.ok(acl);
    assert.deepEqual(
      acl.entries.map((e) => [e.ruleNumber, e.key]),
      [
        [100, 'Stack/Https'],
        [110, 'Stack/Ipv6'],
        [120, 'Stack/Undetermined'],
        [200, 'Stack/DenyAll'],
      ],
    );
  });

  it('reads an entry with its protocol, ports, action and range', () => {
    assert.deepEqual(
      acl?.entries.find((e) => e.key === 'Stack/Https'),
      {
        key: 'Stack/Https',
        ruleNumber: 100,
        egress: false,
        action: 'allow',
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        range: cidrRange('10.0.0.0/16'),
        cidrText: '10.0.0.0/16',
      },
    );
  });

  it('covers every port for the all-protocols entry', () => {
    const deny = acl?.entries.find((e) => e.key === 'Stack/DenyAll');
    assert.equal(deny?.protocol, 'all');
    assert.equal(deny?.action, 'deny');
    assert.equal(deny?.egress, true);
    assert.deepEqual([deny?.fromPort, deny?.toPort], [0, 65535]);
  });

  it('keeps an IPv6 entry without an IPv4 range', () => {
    const v6 = acl?.entries.find((e) => e.key === 'Stack/Ipv6');
    assert.equal(v6?.range, undefined);
    assert.equal(v6?.cidrText, '::/0');
    assert.equal(v6?.unknown, undefined);
  });

  it('marks an entry without its port range as unknown', () => {
    const entry = acl?.entries.find((e) => e.key === 'Stack/Undetermined');
    assert.equal(entry?.unknown, 'an attribute of Stack/Undetermined is not determined by the input');
  });
});
