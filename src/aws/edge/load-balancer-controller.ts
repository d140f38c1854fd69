/**
 * The AWS Load Balancer Controller, installed only to fill the ALB's target group: it watches the ingress
 * gateway's endpoints through the `TargetGroupBinding` in the `edge` chart and registers the gateway's pod IPs.
 *
 * The stack creates the load balancer, its listeners and its security group itself (from the flow spec), so the
 * controller gets none of the rights it would need to create or change them: its Pod Identity role may describe
 * load balancing and network resources (those actions take no narrower resource) and register or deregister
 * targets in the ingress target groups (REST and gRPC). Creating load balancers from Ingresses or Services is switched off as well
 * (no IngressClass, no class annotation, no Service controller, no Service mutating webhook), so a stray Ingress
 * fails visibly instead of trying.
 *
 * It runs in its own namespace under the restricted Pod Security profile and default-deny NetworkPolicies (the
 * flow spec's `lb-controller` component opens its API, AWS API, credential, DNS and webhook paths). Region and VPC
 * are passed explicitly: the pods cannot reach the instance metadata service (hop limit 1), which is where the
 * controller would otherwise look them up.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { LABEL_NODE_ROLE } from '../../contract/keys.js';
import type { WorkloadNames } from '../../flows/index.js';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../../k8s/pod-security.js';
import { acknowledgeNag } from '../nag.js';
import { PodIdentityRole } from '../pod-identity-role.js';
import { chartSource } from '../workload.js';

/** The controller's Helm chart (eks-charts) and image, pinned together. */
export const LOAD_BALANCER_CONTROLLER_CHART = {
  repository: 'https://aws.github.io/eks-charts',
  chart: 'aws-load-balancer-controller',
  version: '3.5.0',
  image: 'eks/aws-load-balancer-controller',
  imageTag: 'v3.5.0',
  upstreamRegistry: 'public.ecr.aws',
} as const;

/** The controller runs as `nobody`, the group its chart gives the pod's volumes (fsGroup 65534). */
const CONTROLLER_USER_ID = 65534;

/** Read-only calls the controller makes while reconciling IP targets; none supports a narrower resource. */
export const LOAD_BALANCER_CONTROLLER_DESCRIBE_ACTIONS = [
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetGroupAttributes',
  'elasticloadbalancing:DescribeTargetHealth',
  'elasticloadbalancing:DescribeTags',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeListeners',
  'ec2:DescribeVpcs',
  'ec2:DescribeSubnets',
  'ec2:DescribeAvailabilityZones',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeInstances',
  'ec2:DescribeTags',
] as const;

export interface LoadBalancerControllerProps {
  /** Names the controller in its role's description (the blueprint name). */
  readonly name: string;
  /** The cluster the chart is installed in. */
  readonly cluster: eks.ICluster;
  /** The cluster's name as a literal (Pod Identity trust and the chart's values need it before deployment). */
  readonly clusterName: string;
  /** The VPC the controller works in, passed explicitly: the pods cannot reach instance metadata. */
  readonly vpcId: string;
  /** The controller's namespace, service account, Helm release and webhook port. */
  readonly names: WorkloadNames['loadBalancerController'];
  /** Where charts come from when it is an OCI mirror (see chartSource). */
  readonly chartRepository: string;
  /** Registry of the controller's image: `public.ecr.aws` or the ECR mirror. */
  readonly imageRegistry: string;
  /** The ALB target groups the controller fills (the bindings name them). */
  readonly targetGroups: readonly elbv2.ITargetGroup[];
  /** What must exist first: the namespace and its NetworkPolicies, the node groups. */
  readonly after: readonly Construct[];
}

export class LoadBalancerController extends Construct {
  readonly role: PodIdentityRole;
  readonly chart: eks.HelmChart;

  constructor(scope: Construct, id: string, props: LoadBalancerControllerProps) {
    super(scope, id);
    const names = props.names;
    const cluster = props.cluster;

    this.role = new PodIdentityRole(this, 'Identity', {
      clusterName: cluster.clusterName,
      clusterNameLiteral: props.clusterName,
      namespace: names.namespace,
      serviceAccount: names.serviceAccount,
      description: `AWS Load Balancer Controller (${props.name}): registers the ingress gateway pods in the ALB target group`,
    });
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description:
        'AWS Load Balancer Controller: describe, and register targets in the ingress target group only',
      roles: [this.role.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'DescribeLoadBalancing',
          actions: [...LOAD_BALANCER_CONTROLLER_DESCRIBE_ACTIONS],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'RegisterIngressGatewayTargets',
          actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
          resources: props.targetGroups.map((g) => g.targetGroupArn),
        }),
      ],
    });
    acknowledgeNag(
      policy,
      'AwsSolutions-IAM5',
      'Describe calls of Elastic Load Balancing and EC2 accept no resource narrower than *; they read configuration only. Writes are limited to the ingress target groups.',
      'Resource::*',
    );

    this.chart = cluster.addHelmChart('AwsLoadBalancerController', {
      ...chartSource(
        props.chartRepository,
        LOAD_BALANCER_CONTROLLER_CHART.chart,
        LOAD_BALANCER_CONTROLLER_CHART.repository,
      ),
      version: LOAD_BALANCER_CONTROLLER_CHART.version,
      release: names.release,
      namespace: names.namespace,
      createNamespace: false,
      wait: true,
      timeout: Duration.minutes(10),
      values: {
        clusterName: props.clusterName,
        region: Stack.of(this).region,
        vpcId: props.vpcId,
        replicaCount: 2,
        image: {
          repository: `${props.imageRegistry}/${LOAD_BALANCER_CONTROLLER_CHART.image}`,
          tag: LOAD_BALANCER_CONTROLLER_CHART.imageTag,
        },
        serviceAccount: { create: true, name: names.serviceAccount },
        podSecurityContext: restrictedPodSecurityContext(CONTROLLER_USER_ID),
        securityContext: restrictedContainerSecurityContext(CONTROLLER_USER_ID),
        nodeSelector: { [LABEL_NODE_ROLE]: 'system' },
        podDisruptionBudget: { maxUnavailable: 1 },
        resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        webhookBindPort: names.webhookPort,
        // The webhook certificate is generated at install; keeping it avoids a new CA on every upgrade.
        keepTLSSecret: true,
        createIngressClassResource: false,
        ingressClassParams: { create: false },
        disableIngressClassAnnotation: true,
        enableServiceMutatorWebhook: false,
        enableShield: false,
        enableWaf: false,
        enableWafv2: false,
        controllerConfig: { featureGates: { EnableServiceController: false } },
      },
    });
    for (const dep of props.after) this.chart.node.addDependency(dep);
    if (this.role.association) this.chart.node.addDependency(this.role.association);
    this.chart.node.addDependency(policy);
  }
}
