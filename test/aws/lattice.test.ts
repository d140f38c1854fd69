/**
 * `exposure: lattice` synthesized from examples/lattice.yaml: the Lattice resources and their values, the ALB's
 * security group opened to the Lattice prefix list only, and cfn-lint (which carries the CloudFormation resource
 * schemas of AWS::VpcLattice::* and IAM's policy grammar for auth policies) finding no error in them. A
 * deliberately broken copy shows cfn-lint does check those resources.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { resourcesOf, synth, type CfnResource } from './synth-helper.js';

const example = parse(readFileSync('examples/lattice.yaml', 'utf8')) as Record<string, unknown>;
const { json, result } = synth(example);
const one = (type: string): CfnResource => {
  const found = resourcesOf(json, type);
  assert.equal(found.length, 1, `one ${type}`);
  return found[0]![1];
};
const props = (r: CfnResource) => r.Properties ?? {};

function cfnLint(file: string): string {
  const run = spawnSync('cfn-lint', ['--format', 'parseable', file], { encoding: 'utf8' });
  assert.equal(run.error, undefined, 'cfn-lint is on PATH');
  return run.stdout;
}

describe('exposure: lattice', () => {
  it('builds a service network and a service, both with IAM auth', () => {
    assert.equal(props(one('AWS::VpcLattice::ServiceNetwork')).AuthType, 'AWS_IAM');
    const service = props(one('AWS::VpcLattice::Service'));
    assert.equal(service.AuthType, 'AWS_IAM');
    assert.equal(service.CustomDomainName, 'weaviate.example.com');
    assert.equal(
      service.CertificateArn,
      'arn:aws:acm:us-east-1:111111111111:certificate/11111111-2222-3333-4444-555555555555',
    );
  });

  it('listens on HTTPS 443 and sends gRPC to an HTTP/2 target group of the internal ALB', () => {
    const listener = props(one('AWS::VpcLattice::Listener'));
    assert.deepEqual([listener.Protocol, listener.Port], ['HTTPS', 443]);
    const rule = props(one('AWS::VpcLattice::Rule'));
    assert.deepEqual(rule.Match, {
      HttpMatch: {
        HeaderMatches: [
          { Name: 'content-type', CaseSensitive: false, Match: { Prefix: 'application/grpc' } },
        ],
      },
    });
    const groups = resourcesOf(json, 'AWS::VpcLattice::TargetGroup').map(([, r]) => props(r));
    assert.equal(groups.length, 2);
    assert.deepEqual(
      groups
        .map((g) => [
          g.Type,
          (g.Config as Record<string, unknown>).Protocol,
          (g.Config as Record<string, unknown>).ProtocolVersion,
        ])
        .sort(),
      [
        ['ALB', 'HTTPS', 'HTTP1'],
        ['ALB', 'HTTPS', 'HTTP2'],
      ],
    );
    const [albId, alb] = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::LoadBalancer')[0]!;
    assert.equal(props(alb).Scheme, 'internal');
    for (const g of groups) assert.deepEqual(g.Targets, [{ Id: { Ref: albId }, Port: 443 }]);
  });

  it('writes one auth policy statement per consumer grant, each with conditions', () => {
    const policies = resourcesOf(json, 'AWS::VpcLattice::AuthPolicy').map(
      ([, r]) => props(r).Policy as { Statement: Record<string, unknown>[] },
    );
    assert.equal(policies.length, 2);
    const statements = policies.flatMap((p) => p.Statement);
    assert.ok(statements.length > 0);
    for (const s of statements) {
      assert.equal(s.Effect, 'Allow');
      assert.ok(s.Condition && Object.keys(s.Condition).length > 0, `${String(s.Sid)} has conditions`);
    }
    const service = policies.find((p) => p.Statement.some((s) => String(s.Sid).includes('Grant')))!;
    const frontend = service.Statement.filter((s) => String(s.Sid).startsWith('searchfrontend'));
    assert.deepEqual(
      frontend.map(
        (s) =>
          (s.Condition as Record<string, Record<string, unknown>>).StringEquals![
            'vpc-lattice-svcs:RequestMethod'
          ],
      ),
      [['GET', 'HEAD'], ['POST']],
    );
    assert.deepEqual(frontend[0]!.Principal, { AWS: 'arn:aws:iam::222222222222:role/search-frontend' });
    const ingestion = service.Statement.find((s) => s.Sid === 'ingestionGrant0')!;
    assert.equal(ingestion.Principal, '*');
    assert.deepEqual(
      (ingestion.Condition as Record<string, Record<string, unknown>>).StringEquals!['aws:PrincipalOrgID'],
      ['o-a1b2c3d4e5'],
    );
  });

  it("shares the service network with the consumers' other accounts, inside the organization only", () => {
    const share = props(one('AWS::RAM::ResourceShare'));
    assert.deepEqual(share.Principals, ['222222222222', '333333333333']);
    assert.equal(share.AllowExternalPrincipals, false);
  });

  it('logs the service network and the service to an encrypted log group', () => {
    const subscriptions = resourcesOf(json, 'AWS::VpcLattice::AccessLogSubscription');
    assert.equal(subscriptions.length, 2);
    const [, group] = resourcesOf(json, 'AWS::Logs::LogGroup').find(([id]) =>
      id.startsWith('LatticeAccessLogs'),
    )!;
    assert.ok(props(group).KmsKeyId, 'the access log group is encrypted');
    assert.equal(props(group).RetentionInDays, 365);
  });

  it('associates this VPC with a security group that admits only the VPN on 443', () => {
    const association = props(one('AWS::VpcLattice::ServiceNetworkVpcAssociation'));
    const [groupRef] = association.SecurityGroupIds as { 'Fn::GetAtt': [string, string] }[];
    const groupId = groupRef!['Fn::GetAtt'][0];
    const ingress = (props(json.Resources[groupId]!).SecurityGroupIngress ?? []) as Record<string, unknown>[];
    const standalone = resourcesOf(json, 'AWS::EC2::SecurityGroupIngress')
      .map(([, r]) => props(r))
      .filter((p) => JSON.stringify(p.GroupId).includes(groupId));
    const rules = [...ingress, ...standalone];
    assert.ok(rules.length > 0);
    for (const rule of rules)
      assert.deepEqual([rule.IpProtocol, rule.FromPort, rule.ToPort], ['tcp', 443, 443]);
    // The VPN endpoint's group, and the VPN clients' range (10.250.0.0/22, the Client VPN default).
    assert.deepEqual(
      rules.map((r) => (r.CidrIp as string | undefined) ?? JSON.stringify(r.SourceSecurityGroupId)).sort(),
      [
        '10.250.0.0/22',
        JSON.stringify({
          'Fn::GetAtt': [
            resourcesOf(json, 'AWS::EC2::SecurityGroup').find(([id]) =>
              id.startsWith('NetworkSecurityGroupsVpnEndpoint'),
            )![0],
            'GroupId',
          ],
        }),
      ],
    );
  });

  it('opens the ALB to the Lattice prefix list on 443', () => {
    const lookups = Object.values(json.Resources).filter((r) =>
      JSON.stringify(r.Properties ?? {}).includes('com.amazonaws.us-east-1.vpc-lattice'),
    );
    assert.equal(lookups.length, 1, 'one DescribeManagedPrefixLists lookup of the Lattice list');
  });

  it('passes cfn-lint with only the accepted warnings', () => {
    const out = cfnLint(result.stacks[0]!.templateFile);
    assert.ok(!/:E\d{4}:/.test(out), out);
    const codes = new Set(
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => /:([EWI]\d{4}):/.exec(l)?.[1] ?? l),
    );
    for (const code of codes) assert.ok(['W3010', 'W3005'].includes(code), `unexpected ${code}`);
  });

  it('is checked by cfn-lint against the Lattice resource schemas (a broken copy fails)', () => {
    const broken = structuredClone(json) as unknown as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    for (const r of Object.values(broken.Resources)) {
      if (r.Type === 'AWS::VpcLattice::Listener') r.Properties.Protocol = 'FTP';
      if (r.Type === 'AWS::VpcLattice::TargetGroup') r.Properties.Type = 'POD';
    }
    const out = cfnLint(writeTemplate('broken.json', broken));
    for (const value of ['FTP', 'POD'])
      assert.ok(new RegExp(`:E\\d{4}:.*${value}`).test(out), `cfn-lint reports ${value}`);
  });

  // cfn-lint does not read AWS::VpcLattice::AuthPolicy documents, but it checks resource policies (E3512) against
  // IAM's grammar: the auth policies go through it as queue policies (their Resource, a Lattice ARN, set aside).
  const asQueuePolicies = (edit: (statements: Record<string, unknown>[]) => void = () => {}) => {
    const resources: Record<string, unknown> = { Queue: { Type: 'AWS::SQS::Queue' } };
    resourcesOf(json, 'AWS::VpcLattice::AuthPolicy').forEach(([id, r], i) => {
      const policy = structuredClone(props(r).Policy) as { Statement: Record<string, unknown>[] };
      for (const s of policy.Statement) s.Resource = '*';
      if (i === 0) edit(policy.Statement);
      resources[id] = {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: { Queues: [{ Ref: 'Queue' }], PolicyDocument: policy },
      };
    });
    return { Resources: resources };
  };

  it('writes auth policies that follow the IAM policy grammar', () => {
    const out = cfnLint(writeTemplate('auth-policies.json', asQueuePolicies()));
    assert.ok(!/:E\d{4}:/.test(out), out);
  });

  it('would be caught by the IAM grammar check with a bad effect or operator', () => {
    const out = cfnLint(
      writeTemplate(
        'bad-auth-policies.json',
        asQueuePolicies((statements) => {
          statements[0]!.Effect = 'Permit';
          statements[0]!.Condition = { StringEqualz: { 'aws:PrincipalAccount': '222222222222' } };
        }),
      ),
    );
    assert.match(out, /:E3512:'Permit' is not one of/);
    assert.match(out, /:E3512:'StringEqualz' does not match/);
  });
});

function writeTemplate(name: string, template: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'vectorfort-lattice-')), name);
  writeFileSync(file, JSON.stringify(template));
  return file;
}
