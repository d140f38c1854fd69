/**
 * CloudFront in front of a stack outside us-east-1 (examples/cloudfront-eu.yaml): the us-east-1 edge stack with
 * CloudFront's certificate and web ACL, the main stack's distribution reading their ARNs from it, the ALB's own
 * regional certificate, and the path of the edge alarm to the alert topic.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { MANAGED_RULE_GROUPS, REDACTED_HEADERS } from '../../src/aws/edge/index.js';
import { resourcesOf, synth, type CfnResource, type CfnTemplate } from './synth-helper.js';

const MAIN = 'vectorfort-weaviate-cdn-eu';
const EDGE = 'vectorfort-weaviate-cdn-eu-edge';
const example = parse(
  readFileSync(new URL('../../examples/cloudfront-eu.yaml', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const exampleEdge = example.edge as Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const props = (r: CfnResource) => r.Properties as Record<string, any>;
function one(json: CfnTemplate, type: string): [string, CfnResource] {
  const found = resourcesOf(json, type);
  assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
  return found[0]!;
}

/** Both templates of a synthesized blueprint, by stack name, and the assembly manifest's stack environments. */
function stacksOf(input: Record<string, unknown>) {
  const synthesized = synth(input);
  const templates = Object.fromEntries(
    synthesized.result.stacks.map((s) => [
      s.name,
      JSON.parse(readFileSync(s.templateFile, 'utf8')) as CfnTemplate,
    ]),
  );
  const manifest = JSON.parse(
    readFileSync(join(synthesized.result.assemblyDir, 'manifest.json'), 'utf8'),
  ) as {
    artifacts: Record<string, { type: string; environment?: string; dependencies?: string[] }>;
  };
  return { ...synthesized, templates, manifest };
}

const eu = stacksOf(example);
const main = eu.templates[MAIN]!;
const edge = eu.templates[EDGE]!;

/** The output of the edge stack that a `Fn::GetStackOutput` in the main stack reads. */
function edgeOutputOf(value: unknown): unknown {
  const spec = (value as { 'Fn::GetStackOutput'?: Record<string, string> })['Fn::GetStackOutput'];
  assert.ok(spec, `expected Fn::GetStackOutput, got ${JSON.stringify(value)}`);
  assert.equal(spec.StackName, EDGE);
  assert.equal(spec.Region, 'us-east-1');
  const outputs = (edge as { Outputs?: Record<string, { Value: unknown }> }).Outputs ?? {};
  assert.ok(outputs[spec.OutputName!], `the edge stack has the output ${spec.OutputName}`);
  return outputs[spec.OutputName!]!.Value;
}

