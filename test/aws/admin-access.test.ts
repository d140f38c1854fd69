import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { App, Stack } from 'aws-cdk-lib';
import { parse } from 'yaml';
import { vpcResolver } from '../../src/aws/admin-access/index.js';
import { validateBlueprint } from '../../src/blueprint/index.js';
import { resourcesOf, subnetsOfTier, synth, type CfnResource, type CfnTemplate } from './synth-helper.js';

const example = (name: string) =>
  parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const props = (r: CfnResource) => r.Properties as Record<string, any>;
const { json, blueprint } = synth();
const federated = synth(example('cloudfront.yaml')).json;
const development = synth({ preset: 'development' }).json;
const withSiteToSite = synth({
  adminAccess: {
    siteToSiteVpn: {
      enabled: true,
      customerGatewayIp: '198.51.100.7',
      bgpAsn: 64512,
      onPremisesCidrs: ['192.168.0.0/16'],
    },
  },
}).json;

function groupOfComponent(t: CfnTemplate, component: string): string {
  return resourcesOf(t, 'AWS::EC2::SecurityGroup').find(([, r]) =>
    (props(r).Tags as { Key: string; Value: string }[]).some(
      (tag) => tag.Key === 'vectorfort:component' && tag.Value === component,
    ),
  )![0];
}
function ingressOf(t: CfnTemplate, groupId: string): Record<string, unknown>[] {
  const inline = (props(t.Resources[groupId]!).SecurityGroupIngress ?? []) as Record<string, unknown>[];
  const separate = resourcesOf(t, 'AWS::EC2::SecurityGroupIngress')
    .map(([, r]) => props(r))
    .filter((p) => JSON.stringify(p.GroupId).includes(`"${groupId}"`));
  return [...inline, ...separate];
}

describe('admin access: Client VPN (production default)', () => {
  const [[vpnId, vpn]] = resourcesOf(json, 'AWS::EC2::ClientVpnEndpoint') as [[string, CfnResource]];
  const p = props(vpn);

  it('authenticates clients with mutual TLS against the client root CA', () => {
    assert.deepEqual(p.AuthenticationOptions, [
      {
        Type: 'certificate-authentication',
        MutualAuthentication: {
          ClientRootCertificateChainArn: blueprint.adminAccess.clientVpn.clientRootCertificateArn,
        },
      },
    ]);
    assert.equal(p.ServerCertificateArn, blueprint.adminAccess.clientVpn.serverCertificateArn);
  });

  it('logs connections to a KMS-encrypted log group, splits the tunnel and ends sessions after 8 hours', () => {
    assert.equal(p.ConnectionLogOptions.Enabled, true);
    const groupId = p.ConnectionLogOptions.CloudwatchLogGroup.Ref as string;
    assert.ok(props(json.Resources[groupId]!).KmsKeyId);
    assert.equal(p.SplitTunnel, true);
    assert.equal(p.SessionTimeoutHours, 8);
    assert.equal(p.DisconnectOnSessionTimeout, true);
    assert.equal(p.SelfServicePortal, 'disabled');
    assert.equal(p.ClientCidrBlock, '10.250.0.0/22');
    assert.deepEqual(p.DnsServers, ['10.40.0.2']);
  });

  it('carries the flow-generated vpn-endpoint security group and authorizes only the endpoints tier', () => {
    assert.deepEqual(p.SecurityGroupIds, [
      { 'Fn::GetAtt': [groupOfComponent(json, 'client-vpn'), 'GroupId'] },
    ]);
    const targets = resourcesOf(json, 'AWS::EC2::ClientVpnAuthorizationRule')
      .map(([, r]) => props(r))
      .filter((r) => r.ClientVpnEndpointId.Ref === vpnId)
      .map((r) => r.TargetNetworkCidr)
      .sort();
    const endpoints =
      blueprint && synth().result.stack.flowSpec.subnets.filter((s) => s.tier === 'endpoints');
    assert.deepEqual(targets, endpoints.map((s) => s.cidr).sort());
  });

  it('lets the cluster API admit 443 only from the VPN, the kubectl handler, the key rotation and the cluster itself', () => {
    const api = groupOfComponent(json, 'eks-control-plane');
    const rules = ingressOf(json, api);
    assert.ok(
      rules.every((r) => r.FromPort === 443 && r.ToPort === 443),
      'port 443 only',
    );
    const cidrs = rules.map((r) => r.CidrIp).filter(Boolean);
    assert.deepEqual(cidrs, ['10.250.0.0/22']);
    const sources = new Set(
      rules
        .map((r) => (r.SourceSecurityGroupId as { 'Fn::GetAtt': [string] } | undefined)?.['Fn::GetAtt'][0])
        .filter(Boolean),
    );
    assert.deepEqual(
      sources,
      new Set(
        ['client-vpn', 'kubectl-handler', 'nodes-system', 'nodes-weaviate', 'api-key-rotation'].map((c) =>
          groupOfComponent(json, c),
        ),
      ),
    );
  });

  it('is left out by the development preset', () => {
    assert.equal(resourcesOf(development, 'AWS::EC2::ClientVpnEndpoint').length, 0);
  });

  it('federates with SAML and authorizes per IdP group when configured', () => {
    const [[, vpn2]] = resourcesOf(federated, 'AWS::EC2::ClientVpnEndpoint') as [[string, CfnResource]];
    const types = (props(vpn2).AuthenticationOptions as { Type: string }[]).map((o) => o.Type).sort();
    assert.deepEqual(types, ['certificate-authentication', 'federated-authentication']);
    const rules = resourcesOf(federated, 'AWS::EC2::ClientVpnAuthorizationRule').map(([, r]) => props(r));
    assert.ok(rules.length > 0);
    assert.ok(rules.every((r) => r.AccessGroupId === 'weaviate-admins' && r.AuthorizeAllGroups !== true));
  });

  it('rejects per-group rules without SAML', () => {
    assert.throws(
      () => validateBlueprint({ adminAccess: { clientVpn: { authorizedGroups: ['ops'] } } }, 'b.yaml'),
      /samlProviderArn/,
    );
  });

  it('computes the VPC resolver address', () => {
    const scope = new Stack(new App(), 'S');
    assert.equal(vpcResolver('10.40.0.0/16', scope), '10.40.0.2');
    assert.equal(vpcResolver('172.16.8.0/21', scope), '172.16.8.2');
  });
});

