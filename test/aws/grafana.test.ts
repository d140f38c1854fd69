/**
 * Grafana's AWS side in the synthesized template: its Pod Identity role may make exactly the reads the
 * provisioned dashboards make (derived here from the dashboards themselves), on exactly the log groups they
 * query; the interface endpoints admit those reads for that role; every GuardDuty finding lands in an encrypted
 * log group through an EventBridge rule; Prometheus' sidecar guards the port Grafana queries.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GRAFANA_ACTIONS } from '../../src/aws/grafana.js';
import { deriveFlowSpec, grafanaNames } from '../../src/flows/index.js';
import { renderCharts } from '../../src/k8s/index.js';
import { logicalIdAt, resourcesOf, synth, type CfnResource, type CfnTemplate } from './synth-helper.js';

type Json = Record<string, unknown>;
interface Statement {
  Sid?: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Json;
}

const actions = (s: Statement) => [s.Action].flat();
const statementsOf = (r: CfnResource, path: string) =>
  ((r.Properties as Json)[path] as { Statement: Statement[] }).Statement;

/** The CloudWatch reads and the log group names the dashboards of a blueprint's manifests make. */
function dashboardReads(input: Record<string, unknown>) {
  const { blueprint } = synth(input);
  const objects = renderCharts(blueprint, deriveFlowSpec(blueprint)).flatMap((c) => c.objects) as Json[];
  const targets = objects
    .filter((o) => o.kind === 'ConfigMap')
    .flatMap((o) => Object.entries((o.data ?? {}) as Record<string, string>))
    .filter(([k]) => k.endsWith('.json'))
    .flatMap(([, text]) =>
      (JSON.parse(text) as { panels: { targets: Json[] }[] }).panels.flatMap((p) => p.targets),
    )
    .filter((t) => (t.datasource as Json | undefined)?.type === 'cloudwatch');
  const needed = new Set<string>();
  const groups = new Set<string>();
  for (const t of targets) {
    if (t.queryMode === 'Metrics') needed.add('cloudwatch:GetMetricData');
    if (t.queryMode === 'Logs') {
      for (const a of ['logs:StartQuery', 'logs:GetQueryResults', 'logs:StopQuery']) needed.add(a);
      for (const g of t.logGroups as { arn: string }[]) groups.add(g.arn.split(':log-group:')[1]!);
    }
  }
  return { needed, groups, targets };
}