describe('CloudFront outside us-east-1: two stacks', () => {
  it('synthesizes the main stack in eu-west-1 and the edge stack in us-east-1, the main one first', () => {
    assert.deepEqual(
      eu.result.stacks.map((s) => s.name),
      // The backup replica's companion stack (eu-central-1) is the third; test/aws/backup-replication.test.ts.
      [MAIN, `${MAIN}-backup-replica`, EDGE],
    );
    assert.equal(eu.manifest.artifacts[MAIN]!.environment, 'aws://111111111111/eu-west-1');
    assert.equal(eu.manifest.artifacts[EDGE]!.environment, 'aws://111111111111/us-east-1');
    assert.ok(
      eu.manifest.artifacts[MAIN]!.dependencies?.includes(EDGE),
      'the main stack deploys after the edge stack',
    );
    assert.equal(eu.result.edgeStack?.region, 'us-east-1');
    for (const s of eu.result.stacks)
      assert.equal(s.resourceCount, Object.keys(eu.templates[s.name]!.Resources).length, s.name);
  });

  it('keeps the flow spec on the main stack only, and tags both with the blueprint', () => {
    assert.ok(main.Metadata?.['vectorfort:flowSpec']);
    assert.equal(edge.Metadata?.['vectorfort:flowSpec'], undefined);
    const [, acl] = one(edge, 'AWS::WAFv2::WebACL');
    assert.ok(
      (props(acl).Tags as { Key: string; Value: string }[]).some(
        (t) => t.Key === 'vectorfort:blueprint' && t.Value === 'weaviate-cdn-eu',
      ),
    );
  });

  it('issues CloudFront’s DNS-validated certificate in the us-east-1 stack', () => {
    const [, cert] = one(edge, 'AWS::CertificateManager::Certificate');
    assert.equal(props(cert).DomainName, 'weaviate.example.com');
    assert.equal(props(cert).ValidationMethod, 'DNS');
    assert.equal(props(cert).DomainValidationOptions[0].HostedZoneId, exampleEdge.hostedZoneId);
  });

  it('puts the CLOUDFRONT-scope web ACL with the managed groups and the rate rule in the us-east-1 stack', () => {
    const [, acl] = one(edge, 'AWS::WAFv2::WebACL');
    assert.equal(props(acl).Scope, 'CLOUDFRONT');
    const rules = props(acl).Rules as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const managed = rules.map((r) => r.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean);
    for (const group of MANAGED_RULE_GROUPS) assert.ok(managed.includes(group), group);
    const rate = rules.find((r) => r.Name === 'RatePerClientIp')!;
    assert.deepEqual(rate.Action, { Block: {} });
    assert.equal(rate.Statement.RateBasedStatement.Limit, 5000);
    assert.ok(rules.some((r) => r.Name === 'MaxRequestSize'));
    assert.equal(resourcesOf(main, 'AWS::WAFv2::WebACL').length, 0, 'no web ACL in the main stack');
    assert.equal(resourcesOf(main, 'AWS::WAFv2::WebACLAssociation').length, 0);
  });

  it('logs the web ACL to a log group encrypted with a rotated us-east-1 key, Authorization redacted', () => {
    const [groupId, group] = one(edge, 'AWS::Logs::LogGroup');
    assert.equal(props(group).LogGroupName, 'aws-waf-logs-weaviate-cdn-eu-cloudfront');
    const [keyId, key] = one(edge, 'AWS::KMS::Key');
    assert.deepEqual(props(group).KmsKeyId, { 'Fn::GetAtt': [keyId, 'Arn'] });
    assert.equal(props(key).EnableKeyRotation, true);
    assert.equal(
      props(key).Description,
      `vectorfort ${EDGE}: CloudWatch log group of the CloudFront web ACL (WAF logs)`,
    );
    const statements = props(key).KeyPolicy.Statement as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const admin = statements.find((s) => s.Sid === 'AccountAdministration')!;
    assert.ok(!JSON.stringify(admin.Action).includes('kms:Decrypt'), 'the account principal cannot decrypt');
    const logs = statements.find((s) => JSON.stringify(s.Principal).includes('logs.us-east-1.amazonaws.com'));
    assert.ok(logs, 'CloudWatch Logs of us-east-1 may use the key');
    assert.match(JSON.stringify(logs.Condition), /aws-waf-logs-weaviate-cdn-eu-cloudfront/);
    const [, logging] = one(edge, 'AWS::WAFv2::LoggingConfiguration');
    assert.deepEqual(
      props(logging).RedactedFields,
      REDACTED_HEADERS.map((h) => ({ SingleHeader: { Name: h } })),
    );
    assert.ok(JSON.stringify(props(logging).LogDestinationConfigs).includes('aws-waf-logs-'), groupId);
  });

  it('points the distribution at the us-east-1 certificate and web ACL through stack outputs, not literals', () => {
    const [, distribution] = one(main, 'AWS::CloudFront::Distribution');
    const config = props(distribution).DistributionConfig;
    const [certId] = one(edge, 'AWS::CertificateManager::Certificate');
    const [aclId] = one(edge, 'AWS::WAFv2::WebACL');
    assert.deepEqual(edgeOutputOf(config.ViewerCertificate.AcmCertificateArn), { Ref: certId });
    assert.deepEqual(edgeOutputOf(config.WebACLId), { 'Fn::GetAtt': [aclId, 'Arn'] });
    assert.equal(config.ViewerCertificate.MinimumProtocolVersion, 'TLSv1.2_2021');
  });

  it('uses CDK’s native stack-output references: no export writer or reader custom resources to acknowledge', () => {
    for (const [name, template] of Object.entries(eu.templates))
      assert.deepEqual(
        Object.values(template.Resources)
          .map((r) => r.Type)
          .filter((t) => /CrossRegion/.test(t)),
        [],
        name,
      );
  });

  it('gives the ALB its own DNS-validated certificate in eu-west-1', () => {
    const [certId, cert] = one(main, 'AWS::CertificateManager::Certificate');
    assert.equal(props(cert).DomainName, 'weaviate.example.com');
    assert.equal(props(cert).ValidationMethod, 'DNS');
    const [, listener] = one(main, 'AWS::ElasticLoadBalancingV2::Listener');
    assert.equal(props(listener).Protocol, 'HTTPS');
    assert.deepEqual(props(listener).Certificates, [{ CertificateArn: { Ref: certId } }]);
  });

  it('forwards the blocked-spike alarm to the eu-west-1 bus, where it is routed to the alert topic', () => {
    const [alarmId, alarm] = one(edge, 'AWS::CloudWatch::Alarm');
    assert.equal(props(alarm).Namespace, 'AWS/WAFV2');
    assert.equal(props(alarm).AlarmActions, undefined, 'no action can reach a topic in another region');
    const [, forward] = one(edge, 'AWS::Events::Rule');
    const pattern = props(forward).EventPattern;
    assert.deepEqual(pattern.resources, [{ 'Fn::GetAtt': [alarmId, 'Arn'] }]);
    assert.deepEqual(pattern['detail-type'], ['CloudWatch Alarm State Change']);
    assert.deepEqual(pattern.detail, { state: { value: ['ALARM'] } });
    const target = props(forward).Targets[0];
    assert.equal(target.Arn, 'arn:aws:events:eu-west-1:111111111111:event-bus/default');
    const [roleId] = one(edge, 'AWS::IAM::Role');
    assert.deepEqual(target.RoleArn, { 'Fn::GetAtt': [roleId, 'Arn'] });
    const [, policy] = one(edge, 'AWS::IAM::Policy');
    assert.deepEqual(props(policy).PolicyDocument.Statement, [
      { Action: 'events:PutEvents', Effect: 'Allow', Resource: target.Arn },
    ]);

    const routed = resourcesOf(main, 'AWS::Events::Rule').filter(
      ([, r]) => props(r).EventPattern.source?.[0] === 'aws.cloudwatch',
    );
    assert.equal(routed.length, 1);
    const receiving = props(routed[0]![1]).EventPattern;
    assert.deepEqual(receiving.region, ['us-east-1']);
    assert.deepEqual(receiving.detail, { state: { value: ['ALARM'] } });
    // CloudFormation names an unnamed alarm `<stack name>-<logical id>-<suffix>`: the prefix covers this one.
    assert.deepEqual(receiving.resources, [
      { prefix: `arn:aws:cloudwatch:us-east-1:111111111111:alarm:${EDGE}-` },
    ]);
    const [topicId] = resourcesOf(main, 'AWS::SNS::Topic').find(
      ([, r]) => props(r).TopicName === 'weaviate-cdn-eu-security-events',
    )!;
    assert.deepEqual(props(routed[0]![1]).Targets, [{ Arn: { Ref: topicId }, Id: 'Target0' }]);
  });

  it('leaves no unacknowledged cdk-nag error in either stack', () => {
    assert.deepEqual(eu.result.nagErrors, []);
    const report = JSON.parse(readFileSync(eu.result.validationReportFile!, 'utf8')) as {
      pluginReports: { suppressedViolations?: { violatingConstructs?: { constructPath?: string }[] }[] }[];
    };
    const acknowledgedInEdge = report.pluginReports
      .flatMap((p) => p.suppressedViolations ?? [])
      .flatMap((v) => v.violatingConstructs ?? [])
      .filter((c) => c.constructPath?.startsWith(`${EDGE}/`));
    assert.ok(
      acknowledgedInEdge.length >= 2,
      'the edge stack is checked (its alarm and role are acknowledged)',
    );
  });
});

