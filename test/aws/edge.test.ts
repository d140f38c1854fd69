import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { validateBlueprint } from '../../src/blueprint/index.js';
import { greaterThanRegex, ORIGIN_VERIFY_HEADER } from '../../src/aws/edge/index.js';
import { resourcesOf, subnetsOfTier, synth, type CfnResource, type CfnTemplate } from './synth-helper.js';

const example = (name: string) =>
  parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

const publicAlb = synth(example('public-alb.yaml')).json;
const viaCloudFront = synth(example('cloudfront.yaml')).json;
const privateDefault = synth().json;

function one(json: CfnTemplate, type: string): [string, CfnResource] {
  const found = resourcesOf(json, type);
  assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
  return found[0]!;
}
const props = (r: CfnResource) => r.Properties as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
function targetGroupNamed(json: CfnTemplate, name: string): [string, CfnResource] {
  const found = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::TargetGroup').filter(
    ([, r]) => props(r).Name === name,
  );
  assert.equal(found.length, 1, `expected one target group named ${name}`);
  return found[0]!;
}
const attributes = (lb: CfnResource) =>
  Object.fromEntries(
    (props(lb).LoadBalancerAttributes as { Key: string; Value: string }[]).map((a) => [a.Key, a.Value]),
  );
/** Every ingress rule of a security group: inline ones and separate AWS::EC2::SecurityGroupIngress resources. */
function ingressOf(json: CfnTemplate, groupId: string): Record<string, unknown>[] {
  const inline = (props(json.Resources[groupId]!).SecurityGroupIngress ?? []) as Record<string, unknown>[];
  const separate = resourcesOf(json, 'AWS::EC2::SecurityGroupIngress')
    .map(([, r]) => props(r))
    .filter((p) => JSON.stringify(p.GroupId).includes(`"${groupId}"`));
  return [...inline, ...separate];
}
function groupOfComponent(json: CfnTemplate, component: string): string {
  const [id] = resourcesOf(json, 'AWS::EC2::SecurityGroup').find(([, r]) =>
    (props(r).Tags as { Key: string; Value: string }[]).some(
      (t) => t.Key === 'vectorfort:component' && t.Value === component,
    ),
  )!;
  return id;
}

describe('edge: private by default', () => {
  it('creates no load balancer, distribution, web ACL or public record', () => {
    for (const type of [
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::CloudFront::Distribution',
      'AWS::WAFv2::WebACL',
      'AWS::Route53::RecordSet',
      'AWS::Shield::Protection',
    ])
      assert.equal(resourcesOf(privateDefault, type).length, 0, type);
  });

  it('opens no security group to the internet', () => {
    const open = JSON.stringify(
      [
        ...resourcesOf(privateDefault, 'AWS::EC2::SecurityGroup'),
        ...resourcesOf(privateDefault, 'AWS::EC2::SecurityGroupIngress'),
      ].map(([, r]) => [props(r).SecurityGroupIngress, props(r).CidrIp]),
    );
    assert.ok(!open.includes('0.0.0.0/0'), 'no ingress from 0.0.0.0/0');
    assert.ok(!open.includes('::/0'));
  });
});

