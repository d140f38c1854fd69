/**
 * Container and node logs in the synthesized template: the pinned aws-for-fluent-bit release in its own
 * namespace, writing Weaviate's, the other containers' and the nodes' logs to three log groups it may only
 * write to, each encrypted with the logs key (whose policy admits CloudWatch Logs for exactly that group) and
 * kept for the preset's retention; Fluent Bit never creates a group itself and runs without host networking,
 * privilege escalation or capabilities.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FLUENT_BIT_CHART } from '../../src/aws/log-collection.js';
import { logicalIdAt, resourcesOf, synth, type CfnResource } from './synth-helper.js';

type Json = Record<string, unknown>;

const GROUPS = {
  containers: '/vectorfort/weaviate/containers',
  weaviate: '/vectorfort/weaviate/weaviate',
  nodes: '/vectorfort/weaviate/nodes',
};

/** The `[SECTION]` blocks of Fluent Bit configuration text, each as its key/value lines. */
function sections(text: string): { kind: string; entries: [string, string][] }[] {
  return text
    .split(/^\[/m)
    .filter((s) => s.trim() !== '')
    .map((block) => {
      const [head, ...lines] = block.split('\n');
      return {
        kind: head!.replace(']', ''),
        entries: lines
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => {
            const [key, ...rest] = l.split(/\s+/);
            return [key!, rest.join(' ')] as [string, string];
          }),
      };
    });
}

