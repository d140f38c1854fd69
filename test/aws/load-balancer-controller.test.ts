import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  LOAD_BALANCER_CONTROLLER_CHART,
  LOAD_BALANCER_CONTROLLER_DESCRIBE_ACTIONS,
} from '../../src/aws/edge/index.js';
import { deriveFlowSpec } from '../../src/flows/index.js';
import { renderCharts } from '../../src/k8s/index.js';
import { resourcesOf, synth, type CfnResource, type CfnTemplate } from './synth-helper.js';

const example = (name: string) =>
  parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation properties are free-form
const props = (r: CfnResource) => r.Properties as Record<string, any>;
const helmChart = (json: CfnTemplate, release: string) =>
  resourcesOf(json, 'Custom::AWSCDK-EKS-HelmChart').find(([, r]) => props(r).Release === release);
const manifestResource = (json: CfnTemplate, chart: string) =>
  resourcesOf(json, 'Custom::AWSCDK-EKS-KubernetesResource').find(([id]) =>
    id.startsWith(`EksClustermanifestManifest${chart}`),
  );
/** Helm values with CloudFormation tokens (`Fn::Join` parts) replaced by a marker naming what they reference. */
function helmValues(r: CfnResource): Record<string, unknown> {
  const values = props(r).Values as string | { 'Fn::Join': [string, unknown[]] };
  if (typeof values === 'string') return JSON.parse(values) as Record<string, unknown>;
  const text = values['Fn::Join'][1]
    .map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/"/g, "'")}>`))
    .join('');
  return JSON.parse(text) as Record<string, unknown>;
}
type Applied = Record<string, unknown> & {
  metadata: { labels?: Record<string, string> } & Record<string, unknown>;
};
const withoutPruneLabels = (o: Applied): Applied => {
  const labels = Object.fromEntries(
    Object.entries(o.metadata.labels ?? {}).filter(([k]) => !k.startsWith('aws.cdk.eks/prune-')),
  );
  return { ...o, metadata: { ...o.metadata, labels } };
};