/** A Helm release's values (a JSON text joined with the template's references). */
function valuesOf(chart: CfnResource): Json {
  const values = chart.Properties!.Values as { 'Fn::Join': [string, unknown[]] } | string;
  if (typeof values === 'string') return JSON.parse(values) as Json;
  const text = values['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'ref')).join('');
  return JSON.parse(text) as Json;
}

/** The log group name a template reference (`Fn::GetAtt [LogGroup, Arn]`) points at. */
function groupNameOf(json: CfnTemplate, ref: unknown): string {
  const id = ((ref as Json)['Fn::GetAtt'] as string[])[0]!;
  return json.Resources[id]!.Properties!.LogGroupName as string;
}

describe('Grafana on the AWS side', () => {
  const ALB = {
    exposure: 'alb',
    edge: {
      domainName: 'vectors.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc',
    },
  };
  const { json, blueprint } = synth(ALB);
  const names = grafanaNames(blueprint);
  const roleId = logicalIdAt(json, 'Grafana/Identity/Role/Resource');
  const policies = resourcesOf(json, 'AWS::IAM::ManagedPolicy').filter(([, r]) =>
    String(JSON.stringify(r.Properties?.Roles)).includes(roleId),
  );

  it('gives the Pod Identity role exactly the actions the dashboards call, StartQuery on exactly the groups they query', () => {
    const reads = dashboardReads(ALB);
    assert.ok(reads.targets.length > 0);
    assert.deepEqual(reads.needed, new Set([...GRAFANA_ACTIONS.monitoring, ...GRAFANA_ACTIONS.logs]));
    assert.equal(policies.length, 1);
    const statements = statementsOf(policies[0]![1], 'PolicyDocument');
    assert.deepEqual(new Set(statements.flatMap(actions)), reads.needed);
    const start = statements.filter((s) => actions(s).includes('logs:StartQuery'));
    assert.equal(start.length, 1);
    assert.deepEqual(actions(start[0]!), ['logs:StartQuery']);
    const queried = [start[0]!.Resource].flat().map((r) => groupNameOf(json, r));
    assert.deepEqual(new Set(queried), reads.groups);
    assert.deepEqual(reads.groups, new Set([names.logGroups.flowLogs, names.logGroups.guardDutyFindings]));
    for (const s of statements.filter((x) => x.Resource === '*'))
      assert.ok(
        actions(s).every((a) =>
          ['cloudwatch:GetMetricData', 'logs:GetQueryResults', 'logs:StopQuery'].includes(a),
        ),
        `${String(s.Sid)}: only actions that take no resource may name *`,
      );
  });

  it('queries the VPC flow log group the network writes (the dashboard and the template name the same group)', () => {
    const flowLog = resourcesOf(json, 'AWS::EC2::FlowLog')[0]![1];
    const group = (flowLog.Properties!.LogGroupName as Json).Ref as string;
    assert.equal(json.Resources[group]!.Properties!.LogGroupName, names.logGroups.flowLogs);
  });

  it("trusts only Grafana's service account, through Pod Identity", () => {
    const role = json.Resources[roleId]!;
    const conditions = JSON.stringify((role.Properties!.AssumeRolePolicyDocument as Json).Statement);
    assert.match(conditions, /"aws:RequestTag\/kubernetes-namespace":"monitoring"/);
    assert.match(conditions, /"aws:RequestTag\/kubernetes-service-account":"grafana"/);
    const association = resourcesOf(json, 'AWS::EKS::PodIdentityAssociation').filter(
      ([, r]) => r.Properties?.ServiceAccount === 'grafana',
    );
    assert.equal(association.length, 1);
    assert.equal(association[0]![1].Properties!.Namespace, names.namespace);
  });

  it('lets the logs and monitoring endpoints admit those reads for that role only', () => {
    for (const [service, wanted] of Object.entries(GRAFANA_ACTIONS)) {
      const endpoint = resourcesOf(json, 'AWS::EC2::VPCEndpoint').find(([, r]) =>
        JSON.stringify(r.Properties?.ServiceName).includes(`.${service}"`),
      );
      assert.ok(endpoint, service);
      const statement = statementsOf(endpoint[1], 'PolicyDocument').find((s) => s.Sid === 'GrafanaReads');
      assert.ok(statement, `${service}: no GrafanaReads statement`);
      assert.deepEqual(actions(statement).sort(), [...wanted].sort());
      assert.deepEqual(statement.Principal, { AWS: { 'Fn::GetAtt': [roleId, 'Arn'] } });
    }
  });

  it('writes every GuardDuty finding to an encrypted, retained log group through EventBridge', () => {
    const groupId = logicalIdAt(json, 'Grafana/GuardDutyFindings/Resource');
    const group = json.Resources[groupId]!.Properties!;
    assert.equal(group.LogGroupName, names.logGroups.guardDutyFindings);
    assert.ok(group.KmsKeyId, 'encrypted with the logs key');
    assert.equal(group.RetentionInDays, blueprint.detection.cloudTrail.logRetentionDays);
    const ruleId = logicalIdAt(json, 'Grafana/GuardDutyFindingsRule/Resource');
    const rule = json.Resources[ruleId]!.Properties!;
    assert.deepEqual(rule.EventPattern, { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] });
    assert.match(JSON.stringify(rule.Targets), /log-group:\/vectorfort\/weaviate\/guardduty-findings"/);
    const delivery = resourcesOf(json, 'AWS::Logs::ResourcePolicy').find(([, r]) =>
      JSON.stringify(r.Properties).includes('EventBridgeWritesFindings'),
    );
    assert.ok(delivery);
    const doc = JSON.parse(JSON.stringify(delivery[1].Properties!.PolicyDocument)) as unknown;
    assert.match(JSON.stringify(doc), /events\.amazonaws\.com/);
    assert.match(JSON.stringify(doc), /aws:SourceArn.*:rule\/vectorfort-weaviate-guardduty-findings/);
    assert.equal(rule.Name, 'vectorfort-weaviate-guardduty-findings');
  });

  it("has Prometheus' sidecar intercept the port Grafana queries, and nothing else inbound", () => {
    const kps = resourcesOf(json, 'Custom::AWSCDK-EKS-HelmChart').find(
      ([, r]) => r.Properties?.Chart === 'kube-prometheus-stack',
    )!;
    const values = valuesOf(kps[1]);
    const podMetadata = ((values.prometheus as Json).prometheusSpec as Json).podMetadata as Json;
    assert.equal((podMetadata.annotations as Json)['traffic.sidecar.istio.io/includeInboundPorts'], '9090');
    assert.deepEqual(
      values.grafana,
      { enabled: false },
      'the sub-chart stays off: Grafana is rendered by us',
    );
    const off = synth({ monitoring: { grafana: { enabled: false } } }).json;
    const kpsOff = resourcesOf(off, 'Custom::AWSCDK-EKS-HelmChart').find(
      ([, r]) => r.Properties?.Chart === 'kube-prometheus-stack',
    )!;
    const offValues = valuesOf(kpsOff[1]);
    const offMeta = ((offValues.prometheus as Json).prometheusSpec as Json).podMetadata as Json;
    assert.equal((offMeta.annotations as Json)['traffic.sidecar.istio.io/includeInboundPorts'], '');
    assert.ok(
      !Object.values(off.Resources).some((r) => String(r.Metadata?.['aws:cdk:path']).includes('/Grafana/')),
    );
  });
});
