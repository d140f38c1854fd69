import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Template } from 'aws-cdk-lib/assertions';
import { addAdminAccess, type AdminAccessProps } from '../../src/aws/admin-access/index.js';
import { ValidationError } from '../../src/aws/errors.js';
import { bareStack, onlyResource } from './part-helper.js';

type Bare = ReturnType<typeof bareStack>;

function build(extra: (bare: Bare) => Partial<AdminAccessProps>) {
  const bare = bareStack();
  const access = addAdminAccess(bare.stack, {
    name: 'demo',
    vpc: bare.vpc,
    vpcCidr: '10.0.0.0/16',
    applicationSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    endpointSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    logsKey: bare.logsKey,
    ...extra(bare),
  });
  return { ...bare, access, template: Template.fromStack(bare.stack) };
}

const clientVpn = (bare: Bare) => ({
  clientCidr: '10.100.0.0/22',
  serverCertificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/server',
  clientRootCertificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/client-root',
  authorizedCidrs: ['10.0.128.0/20', '10.0.144.0/20'],
  securityGroup: bare.securityGroup,
});

describe('admin access in a bare stack', () => {
  it('builds nothing without a VPN, a site-to-site connection or roles', () => {
    const { access, template } = build(() => ({}));
    assert.deepEqual([access.vpn, access.siteToSite, access.roles], [undefined, undefined, undefined]);
    assert.deepEqual(template.findResources('AWS::EC2::ClientVpnEndpoint'), {});
    assert.deepEqual(template.findResources('AWS::EC2::VPNConnection'), {});
  });

  it('gives the Client VPN the VPC resolver, split tunnel, 8-hour sessions and one rule per authorized range', () => {
    const { template } = build((bare) => ({ clientVpn: clientVpn(bare), tags: { team: 'search' } }));
    const endpoint = onlyResource(template, 'AWS::EC2::ClientVpnEndpoint');
    assert.deepEqual(endpoint.DnsServers, ['10.0.0.2']);
    assert.equal(endpoint.SplitTunnel, true);
    assert.equal(endpoint.SessionTimeoutHours, 8);
    assert.equal(endpoint.ClientCidrBlock, '10.100.0.0/22');
    assert.deepEqual(endpoint.TagSpecifications[0].Tags, [
      { Key: 'team', Value: 'search' },
      { Key: 'vectorfort:component', Value: 'client-vpn' },
    ]);
    const rules = Object.values(template.findResources('AWS::EC2::ClientVpnAuthorizationRule')).map(
      (r) => (r as { Properties: { TargetNetworkCidr: string } }).Properties.TargetNetworkCidr,
    );
    assert.deepEqual(rules.sort(), ['10.0.128.0/20', '10.0.144.0/20']);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/vectorfort/demo/client-vpn',
      RetentionInDays: 365,
    });
  });

  it('connects the corporate network over a statically routed site-to-site VPN with a DNS resolver endpoint', () => {
    const { template } = build((bare) => ({
      siteToSiteVpn: {
        customerGatewayIp: '198.51.100.7',
        bgpAsn: 65010,
        onPremisesCidrs: ['192.168.0.0/16'],
        resolverSecurityGroup: bare.securityGroup,
      },
    }));
    template.hasResourceProperties('AWS::EC2::CustomerGateway', { IpAddress: '198.51.100.7', BgpAsn: 65010 });
    template.hasResourceProperties('AWS::EC2::VPNConnection', { StaticRoutesOnly: true });
    template.hasResourceProperties('AWS::EC2::VPNConnectionRoute', {
      DestinationCidrBlock: '192.168.0.0/16',
    });
    const routes = Object.values(template.findResources('AWS::EC2::Route')).filter(
      (r) =>
        (r as { Properties: { DestinationCidrBlock?: string } }).Properties.DestinationCidrBlock ===
        '192.168.0.0/16',
    );
    assert.ok(routes.length > 0, 'the on-premises range is routed from the endpoint subnets');
    for (const route of routes)
      assert.deepEqual((route as { Properties: { GatewayId: unknown } }).Properties.GatewayId, {
        Ref: Object.keys(template.findResources('AWS::EC2::VPNGateway'))[0],
      });
    template.resourceCountIs('AWS::EC2::VPNGatewayRoutePropagation', 0);
    template.hasResourceProperties('AWS::Route53Resolver::ResolverEndpoint', {
      Direction: 'INBOUND',
      Name: 'demo-on-premises',
    });
  });

  it('creates the MFA-only admin and read-only roles with their access entries', () => {
    const { template } = build((bare) => ({
      roles: {
        cluster: new eks.Cluster(bare.stack, 'Eks', {
          version: eks.KubernetesVersion.of('1.35'),
          vpc: bare.vpc,
        }),
      },
    }));
    for (const roleName of ['demo-admin', 'demo-read-only'])
      template.hasResourceProperties('AWS::IAM::Role', { RoleName: roleName, MaxSessionDuration: 3600 });
    assert.equal(Object.keys(template.findResources('AWS::EKS::AccessEntry')).length, 2);
  });

  it('rejects a VPC range that is not an IPv4 CIDR, naming the construct (invalid input)', () => {
    assert.throws(
      () => build((bare) => ({ vpcCidr: 'fd00::/56', clientVpn: clientVpn(bare) })),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.code === 'vpc-cidr-not-ipv4' &&
        e.origin === 'invalid-input' &&
        e.message === 'Part: vpcCidr must be an IPv4 CIDR, got fd00::/56 [vpc-cidr-not-ipv4]',
    );
  });
});
