import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { synth, type CfnResource } from './synth-helper.js';

const VENDOR = '222222222222';
const CONTROL_PLANE = '3ffe:1000::/48';
const ENCLAVE = {
  name: 'tenant-a',
  preset: 'enclave',
  environment: { account: '111111111111', region: 'us-east-1' },
  mesh: { chartRepository: 'oci://111111111111.dkr.ecr.us-east-1.amazonaws.com/mirror/charts' },
  enclave: {
    controlPlane: { hostnames: ['cp.vendor.example'], ports: [443], ipv6Cidrs: [CONTROL_PLANE] },
    operator: {
      vendorAccount: VENDOR,
      externalId: 'tenant-a-7f3c',
      grants: [
        {
          principalArn: `arn:aws:iam::${VENDOR}:role/oncall`,
          until: '2099-01-31T18:00:00Z',
          reason: 'incident INC-1234',
        },
      ],
    },
  },
};

type Statement = {
  Effect: string;
  Action: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
};
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('the enclave stack', () => {
  const { json } = synth(ENCLAVE);
  const resources = Object.entries(json.Resources);
  const ofType = (type: string): [string, CfnResource][] => resources.filter(([, r]) => r.Type === type);

  it('has no NAT gateway, internet gateway or Elastic IP', () => {
    assert.ok(resources.length > 100);
    for (const type of [
      'AWS::EC2::NatGateway',
      'AWS::EC2::InternetGateway',
      'AWS::EC2::EIP',
      'AWS::EC2::ClientVpnEndpoint',
    ])
      assert.deepEqual(ofType(type), [], type);
    for (const [id, subnet] of ofType('AWS::EC2::Subnet'))
      assert.notEqual(subnet.Properties?.MapPublicIpOnLaunch, true, id);
  });

  it("routes IPv6 to the egress-only gateway for the control plane's ranges only, and no IPv4 anywhere out", () => {
    assert.equal(ofType('AWS::EC2::EgressOnlyInternetGateway').length, 1);
    const routes = ofType('AWS::EC2::Route').map(([, r]) => r.Properties ?? {});
    const v6 = routes.filter((r) => r.DestinationIpv6CidrBlock !== undefined);
    assert.equal(v6.length, 6, 'application and data tiers, three zones');
    for (const r of v6) {
      assert.equal(r.DestinationIpv6CidrBlock, CONTROL_PLANE);
      assert.ok(r.EgressOnlyInternetGatewayId);
    }
    assert.deepEqual(
      routes.filter((r) => r.DestinationCidrBlock !== undefined),
      [],
    );
  });

  it("admits the control plane's ranges on its port in the nodes' security groups, and no other IPv6 address", () => {
    const egress = ofType('AWS::EC2::SecurityGroup').flatMap(
      ([, g]) => (g.Properties?.SecurityGroupEgress as Record<string, unknown>[]) ?? [],
    );
    const ipv6 = [
      ...egress.filter((e) => e.CidrIpv6 !== undefined),
      ...ofType('AWS::EC2::SecurityGroupEgress')
        .map(([, r]) => r.Properties ?? {})
        .filter((e) => e.CidrIpv6 !== undefined),
    ];
    assert.ok(ipv6.length >= 3, 'both node groups and the notifier');
    for (const rule of ipv6) {
      assert.equal(rule.CidrIpv6, CONTROL_PLANE);
      assert.equal(rule.FromPort, 443);
    }
  });

  it('lets the vendor assume the provisioner role only with the external ID, under a boundary', () => {
    const [[, role]] = ofType('AWS::IAM::Role').filter(([id]) => id.includes('ProvisionerRole')) as [
      [string, CfnResource],
    ];
    const statement = (role.Properties!.AssumeRolePolicyDocument as { Statement: Statement[] }).Statement[0]!;
    assert.deepEqual(statement.Condition, { StringEquals: { 'sts:ExternalId': 'tenant-a-7f3c' } });
    assert.ok(role.Properties!.PermissionsBoundary, 'a permissions boundary');
  });

  it("keeps every key the tenant's: each key policy denies the vendor's account and roles its ownership actions", () => {
    const keys = ofType('AWS::KMS::Key');
    assert.ok(keys.length >= 5);
    for (const [id, key] of keys) {
      const statements = (key.Properties!.KeyPolicy as { Statement: Statement[] }).Statement;
      const byAccount = statements.find(
        (s) => s.Effect === 'Deny' && s.Condition?.StringEquals?.['aws:PrincipalAccount'] === VENDOR,
      );
      assert.ok(byAccount, `${id}: no deny for the vendor account`);
      for (const action of [
        'kms:PutKeyPolicy',
        'kms:ScheduleKeyDeletion',
        'kms:CreateGrant',
        'kms:DisableKey',
      ])
        assert.ok(actions(byAccount).includes(action), `${id}: ${action}`);
      const byRole = statements.find(
        (s) => s.Effect === 'Deny' && s.Condition?.ArnEquals?.['aws:PrincipalArn'] !== undefined,
      );
      assert.ok(
        byRole && actions(byRole).includes('kms:PutKeyPolicy'),
        `${id}: no deny for the operator roles`,
      );
    }
    const [[, boundary]] = ofType('AWS::IAM::ManagedPolicy').filter(([id]) => id.includes('Boundary')) as [
      [string, CfnResource],
    ];
    const denies = (boundary.Properties!.PolicyDocument as { Statement: Statement[] }).Statement.filter(
      (s) => s.Effect === 'Deny',
    );
    assert.ok(
      denies.some(
        (s) =>
          actions(s).includes('kms:PutKeyPolicy') && actions(s).includes('iam:DeleteRolePermissionsBoundary'),
      ),
    );
  });

  it('ends a grant at its time: IAM conditions, and the access entry deleted by a one-time schedule', () => {
    const [[, grant]] = ofType('AWS::IAM::Role').filter(([id]) => /Grant0[A-F0-9]{8}$/.test(id)) as [
      [string, CfnResource],
    ];
    const trust = (grant.Properties!.AssumeRolePolicyDocument as { Statement: Statement[] }).Statement[0]!;
    assert.deepEqual(trust.Condition?.DateLessThan, { 'aws:CurrentTime': '2099-01-31T18:00:00Z' });
    assert.deepEqual(trust.Condition?.Bool, { 'aws:MultiFactorAuthPresent': 'true' });
    assert.equal(ofType('AWS::EKS::AccessEntry').filter(([id]) => id.includes('Grant0')).length, 1);
    const [[, schedule]] = ofType('AWS::Scheduler::Schedule') as [[string, CfnResource]];
    assert.equal(schedule.Properties!.ScheduleExpression, 'at(2099-01-31T18:00:00)');
    assert.equal(schedule.Properties!.ScheduleExpressionTimezone, 'UTC');
    assert.equal(
      (schedule.Properties!.Target as { Arn: string }).Arn,
      'arn:aws:scheduler:::aws-sdk:eks:deleteAccessEntry',
    );
    assert.equal(ofType('AWS::Events::Rule').filter(([id]) => id.includes('Grant0Sessions')).length, 1);
  });
});