describe('log collection (aws-for-fluent-bit)', () => {
  const { json } = synth();
  const charts = resourcesOf(json, 'Custom::AWSCDK-EKS-HelmChart').filter(
    ([, r]) => r.Properties?.Chart === FLUENT_BIT_CHART.chart,
  );
  assert.equal(charts.length, 1);
  const [chartId, chart] = charts[0]!;
  const values = JSON.parse(chart.Properties!.Values as string) as Json;

  it('installs the pinned chart into the logging namespace after the namespace, its policies, the groups and the identity', () => {
    assert.equal(chart.Properties!.Version, '0.2.0');
    assert.equal(chart.Properties!.Repository, 'https://aws.github.io/eks-charts');
    assert.equal(chart.Properties!.Namespace, 'logging');
    assert.equal(chart.Properties!.Release, 'fluent-bit');
    const after = chart.DependsOn ?? [];
    for (const suffix of [
      'manifest-Manifest-namespaces/Resource/Default',
      'manifest-Manifest-network-policies/Resource/Default',
      'LogCollection/Identity/Association',
      'LogCollection/ContainerLogs/Resource',
      'LogCollection/WeaviateLogs/Resource',
      'LogCollection/NodeLogs/Resource',
    ])
      assert.ok(after.includes(logicalIdAt(json, suffix)), `${chartId} waits for ${suffix}`);
  });

  it('creates the three log groups encrypted with the logs key, kept a year, and admits CloudWatch Logs to the key for each', () => {
    const groups = resourcesOf(json, 'AWS::Logs::LogGroup').filter(([, r]) =>
      Object.values(GROUPS).includes(r.Properties?.LogGroupName as string),
    );
    assert.equal(groups.length, 3);
    const logsKey = logicalIdAt(json, 'vectorfort-weaviate/Keys/Logs/Resource');
    for (const [, group] of groups) {
      assert.deepEqual(group.Properties!.KmsKeyId, { 'Fn::GetAtt': [logsKey, 'Arn'] });
      assert.equal(group.Properties!.RetentionInDays, 365);
    }
    const keyPolicy = JSON.stringify(json.Resources[logsKey]!.Properties!.KeyPolicy);
    for (const name of Object.values(GROUPS)) assert.ok(keyPolicy.includes(`:log-group:${name}`), name);
  });

  it("lets Fluent Bit's Pod Identity role create streams in and write to those groups and nothing else", () => {
    const role = logicalIdAt(json, 'LogCollection/Identity/Role/Resource');
    const trust = JSON.stringify(json.Resources[role]!.Properties!.AssumeRolePolicyDocument);
    assert.match(trust, /"aws:RequestTag\/kubernetes-namespace":"logging"/);
    assert.match(trust, /"aws:RequestTag\/kubernetes-service-account":"fluent-bit"/);
    const policies = resourcesOf(json, 'AWS::IAM::ManagedPolicy').filter(([, p]) =>
      ((p.Properties!.Roles as unknown[]) ?? []).some((r) => JSON.stringify(r).includes(role)),
    );
    assert.equal(policies.length, 1);
    const statements = (policies[0]![1].Properties!.PolicyDocument as { Statement: Json[] }).Statement;
    assert.deepEqual(
      statements.map((s) => s.Action),
      [['logs:CreateLogStream', 'logs:PutLogEvents']],
    );
    const resources = statements[0]!.Resource as unknown[];
    assert.equal(resources.length, 3);
    for (const id of ['ContainerLogs', 'WeaviateLogs', 'NodeLogs'])
      assert.ok(
        resources.some((r) => JSON.stringify(r).includes(logicalIdAt(json, `LogCollection/${id}/Resource`))),
        id,
      );
    const association = json.Resources[logicalIdAt(json, 'LogCollection/Identity/Association')]!;
    assert.equal(association.Properties!.Namespace, 'logging');
    assert.equal(association.Properties!.ServiceAccount, 'fluent-bit');
  });

  it('runs Fluent Bit without host network, escalation or capabilities, reading the log directory read-only', () => {
    assert.equal(values.hostNetwork, false);
    assert.deepEqual(values.containerSecurityContext, {
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    assert.deepEqual((values.podSecurityContext as Json).seccompProfile, { type: 'RuntimeDefault' });
    const mounts = values.volumeMounts as { name: string; mountPath: string; readOnly?: boolean }[];
    assert.deepEqual(
      mounts.find((m) => m.mountPath === '/var/log'),
      {
        name: 'varlog',
        mountPath: '/var/log',
        readOnly: true,
      },
    );
    const volumes = values.volumes as { name: string; hostPath?: { path: string } }[];
    assert.deepEqual(
      volumes.filter((v) => v.hostPath).map((v) => v.hostPath!.path),
      ['/var/log', '/var/fluent-bit/state'],
    );
    assert.deepEqual(values.tolerations, [
      { key: 'dedicated', operator: 'Equal', value: 'weaviate', effect: 'NoSchedule' },
    ]);
    assert.equal(
      (values.image as Json).repository,
      '111111111111.dkr.ecr.us-east-1.amazonaws.com/vectorfort-mirror/aws-observability/aws-for-fluent-bit',
    );
  });

  it("sends Weaviate's containers, the other containers and the journal each to its own group, creating none", () => {
    const cloudWatchLogs = values.cloudWatchLogs as Json;
    assert.equal(cloudWatchLogs.match, 'kube.*');
    assert.equal(cloudWatchLogs.logGroupName, GROUPS.containers);
    assert.equal(cloudWatchLogs.autoCreateGroup, false);
    const input = values.input as Json;
    assert.equal(input.path, '/var/log/containers/*.log');
    assert.match(input.extraInputs as string, /^Exclude_Path\s+\/var\/log\/containers\/\*_weaviate_\*\.log$/);
    const inputs = sections(values.additionalInputs as string);
    assert.deepEqual(
      inputs.map((s) => [s.kind, Object.fromEntries(s.entries).Name, Object.fromEntries(s.entries).Tag]),
      [
        ['INPUT', 'tail', 'weaviate.*'],
        ['INPUT', 'systemd', 'node.*'],
      ],
    );
    assert.equal(Object.fromEntries(inputs[0]!.entries).Path, '/var/log/containers/*_weaviate_*.log');
    assert.deepEqual(
      inputs[1]!.entries.filter(([k]) => k === 'Systemd_Filter').map(([, v]) => v),
      ['_SYSTEMD_UNIT=kubelet.service', '_SYSTEMD_UNIT=containerd.service', '_TRANSPORT=kernel'],
    );
    const outputs = sections(values.additionalOutputs as string).map((s) => Object.fromEntries(s.entries));
    assert.deepEqual(
      outputs.map((o) => [o.Name, o.Match, o.log_group_name, o.auto_create_group]),
      [
        ['cloudwatch_logs', 'weaviate.*', GROUPS.weaviate, 'false'],
        ['cloudwatch_logs', 'node.*', GROUPS.nodes, 'false'],
      ],
    );
    for (const other of [
      'firehose',
      'kinesis',
      'kinesis_streams',
      'elasticsearch',
      's3',
      'opensearch',
      'cloudWatch',
    ])
      assert.equal((values[other] as Json).enabled, false, other);
  });

  it('never lets a pod exclude its own logs through an annotation', () => {
    assert.equal((values.filter as Json).k8sLoggingExclude, 'Off');
    const filters = sections(values.additionalFilters as string).map((s) => Object.fromEntries(s.entries));
    assert.equal(filters.length, 1);
    assert.equal(filters[0]!.Match, 'weaviate.*');
    assert.equal(filters[0]!['K8S-Logging.Exclude'], 'Off');
    assert.equal(filters[0]!.Kube_Tag_Prefix, 'weaviate.var.log.containers.');
  });

  it('keeps no collector, log group or role when the blueprint turns collection off, and acknowledges it', () => {
    const off = synth({ logs: { collection: { enabled: false } } }).json;
    const names = resourcesOf(off, 'AWS::Logs::LogGroup').map(([, r]) => r.Properties?.LogGroupName);
    for (const name of Object.values(GROUPS)) assert.ok(!names.includes(name), name);
    assert.equal(
      resourcesOf(off, 'Custom::AWSCDK-EKS-HelmChart').filter(
        ([, r]) => r.Properties?.Chart === FLUENT_BIT_CHART.chart,
      ).length,
      0,
    );
    const clusterRes = Object.values(off.Resources).find((r: CfnResource) => r.Type === 'AWS::EKS::Cluster')!;
    assert.match(JSON.stringify(clusterRes.Metadata), /VF-DETECTION-007.*logs\.collection\.enabled: false/);
  });
});
