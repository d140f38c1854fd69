import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cidrRange } from '../../../../src/reach/engine/net.js';
import { awsModelOf, group, groupId, ref, type Resources, subnets } from './template.js';

const cluster = (vpcConfig: Record<string, unknown>): Resources => ({
  Cluster: { Type: 'AWS::EKS::Cluster', Properties: { ResourcesVpcConfig: vpcConfig } },
});

describe('EKS cluster builder', () => {
  const model = awsModelOf({
    ...subnets({ A: '10.0.1.0/24', B: '10.0.2.0/24' }),
    ControlPlane: group(),
    ...cluster({
      SubnetIds: [ref('A'), ref('B')],
      SecurityGroupIds: [groupId('ControlPlane')],
      EndpointPublicAccess: false,
      EndpointPrivateAccess: true,
    }),
  });
  const own = 'Stack/Cluster#ClusterSecurityGroup';

  it('adds the security group EKS creates: all traffic from itself, all egress', () => {
    assert.deepEqual(model.securityGroups.get(own), {
      key: own,
      name: 'EKS cluster security group',
      rules: [
        {
          direction: 'ingress',
          protocol: 'all',
          fromPort: 0,
          toPort: 65535,
          peer: { kind: 'sg', group: own },
          source: `${own} (created by EKS)`,
        },
        {
          direction: 'egress',
          protocol: 'all',
          fromPort: 0,
          toPort: 65535,
          peer: { kind: 'cidr', range: cidrRange('0.0.0.0/0'), text: '0.0.0.0/0' },
          source: `${own} (created by EKS)`,
        },
      ],
    });
  });

  it('places the control plane in its subnets with its groups and the cluster group', () => {
    assert.deepEqual(model.attachments.get('Stack/Cluster'), {
      key: 'Stack/Cluster',
      kind: 'cluster',
      sgs: ['Stack/ControlPlane', own],
      subnets: ['Stack/A', 'Stack/B'],
      tags: {},
      publicAddress: false,
      linux: false,
    });
  });

  it('reads the endpoint access settings', () => {
    assert.deepEqual(model.clusters, [
      {
        key: 'Stack/Cluster',
        publicAccess: false,
        privateAccess: true,
        publicCidrs: [cidrRange('0.0.0.0/0')],
        publicCidrText: ['0.0.0.0/0'],
        attachment: 'Stack/Cluster',
      },
    ]);
  });

  it("applies EKS's defaults: public endpoint on for every address, private endpoint off", () => {
    const defaults = awsModelOf({ ...subnets({ A: '10.0.1.0/24' }), ...cluster({ SubnetIds: [ref('A')] }) });
    const [c] = defaults.clusters;
    assert.equal(c?.publicAccess, true);
    assert.equal(c?.privateAccess, false);
    assert.deepEqual(c?.publicCidrText, ['0.0.0.0/0']);
  });

  it('keeps the public CIDRs as written, with ? where undetermined, and the IPv4 ones as ranges', () => {
    const limited = awsModelOf({
      ...subnets({ A: '10.0.1.0/24' }),
      ...cluster({
        SubnetIds: [ref('A')],
        PublicAccessCidrs: ['203.0.113.0/24', { 'Fn::ImportValue': 'office' }, '2001:db8::/32'],
      }),
    });
    assert.deepEqual(limited.clusters[0]?.publicCidrText, ['203.0.113.0/24', '?', '2001:db8::/32']);
    assert.deepEqual(limited.clusters[0]?.publicCidrs, [cidrRange('203.0.113.0/24')]);
  });

  it('says which security group and subnet references it cannot resolve', () => {
    const foreign = awsModelOf({
      ...subnets({ A: '10.0.1.0/24' }),
      ...cluster({ SubnetIds: [ref('A'), 'subnet-123'], SecurityGroupIds: ['sg-123'] }),
    });
    const attachment = foreign.attachments.get('Stack/Cluster');
    assert.deepEqual(attachment?.sgs, [own]);
    assert.equal(attachment?.sgUnknown, 'security group "sg-123" is not in the input');
    assert.deepEqual(attachment?.subnets, ['Stack/A']);
    assert.equal(attachment?.subnetUnknown, 'subnet "subnet-123" is not in the input');
  });
});

describe('vpc-cni add-on builder', () => {
  const withAddon = (configuration?: unknown) =>
    awsModelOf({
      ...subnets({ A: '10.0.1.0/24' }),
      ...cluster({ SubnetIds: [ref('A')] }),
      Cni: {
        Type: 'AWS::EKS::Addon',
        Properties: {
          AddonName: 'vpc-cni',
          ClusterName: ref('Cluster'),
          ...(configuration === undefined ? {} : { ConfigurationValues: configuration }),
        },
      },
    }).cniPolicy;

  it('reads enableNetworkPolicy from JSON configuration values', () => {
    assert.deepEqual(withAddon('{"enableNetworkPolicy":"true"}'), {
      enforced: true,
      source: 'Stack/Cni: enableNetworkPolicy true',
    });
    assert.equal(withAddon('{"enableNetworkPolicy":"false"}')?.enforced, false);
  });

  it('reads enableNetworkPolicy from YAML configuration values', () => {
    assert.equal(withAddon('enableNetworkPolicy: "true"\n')?.enforced, true);
  });

  it('reads the setting where EKS does, not wherever the text mentions it', () => {
    // A comment, a nested key and another key's value name the setting: none of them turns it on.
    for (const text of [
      '# enableNetworkPolicy: "true"\nenableNetworkPolicy: "false"\n',
      'nodeAgent:\n  enableNetworkPolicy: "true"\n',
      "env:\n  NOTE: 'enableNetworkPolicy: true'\n",
    ])
      assert.equal(withAddon(text)?.enforced, false, text);
  });

  it('leaves enforcement undetermined for configuration values past the input limits or not parsed', () => {
    const bomb = [
      'enableNetworkPolicy: "true"',
      `l0: &l0 [${Array(9).fill('"x"').join(', ')}]`,
      ...Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`),
    ].join('\n');
    const deep = `{"enableNetworkPolicy":"true","deep":${'['.repeat(600)}${']'.repeat(600)}}`;
    for (const text of [bomb, deep, 'enableNetworkPolicy: "true"\n  - broken: [\n'])
      assert.deepEqual(withAddon(text), {
        enforced: undefined,
        source: 'Stack/Cni: enableNetworkPolicy not determined',
      });
  });

  it('does not enforce policies without configuration values', () => {
    assert.deepEqual(withAddon(), { enforced: false, source: 'Stack/Cni: enableNetworkPolicy false' });
  });

  it('leaves enforcement undetermined when the configuration is not in the input', () => {
    assert.deepEqual(withAddon({ 'Fn::ImportValue': 'cni-config' }), {
      enforced: undefined,
      source: 'Stack/Cni: enableNetworkPolicy not determined',
    });
  });

  it('assumes the self-managed CNI, which does not enforce policies, for a cluster without the add-on', () => {
    const model = awsModelOf({ ...subnets({ A: '10.0.1.0/24' }), ...cluster({ SubnetIds: [ref('A')] }) });
    assert.deepEqual(model.cniPolicy, {
      enforced: false,
      source:
        'Stack/Cluster: no vpc-cni add-on with enableNetworkPolicy (the self-managed CNI does not enforce NetworkPolicies)',
    });
  });

  it('says nothing about the CNI without a cluster', () => {
    assert.equal(awsModelOf(subnets({ A: '10.0.1.0/24' })).cniPolicy, undefined);
  });
});
