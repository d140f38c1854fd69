import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Template } from 'aws-cdk-lib/assertions';
import {
  LOAD_BALANCER_CONTROLLER_CHART,
  LOAD_BALANCER_CONTROLLER_DESCRIBE_ACTIONS,
  LoadBalancerController,
} from '../../src/aws/edge/index.js';
import { bareStack, importedCluster, onlyResource, REGION, type Properties } from './part-helper.js';

describe('AWS Load Balancer Controller in a bare stack', () => {
  const { stack, vpc } = bareStack();
  const targetGroup = new elbv2.ApplicationTargetGroup(stack, 'Targets', {
    vpc,
    port: 8080,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targetType: elbv2.TargetType.IP,
  });
  const firstThing = new iam.Role(stack, 'FirstThing', { assumedBy: new iam.AccountRootPrincipal() });
  // GIVEN a cluster, a target group and what must exist first; WHEN the controller is added
  new LoadBalancerController(stack, 'Controller', {
    name: 'demo',
    cluster: importedCluster(stack),
    clusterName: 'demo',
    vpcId: vpc.vpcId,
    names: {
      namespace: 'lb-controller',
      release: 'lb-controller',
      labels: {},
      serviceAccount: 'lb-controller',
      webhookPort: 9443,
    },
    chartRepository: 'https://istio-release.storage.googleapis.com/charts',
    imageRegistry: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/mirror',
    targetGroups: [targetGroup],
    after: [firstThing],
  });
  const template = Template.fromStack(stack);
  const chart = onlyResource(template, 'Custom::AWSCDK-EKS-HelmChart');
  const values = JSON.parse(
    (chart.Values['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? p : '<token>')).join(''),
  ) as Properties;

  it('may describe anything but register targets only in the given target groups', () => {
    const statements = onlyResource(template, 'AWS::IAM::ManagedPolicy').PolicyDocument
      .Statement as Properties[];
    assert.deepEqual(statements.find((s) => s.Sid === 'DescribeLoadBalancing')!.Action, [
      ...LOAD_BALANCER_CONTROLLER_DESCRIBE_ACTIONS,
    ]);
    const register = statements.find((s) => s.Sid === 'RegisterIngressGatewayTargets')!;
    assert.deepEqual(register.Resource, { Ref: stack.getLogicalId(targetGroup.node.defaultChild as never) });
  });

  it('installs the pinned chart upstream, with the image from the given registry, waiting for its dependencies', () => {
    assert.equal(chart.Repository, LOAD_BALANCER_CONTROLLER_CHART.repository);
    assert.equal(chart.Version, LOAD_BALANCER_CONTROLLER_CHART.version);
    assert.equal(chart.Release, 'lb-controller');
    assert.equal(chart.Namespace, 'lb-controller');
    assert.deepEqual(values.image, {
      repository: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/mirror/${LOAD_BALANCER_CONTROLLER_CHART.image}`,
      tag: LOAD_BALANCER_CONTROLLER_CHART.imageTag,
    });
    assert.equal(values.clusterName, 'demo');
    assert.equal(values.region, REGION);
    assert.equal(values.webhookBindPort, 9443);
    assert.equal(values.vpcId, '<token>');
    const [chartId] = Object.keys(template.findResources('Custom::AWSCDK-EKS-HelmChart'));
    const dependsOn = template.toJSON().Resources[chartId!].DependsOn as string[];
    assert.ok(dependsOn.includes(stack.getLogicalId(firstThing.node.defaultChild as never)));
  });

  it('associates its role with its own service account', () => {
    template.hasResourceProperties('AWS::EKS::PodIdentityAssociation', {
      ClusterName: 'demo',
      Namespace: 'lb-controller',
      ServiceAccount: 'lb-controller',
    });
  });
});