describe('CloudFront outside us-east-1: imported certificates, alerting off', () => {
  const imported = stacksOf({
    ...example,
    edge: {
      ...exampleEdge,
      hostedZoneId: undefined,
      hostedZoneName: undefined,
      certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/alb',
      cloudFrontCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/cloudfront',
    },
    detection: { alerting: { enabled: false } },
  });
  const importedMain = imported.templates[MAIN]!;
  const importedEdge = imported.templates[EDGE]!;

  it('uses cloudFrontCertificateArn for CloudFront and certificateArn for the ALB, issuing neither', () => {
    for (const t of [importedMain, importedEdge])
      assert.equal(resourcesOf(t, 'AWS::CertificateManager::Certificate').length, 0);
    const [, distribution] = one(importedMain, 'AWS::CloudFront::Distribution');
    assert.equal(
      props(distribution).DistributionConfig.ViewerCertificate.AcmCertificateArn,
      'arn:aws:acm:us-east-1:111111111111:certificate/cloudfront',
    );
    const [, listener] = one(importedMain, 'AWS::ElasticLoadBalancingV2::Listener');
    assert.deepEqual(props(listener).Certificates, [
      { CertificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/alb' },
    ]);
    assert.equal(resourcesOf(importedMain, 'AWS::Route53::RecordSet').length, 0);
  });

  it('forwards nothing without alerting, and still leaves no unacknowledged cdk-nag error', () => {
    assert.equal(resourcesOf(importedEdge, 'AWS::Events::Rule').length, 0);
    assert.equal(resourcesOf(importedEdge, 'AWS::CloudWatch::Alarm').length, 1);
    assert.deepEqual(imported.result.nagErrors, []);
  });
});

describe('CloudFront in us-east-1: one stack, as before', () => {
  const cloudfront = parse(
    readFileSync(new URL('../../examples/cloudfront.yaml', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  const { result, json } = synth(cloudfront);

  it('builds no edge stack: one certificate serves CloudFront and the ALB, the web ACL is in the stack', () => {
    assert.deepEqual(
      result.stacks.map((s) => s.name),
      // No edge stack; the backup replica's companion stack is the only other one.
      ['vectorfort-weaviate-cdn', 'vectorfort-weaviate-cdn-backup-replica'],
    );
    assert.equal(result.edgeStack, undefined);
    const [certId] = one(json, 'AWS::CertificateManager::Certificate');
    const [aclId] = one(json, 'AWS::WAFv2::WebACL');
    const [, distribution] = one(json, 'AWS::CloudFront::Distribution');
    const config = props(distribution).DistributionConfig;
    assert.deepEqual(config.ViewerCertificate.AcmCertificateArn, { Ref: certId });
    assert.deepEqual(config.WebACLId, { 'Fn::GetAtt': [aclId, 'Arn'] });
    const [, listener] = one(json, 'AWS::ElasticLoadBalancingV2::Listener');
    assert.deepEqual(props(listener).Certificates, [{ CertificateArn: { Ref: certId } }]);
  });
});