describe('admin access: site-to-site VPN', () => {
  it('creates the customer gateway, a statically routed connection and routes from the endpoints tier only', () => {
    const [[, cgw]] = resourcesOf(withSiteToSite, 'AWS::EC2::CustomerGateway') as [[string, CfnResource]];
    assert.equal(props(cgw).IpAddress, '198.51.100.7');
    assert.equal(props(cgw).BgpAsn, 64512);
    const [[, connection]] = resourcesOf(withSiteToSite, 'AWS::EC2::VPNConnection') as [
      [string, CfnResource],
    ];
    assert.equal(props(connection).StaticRoutesOnly, true);
    assert.deepEqual(
      resourcesOf(withSiteToSite, 'AWS::EC2::VPNConnectionRoute').map(
        ([, r]) => props(r).DestinationCidrBlock,
      ),
      ['192.168.0.0/16'],
    );
    assert.equal(resourcesOf(withSiteToSite, 'AWS::EC2::VPNGatewayRoutePropagation').length, 0);
    const [[gateway]] = resourcesOf(withSiteToSite, 'AWS::EC2::VPNGateway');
    const tables = resourcesOf(withSiteToSite, 'AWS::EC2::Route')
      .map(([, r]) => props(r))
      .filter((p) => JSON.stringify(p.GatewayId) === JSON.stringify({ Ref: gateway }))
      .map((p) => [p.DestinationCidrBlock, p.RouteTableId.Ref]);
    const endpointTables = subnetsOfTier(withSiteToSite, 'endpoints').map(
      (subnet) =>
        resourcesOf(withSiteToSite, 'AWS::EC2::SubnetRouteTableAssociation')
          .map(([, r]) => props(r))
          .find((p) => p.SubnetId.Ref === subnet)!.RouteTableId.Ref,
    );
    assert.equal(endpointTables.length, 3);
    assert.deepEqual(
      tables,
      endpointTables.map((table) => ['192.168.0.0/16', table]),
    );
    assert.equal(resourcesOf(json, 'AWS::EC2::CustomerGateway').length, 0);
  });

  it('gives the corporate DNS servers an inbound resolver endpoint admitting DNS from the on-premises ranges only', () => {
    const [[, resolver], ...others] = resourcesOf(withSiteToSite, 'AWS::Route53Resolver::ResolverEndpoint');
    assert.deepEqual(others, []);
    assert.equal(props(resolver!).Direction, 'INBOUND');
    assert.deepEqual(
      props(resolver!).IpAddresses.map((a: { SubnetId: { Ref: string } }) => a.SubnetId.Ref),
      subnetsOfTier(withSiteToSite, 'endpoints'),
    );
    const group = groupOfComponent(withSiteToSite, 'dns-resolver');
    assert.deepEqual(props(resolver!).SecurityGroupIds, [{ 'Fn::GetAtt': [group, 'GroupId'] }]);
    assert.deepEqual(
      ingressOf(withSiteToSite, group)
        .map((r) => `${String(r.IpProtocol)} ${String(r.FromPort)} ${String(r.CidrIp)}`)
        .sort(),
      ['tcp 53 192.168.0.0/16', 'udp 53 192.168.0.0/16'],
    );
    assert.equal(resourcesOf(json, 'AWS::Route53Resolver::ResolverEndpoint').length, 0);
  });
});