describe('edge: examples/public-alb.yaml', () => {
  const [lbId, lb] = one(publicAlb, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  const listeners = resourcesOf(publicAlb, 'AWS::ElasticLoadBalancingV2::Listener').map(([, r]) => props(r));

  it('puts an internet-facing ALB in the public tier with the generated alb security group', () => {
    assert.equal(props(lb).Scheme, 'internet-facing');
    assert.deepEqual(
      (props(lb).Subnets as { Ref: string }[]).map((s) => s.Ref).sort(),
      subnetsOfTier(publicAlb, 'public').sort(),
    );
    assert.deepEqual(props(lb).SecurityGroups, [
      { 'Fn::GetAtt': [groupOfComponent(publicAlb, 'alb'), 'GroupId'] },
    ]);
  });

  it('drops invalid headers, uses the strictest desync mitigation, protects against deletion and logs access', () => {
    const a = attributes(lb);
    assert.equal(a['routing.http.drop_invalid_header_fields.enabled'], 'true');
    assert.equal(a['routing.http.desync_mitigation_mode'], 'strictest');
    assert.equal(a['deletion_protection.enabled'], 'true');
    assert.equal(a['access_logs.s3.enabled'], 'true');
    assert.equal(a['access_logs.s3.prefix'], 'alb');
  });

  it('serves HTTPS only with a forward-secrecy TLS 1.3/1.2 policy and the certificate', () => {
    const https = listeners.filter((l) => l.Protocol === 'HTTPS');
    assert.equal(https.length, 1);
    assert.equal(https[0]!.Port, 443);
    assert.equal(https[0]!.SslPolicy, 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
    assert.deepEqual(https[0]!.Certificates, [
      {
        CertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/11111111-2222-3333-4444-555555555555',
      },
    ]);
    assert.equal(https[0]!.DefaultActions[0].Type, 'forward');
  });

  it('answers plain HTTP only with a permanent redirect to HTTPS', () => {
    const http = listeners.filter((l) => l.Protocol === 'HTTP');
    assert.equal(http.length, 1);
    assert.deepEqual(http[0]!.DefaultActions, [
      { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
    ]);
    assert.equal(listeners.length, 2);
  });

  it("targets the ingress gateway's TLS listener by IP over HTTPS and checks Weaviate readiness through it", () => {
    const [, tg] = targetGroupNamed(publicAlb, 'weaviate-public-https');
    assert.equal(props(tg).TargetType, 'ip');
    assert.equal(props(tg).Port, 8443);
    assert.equal(props(tg).Protocol, 'HTTPS');
    assert.equal(props(tg).HealthCheckProtocol, 'HTTPS');
    assert.equal(props(tg).HealthCheckPort, 'traffic-port');
    assert.equal(props(tg).ProtocolVersion, undefined, 'HTTP/1.1 to the gateway for REST');
    assert.equal(props(tg).HealthCheckPath, '/v1/.well-known/ready');
    assert.equal(props(tg).Matcher.HttpCode, '200');
  });

  it('sends gRPC to a GRPC target group on the same gateway pods, checked by the gRPC health service', () => {
    assert.equal(resourcesOf(publicAlb, 'AWS::ElasticLoadBalancingV2::TargetGroup').length, 2);
    const [grpcId, grpc] = targetGroupNamed(publicAlb, 'weaviate-public-grpcs');
    assert.equal(props(grpc).TargetType, 'ip');
    assert.equal(props(grpc).Port, 8443);
    assert.equal(props(grpc).Protocol, 'HTTPS', 'gRPC over TLS to the gateway');
    assert.equal(props(grpc).HealthCheckProtocol, 'HTTPS');
    assert.equal(props(grpc).ProtocolVersion, 'GRPC');
    assert.equal(props(grpc).HealthCheckPath, '/grpc.health.v1.Health/Check');
    assert.deepEqual(props(grpc).Matcher, { GrpcCode: '0' });
    const [, rule] = one(publicAlb, 'AWS::ElasticLoadBalancingV2::ListenerRule');
    assert.deepEqual(props(rule).Conditions, [
      {
        Field: 'http-header',
        HttpHeaderConfig: { HttpHeaderName: 'content-type', Values: ['application/grpc*'] },
      },
    ]);
    assert.deepEqual(props(rule).Actions, [{ Type: 'forward', TargetGroupArn: { Ref: grpcId } }]);
  });

  it('admits the internet on 443 and 80 only (the flow spec)', () => {
    const ingress = ingressOf(publicAlb, groupOfComponent(publicAlb, 'alb'));
    assert.deepEqual(ingress.map((r) => `${r.CidrIp}:${r.FromPort}-${r.ToPort}`).sort(), [
      '0.0.0.0/0:443-443',
      '0.0.0.0/0:80-80',
    ]);
  });

  it('attaches a REGIONAL web ACL with the managed groups, the rate rule and the size rule', () => {
    const [aclId, acl] = one(publicAlb, 'AWS::WAFv2::WebACL');
    assert.equal(props(acl).Scope, 'REGIONAL');
    const rules = props(acl).Rules as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const groups = rules
      .map((r) => r.Statement.ManagedRuleGroupStatement?.Name)
      .filter(Boolean)
      .sort();
    assert.deepEqual(groups, [
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesAnonymousIpList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesSQLiRuleSet',
    ]);
    const rate = rules.find((r) => r.Statement.RateBasedStatement)!;
    assert.deepEqual(rate.Action, { Block: {} });
    assert.equal(rate.Statement.RateBasedStatement.Limit, 2000);
    assert.equal(rate.Statement.RateBasedStatement.AggregateKeyType, 'IP');
    const size = rules.find((r) => r.Name === 'MaxRequestSize')!;
    const regex = new RegExp(size.Statement.RegexMatchStatement.RegexString as string);
    assert.ok(regex.test(String(16384 * 1024 + 1)));
    assert.ok(!regex.test(String(16384 * 1024)));
    assert.ok(!regex.test('4096'));
    // The common rule set's 8 KB body rule would block Weaviate batch imports; it only counts.
    const common = rules.find((r) => r.Name === 'AWSManagedRulesCommonRuleSet')!;
    assert.deepEqual(common.Statement.ManagedRuleGroupStatement.RuleActionOverrides, [
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
    ]);
    assert.equal(new Set(rules.map((r) => r.Priority)).size, rules.length, 'priorities are unique');
    const [, association] = one(publicAlb, 'AWS::WAFv2::WebACLAssociation');
    assert.deepEqual(props(association).ResourceArn, { Ref: lbId });
    assert.deepEqual(props(association).WebACLArn, { 'Fn::GetAtt': [aclId, 'Arn'] });
  });

  it('logs WAF decisions to a KMS-encrypted aws-waf-logs- group with the Authorization header redacted', () => {
    const [, logging] = one(publicAlb, 'AWS::WAFv2::LoggingConfiguration');
    assert.deepEqual(props(logging).RedactedFields, [{ SingleHeader: { Name: 'authorization' } }]);
    const group = resourcesOf(publicAlb, 'AWS::Logs::LogGroup')
      .map(([, r]) => props(r))
      .find((p) => String(p.LogGroupName).startsWith('aws-waf-logs-'))!;
    assert.ok(group.KmsKeyId, 'encrypted with the logs key');
    assert.ok(JSON.stringify(props(logging).LogDestinationConfigs).includes(group.LogGroupName));
  });

  it('alarms on a spike of blocked requests', () => {
    const alarm = resourcesOf(publicAlb, 'AWS::CloudWatch::Alarm')
      .map(([, r]) => props(r))
      .find((p) => p.Namespace === 'AWS/WAFV2')!;
    assert.equal(alarm.MetricName, 'BlockedRequests');
    assert.ok((alarm.Dimensions as { Name: string }[]).some((d) => d.Name === 'WebACL'));
  });
});

describe('edge: examples/cloudfront.yaml', () => {
  const [, distribution] = one(viaCloudFront, 'AWS::CloudFront::Distribution');
  const config = props(distribution).DistributionConfig;

  it('serves TLS 1.2_2021 or newer with the domain and the CLOUDFRONT web ACL', () => {
    assert.equal(config.ViewerCertificate.MinimumProtocolVersion, 'TLSv1.2_2021');
    assert.deepEqual(config.Aliases, ['weaviate.example.com']);
    const [aclId, acl] = one(viaCloudFront, 'AWS::WAFv2::WebACL');
    assert.equal(props(acl).Scope, 'CLOUDFRONT');
    assert.deepEqual(config.WebACLId, { 'Fn::GetAtt': [aclId, 'Arn'] });
    assert.equal(config.DefaultCacheBehavior.ViewerProtocolPolicy, 'redirect-to-https');
    assert.equal(resourcesOf(viaCloudFront, 'AWS::WAFv2::WebACLAssociation').length, 0);
  });

  it('reaches the ALB over HTTPS with a secret origin header from Secrets Manager', () => {
    const origin = config.Origins[0];
    assert.equal(origin.CustomOriginConfig.OriginProtocolPolicy, 'https-only');
    assert.deepEqual(origin.CustomOriginConfig.OriginSSLProtocols, ['TLSv1.2']);
    const header = origin.OriginCustomHeaders.find(
      (h: { HeaderName: string }) => h.HeaderName === ORIGIN_VERIFY_HEADER,
    );
    assert.match(JSON.stringify(header.HeaderValue), /resolve:secretsmanager:/);
  });

  it('lets only CloudFront reach the ALB: prefix list in the security group, header rule, 403 otherwise', () => {
    const ingress = ingressOf(viaCloudFront, groupOfComponent(viaCloudFront, 'alb'));
    assert.equal(ingress.length, 1);
    assert.equal(ingress[0]!.FromPort, 443);
    assert.ok(ingress[0]!.SourcePrefixListId, 'the CloudFront origin-facing prefix list');
    assert.equal(ingress[0]!.CidrIp, undefined);
    const listeners = resourcesOf(viaCloudFront, 'AWS::ElasticLoadBalancingV2::Listener').map(([, r]) =>
      props(r),
    );
    assert.deepEqual(
      listeners.map((l) => l.Protocol),
      ['HTTPS'],
    );
    assert.equal(listeners[0]!.DefaultActions[0].FixedResponseConfig.StatusCode, '403');
    // Both forwarding rules (gRPC first, then REST) require the origin header; nothing else is forwarded.
    const rules = resourcesOf(viaCloudFront, 'AWS::ElasticLoadBalancingV2::ListenerRule')
      .map(([, r]) => props(r))
      .sort((x, y) => x.Priority - y.Priority);
    assert.deepEqual(
      rules.map((r) => r.Priority),
      [1, 2],
    );
    for (const rule of rules) {
      const condition = rule.Conditions[0];
      assert.equal(condition.Field, 'http-header');
      assert.equal(condition.HttpHeaderConfig.HttpHeaderName, ORIGIN_VERIFY_HEADER);
      assert.match(JSON.stringify(condition.HttpHeaderConfig.Values), /resolve:secretsmanager:/);
      assert.equal(rule.Actions[0].Type, 'forward');
    }
    assert.equal(rules[0]!.Conditions[1].HttpHeaderConfig.HttpHeaderName, 'content-type');
    assert.equal(rules[1]!.Conditions.length, 1);
  });

  it('issues a DNS-validated certificate and points the name at the distribution', () => {
    const [, cert] = one(viaCloudFront, 'AWS::CertificateManager::Certificate');
    assert.equal(props(cert).ValidationMethod, 'DNS');
    assert.equal(props(cert).DomainValidationOptions[0].HostedZoneId, 'Z0123456789EXAMPLE');
    const [, record] = one(viaCloudFront, 'AWS::Route53::RecordSet');
    assert.equal(props(record).Type, 'A');
    assert.ok(JSON.stringify(props(record).AliasTarget).includes('DomainName'));
  });

  it("adds Shield Advanced only on explicit opt-in, and appends the blueprint's custom WAF rules", () => {
    assert.equal(resourcesOf(viaCloudFront, 'AWS::Shield::Protection').length, 0);
    const input = example('public-alb.yaml');
    const customRule = {
      Name: 'BlockSchemaWrites',
      Action: { Block: {} },
      Statement: {
        ByteMatchStatement: {
          FieldToMatch: { UriPath: {} },
          PositionalConstraint: 'STARTS_WITH',
          SearchString: '/v1/schema',
          TextTransformations: [{ Priority: 0, Type: 'LOWERCASE' }],
        },
      },
    };
    const edge = input.edge as { waf: object };
    const shielded = synth({
      ...input,
      edge: { ...edge, shieldAdvanced: true, waf: { ...edge.waf, customRules: [customRule] } },
    }).json;
    const [, protection] = one(shielded, 'AWS::Shield::Protection');
    assert.deepEqual(props(protection).ResourceArn, {
      Ref: one(shielded, 'AWS::ElasticLoadBalancingV2::LoadBalancer')[0],
    });
    const rules = props(one(shielded, 'AWS::WAFv2::WebACL')[1]).Rules as Record<string, unknown>[];
    const custom = rules.at(-1)!;
    assert.equal(custom.Name, 'BlockSchemaWrites');
    assert.equal(custom.Priority, 100);
    assert.deepEqual(custom.Statement, customRule.Statement);
    assert.equal(
      (custom.VisibilityConfig as { CloudWatchMetricsEnabled: boolean }).CloudWatchMetricsEnabled,
      true,
    );
  });
});

describe('edge: blueprint rules', () => {
  it('takes CloudFront outside us-east-1 (edge stack) but not with Shield Advanced, nor an edge without certificate', () => {
    const input = example('cloudfront.yaml');
    const eu = { ...input, environment: { region: 'eu-west-1' } };
    assert.equal(validateBlueprint(eu, 'cf.yaml').environment.region, 'eu-west-1');
    assert.throws(
      () =>
        validateBlueprint({ ...eu, edge: { ...(input.edge as object), shieldAdvanced: true } }, 'cf.yaml'),
      /edge\.shieldAdvanced[\s\S]*us-east-1/,
    );
    assert.throws(
      () => validateBlueprint({ exposure: 'alb', edge: { domainName: 'a.example.com' } }, 'alb.yaml'),
      /edge\.certificateArn/,
    );
    const alb = example('public-alb.yaml');
    const withRule = (rule: Record<string, unknown>) => ({
      ...alb,
      edge: { ...(alb.edge as object), waf: { customRules: [rule] } },
    });
    assert.throws(
      () => validateBlueprint(withRule({ Name: 'NoAction', Statement: {} }), 'alb.yaml'),
      /customRules\[0\].*Action/,
    );
    assert.throws(
      () =>
        validateBlueprint(withRule({ Name: 'bad name!', Statement: {}, Action: { Block: {} } }), 'alb.yaml'),
      /customRules\[0\]\.Name/,
    );
  });
});

describe('edge: Content-Length regex', () => {
  it('matches exactly the integers above the limit, with or without leading zeros', () => {
    for (const limit of [0, 9, 10, 99, 100, 8192, 19999, 16 * 1024 * 1024]) {
      const regex = new RegExp(greaterThanRegex(limit));
      for (let i = 0; i < 2000; i++) {
        const n = Math.floor(Math.random() * (limit * 3 + 10));
        assert.equal(regex.test(String(n)), n > limit, `${n} vs ${limit}`);
        assert.equal(regex.test(`00${n}`), n > limit);
      }
      for (const n of [limit - 1, limit, limit + 1].filter((x) => x >= 0))
        assert.equal(regex.test(String(n)), n > limit);
      assert.ok(!regex.test('12a'));
      assert.ok(!regex.test(''));
    }
  });

  it('is defined for every finite limit: fractions compare by their floor, negative limits admit every integer', () => {
    assert.equal(greaterThanRegex(8191.5), greaterThanRegex(8191));
    const everything = new RegExp(greaterThanRegex(-1));
    for (const n of ['0', '7', '0042', '16777216']) assert.ok(everything.test(n), n);
    assert.ok(!everything.test('-1'));
    assert.ok(!everything.test(''));
    assert.ok(new RegExp(greaterThanRegex(1e21)).test('1000000000000000000001'));
    assert.ok(!new RegExp(greaterThanRegex(1e21)).test('1000000000000000000000'));
  });
});