describe('AWS Load Balancer Controller (exposure alb)', () => {
  const { json, blueprint } = synth(example('public-alb.yaml'));
  const [chartId, chart] = helmChart(json, 'aws-load-balancer-controller')!;
  const values = helmValues(chart);
  const targetGroups = resourcesOf(json, 'AWS::ElasticLoadBalancingV2::TargetGroup');
  const [targetGroupId, targetGroup] = targetGroups.find(
    ([, r]) => props(r).Name === `${blueprint.name}-https`,
  )!;
  const [grpcTargetGroupId, grpcTargetGroup] = targetGroups.find(
    ([, r]) => props(r).Name === `${blueprint.name}-grpcs`,
  )!;

  it('installs the pinned chart into its own namespace, waiting for it to be ready', () => {
    assert.equal(props(chart).Chart, LOAD_BALANCER_CONTROLLER_CHART.chart);
    assert.equal(props(chart).Version, LOAD_BALANCER_CONTROLLER_CHART.version);
    assert.equal(props(chart).Repository, LOAD_BALANCER_CONTROLLER_CHART.repository);
    assert.equal(props(chart).Namespace, 'aws-load-balancer-controller');
    assert.equal(props(chart).Wait, true);
    assert.equal(props(chart).CreateNamespace, undefined, 'the namespaces chart creates it, labelled');
    assert.deepEqual(values.image, {
      repository:
        '111111111111.dkr.ecr.us-east-1.amazonaws.com/vectorfort-mirror/eks/aws-load-balancer-controller',
      tag: LOAD_BALANCER_CONTROLLER_CHART.imageTag,
    });
  });

  it('passes region and VPC explicitly (pods cannot reach instance metadata)', () => {
    assert.equal(values.clusterName, blueprint.name);
    assert.equal(values.region, 'us-east-1');
    assert.equal(values.vpcId, "<{'Ref':'NetworkVpc7FB7348F'}>");
  });

  it('runs under the restricted profile', () => {
    assert.deepEqual(values.podSecurityContext, {
      runAsNonRoot: true,
      runAsUser: 65534,
      runAsGroup: 65534,
      fsGroup: 65534,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    assert.deepEqual(values.securityContext, {
      runAsNonRoot: true,
      runAsUser: 65534,
      runAsGroup: 65534,
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it('switches off everything that would create load balancers', () => {
    assert.equal(values.createIngressClassResource, false);
    assert.deepEqual(values.ingressClassParams, { create: false });
    assert.equal(values.disableIngressClassAnnotation, true);
    assert.equal(values.enableServiceMutatorWebhook, false);
    assert.deepEqual(values.controllerConfig, { featureGates: { EnableServiceController: false } });
  });

  it('listens for webhooks on the port the flow spec opens', () => {
    const spec = deriveFlowSpec(blueprint);
    const webhook = spec.flows.find((f) => f.id === 'eks-api-to-lb-controller-webhook')!;
    assert.equal(values.webhookBindPort, webhook.port);
  });

  it('may register targets in the ingress target groups only, and change nothing else', () => {
    const [, policy] = resourcesOf(json, 'AWS::IAM::ManagedPolicy').find(([id]) =>
      id.startsWith('EdgeLoadBalancerControllerPolicy'),
    )!;
    const statements = props(policy).PolicyDocument.Statement as {
      Action: string[];
      Resource: unknown;
      Effect: string;
    }[];
    assert.deepEqual(
      statements.map((s) => [s.Effect, s.Resource]),
      [
        ['Allow', '*'],
        ['Allow', [{ Ref: targetGroupId }, { Ref: grpcTargetGroupId }]],
      ],
    );
    assert.deepEqual(statements[0]!.Action, [...LOAD_BALANCER_CONTROLLER_DESCRIBE_ACTIONS].sort());
    assert.ok(statements[0]!.Action.every((a) => /^(ec2|elasticloadbalancing):Describe/.test(a)));
    assert.deepEqual(statements[1]!.Action, [
      'elasticloadbalancing:DeregisterTargets',
      'elasticloadbalancing:RegisterTargets',
    ]);
    assert.deepEqual(props(policy).Roles, [{ Ref: policyRoleId(json) }]);
  });

  it('gets its credentials through Pod Identity, bound to its namespace and service account', () => {
    const [, association] = resourcesOf(json, 'AWS::EKS::PodIdentityAssociation').find(
      ([, r]) => props(r).Namespace === 'aws-load-balancer-controller',
    )!;
    assert.equal(props(association).ServiceAccount, 'aws-load-balancer-controller');
    assert.deepEqual(props(association).RoleArn, { 'Fn::GetAtt': [policyRoleId(json), 'Arn'] });
    const trust = props(json.Resources[policyRoleId(json)]!).AssumeRolePolicyDocument.Statement[0];
    assert.equal(
      trust.Condition.StringEquals['aws:RequestTag/kubernetes-namespace'],
      'aws-load-balancer-controller',
    );
    assert.equal(
      trust.Condition.StringEquals['aws:RequestTag/kubernetes-service-account'],
      'aws-load-balancer-controller',
    );
  });

  it('names the target groups the bindings name, and applies exactly the rendered bindings', () => {
    assert.equal(props(targetGroup).TargetType, 'ip');
    assert.equal(props(grpcTargetGroup).TargetType, 'ip');
    const [, manifest] = manifestResource(json, 'edge')!;
    const applied = (JSON.parse(props(manifest).Manifest as string) as Applied[]).map(withoutPruneLabels);
    const rendered = renderCharts(blueprint, deriveFlowSpec(blueprint)).find((c) => c.name === 'edge')!;
    assert.deepEqual(applied, rendered.objects);
    assert.deepEqual(
      applied.map((o) => (o.spec as { targetGroupName: string }).targetGroupName),
      [props(targetGroup).Name, props(grpcTargetGroup).Name],
    );
  });

  it('orders the rollout: namespace and policies, then the controller, then the binding', () => {
    const deps = (r: CfnResource) => new Set(r.DependsOn ?? []);
    const [namespacesId] = manifestResource(json, 'namespaces')!;
    const [policiesId] = manifestResource(json, 'networkpolicies')!;
    const [gatewayId] = helmChart(json, 'ingress-gateway')!;
    const [, binding] = manifestResource(json, 'edge')!;
    for (const id of [namespacesId, policiesId]) assert.ok(deps(chart).has(id), `controller after ${id}`);
    for (const id of [chartId, gatewayId, targetGroupId, grpcTargetGroupId])
      assert.ok(deps(binding).has(id), `binding after ${id}`);
  });

  it('lets the control plane reach the webhook through the system nodes only', () => {
    const rules = [
      ...resourcesOf(json, 'AWS::EC2::SecurityGroupIngress'),
      ...resourcesOf(json, 'AWS::EC2::SecurityGroupEgress'),
    ].filter(([, r]) => props(r).FromPort === 9443);
    assert.deepEqual(rules.map(([, r]) => props(r).Description).sort(), [
      'flows: eks-api-to-lb-controller-webhook',
      'flows: eks-api-to-lb-controller-webhook',
    ]);
    for (const [, r] of rules) {
      const peers = JSON.stringify([
        props(r).GroupId,
        props(r).SourceSecurityGroupId,
        props(r).DestinationSecurityGroupId,
      ]);
      assert.match(peers, /NodesSystem/);
      assert.match(peers, /EksApi/);
    }
  });
});

describe('AWS Load Balancer Controller (private default)', () => {
  const { json } = synth();
  it('is not installed and nothing is bound', () => {
    assert.equal(helmChart(json, 'aws-load-balancer-controller'), undefined);
    assert.equal(manifestResource(json, 'edge'), undefined);
    assert.equal(resourcesOf(json, 'AWS::ElasticLoadBalancingV2::TargetGroup').length, 0);
    assert.equal(
      resourcesOf(json, 'AWS::EKS::PodIdentityAssociation').some(
        ([, r]) => props(r).Namespace === 'aws-load-balancer-controller',
      ),
      false,
    );
  });
});

function policyRoleId(json: CfnTemplate): string {
  const [id] = resourcesOf(json, 'AWS::IAM::Role').find(([id]) =>
    id.startsWith('EdgeLoadBalancerControllerIdentityRole'),
  )!;
  return id;
}