describe('admin access: administrator roles', () => {
  const roles = resourcesOf(json, 'AWS::IAM::Role').filter(([, r]) =>
    ['weaviate-admin', 'weaviate-read-only'].includes(props(r).RoleName),
  );

  it('requires MFA and limits sessions to one hour', () => {
    assert.equal(roles.length, 2);
    for (const [, role] of roles) {
      assert.equal(props(role).MaxSessionDuration, 3600);
      for (const statement of props(role).AssumeRolePolicyDocument.Statement) {
        assert.equal(statement.Condition.Bool['aws:MultiFactorAuthPresent'], 'true');
        assert.equal(statement.Condition.NumericLessThan['aws:MultiFactorAuthAge'], '3600');
      }
    }
  });

  it('maps them to cluster-admin and view through EKS access entries', () => {
    const entries = resourcesOf(json, 'AWS::EKS::AccessEntry').map(([, r]) => props(r));
    for (const [id, role] of roles) {
      const entry = entries.find((e) => e.PrincipalArn['Fn::GetAtt']?.[0] === id)!;
      const policy = JSON.stringify(entry.AccessPolicies[0].PolicyArn);
      assert.ok(
        policy.includes(
          props(role).RoleName.endsWith('admin') ? 'AmazonEKSClusterAdminPolicy' : 'AmazonEKSViewPolicy',
        ),
      );
      assert.equal(entry.AccessPolicies[0].AccessScope.Type, 'cluster');
    }
  });

  it('trusts only the named principals when given', () => {
    const named = resourcesOf(federated, 'AWS::IAM::Role').find(
      ([, r]) => props(r).RoleName === 'weaviate-cdn-admin',
    )!;
    assert.deepEqual(
      props(named[1]).AssumeRolePolicyDocument.Statement.map((s: { Principal: unknown }) => s.Principal),
      [{ AWS: 'arn:aws:iam::111111111111:role/platform-engineers' }],
    );
  });

  it('opens SSH nowhere and gives no node an SSH key', () => {
    for (const t of [json, federated, withSiteToSite]) {
      const rules = [
        ...resourcesOf(t, 'AWS::EC2::SecurityGroup').flatMap(([, r]) => props(r).SecurityGroupIngress ?? []),
        ...resourcesOf(t, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => props(r)),
      ] as { FromPort?: number; ToPort?: number; IpProtocol: string }[];
      assert.ok(
        !rules.some((r) => r.IpProtocol === '-1' || (r.FromPort! <= 22 && 22 <= r.ToPort!)),
        'no rule admits port 22',
      );
      for (const [, ng] of resourcesOf(t, 'AWS::EKS::Nodegroup'))
        assert.equal(props(ng).RemoteAccess, undefined);
      for (const [, lt] of resourcesOf(t, 'AWS::EC2::LaunchTemplate'))
        assert.equal(props(lt).LaunchTemplateData.KeyName, undefined);
    }
  });
});
