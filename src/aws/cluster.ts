/**
 * The EKS cluster (aws-eks-v2, a native `AWS::EKS::Cluster`), private by default:
 *
 * - API endpoint private only; public access only with `allowPublicEndpoint` and a CIDR allow-list.
 * - Kubernetes secrets envelope-encrypted with the EKS key; all five control-plane log types, into a log group
 *   created here so it is KMS-encrypted and expires (EKS would otherwise create a plain one that never does).
 * - Authentication mode API (access entries, no aws-auth ConfigMap). The deploying principal gets no implicit
 *   cluster-admin (`bootstrapClusterCreatorAdminPermissions: false`): the only in-cluster identity the
 *   deployment has is the kubectl handler's role, which receives an access entry from the construct. Humans
 *   come in through `cluster.accessEntries` (and the admin roles a later construct adds).
 * - Control-plane network interfaces in the endpoints tier with the generated `eks-api` security group. EKS
 *   also attaches its own cluster security group to them (allowing traffic among its members and all egress);
 *   CloudFormation cannot remove it, and no node carries it (see node-group.ts), so it admits nothing of ours.
 * - No default capacity (no Auto Mode); the system and Weaviate node groups in the data tier.
 * - The kubectl handler and its provider function run in the application tier (NAT egress for Helm chart
 *   repositories, interface endpoints for EKS, STS and Lambda) with the generated `kubectl-handler` security
 *   group. aws-eks-v2 always places them in the cluster's own subnets when the endpoint is private, which here
 *   is the isolated endpoints tier; their VPC configuration is therefore overridden to the application tier.
 */
import { Annotations, Tags } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { KubectlV35Layer } from '@aws-cdk/lambda-layer-kubectl-v35';
import { Construct } from 'constructs';
import type { Blueprint, NodeGroupConfig } from '../blueprint/index.js';
import { COMPONENT_TAG } from '../flows/index.js';
import { acknowledgeControl } from './acknowledge-control.js';
import { ClusterAddons } from './cluster-addons.js';
import { ValidationError } from './errors.js';
import { acknowledgeManagedPolicies, acknowledgeNag } from './nag.js';
import type { Network } from './network.js';
import { NodeGroup } from './node-group.js';
import { logGroupEncryptionStatement } from './private/kms-statements.js';

/** All five control-plane log types. */
export const CONTROL_PLANE_LOG_TYPES = [
  eks.ClusterLoggingTypes.API,
  eks.ClusterLoggingTypes.AUDIT,
  eks.ClusterLoggingTypes.AUTHENTICATOR,
  eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
  eks.ClusterLoggingTypes.SCHEDULER,
] as const;

/** Blueprint access policy names → EKS access policies. */
const ACCESS_POLICIES: Record<Blueprint['cluster']['accessEntries'][number]['accessPolicy'], string> = {
  'cluster-admin': 'AmazonEKSClusterAdminPolicy',
  admin: 'AmazonEKSAdminPolicy',
  edit: 'AmazonEKSEditPolicy',
  view: 'AmazonEKSViewPolicy',
};

/** Why each AWS-managed policy aws-eks-v2 attaches to the kubectl handler's roles is accepted. */
const KUBECTL_HANDLER_POLICY_REASONS: Record<string, string> = {
  AWSLambdaBasicExecutionRole: 'Lets the CDK kubectl handler write its own logs; attached by aws-eks-v2.',
  AWSLambdaVPCAccessExecutionRole:
    'Lets the handler create its network interfaces in the application tier, which the private endpoint requires.',
  AmazonEC2ContainerRegistryReadOnly:
    'Read-only pulls of OCI Helm charts from the ECR mirror; attached by aws-eks-v2.',
  AmazonElasticContainerRegistryPublicReadOnly:
    'Read-only pulls of OCI Helm charts from ECR Public, attached by aws-eks-v2 in the aws partition only.',
};

export interface AccessEntryConfig {
  readonly principalArn: string;
  readonly accessPolicy: keyof typeof ACCESS_POLICIES;
  /** @default - the whole cluster */
  readonly namespaces?: readonly string[];
}

export interface ClusterProps {
  /** The cluster name (fixed, so Pod Identity trust policies and charts can name it). */
  readonly clusterName: string;
  /** Kubernetes version, such as `1.35`. */
  readonly kubernetesVersion: string;
  /** The network: tiers, generated security groups. */
  readonly network: Network;
  readonly secretsKey: kms.IKey;
  readonly volumeKey: kms.Key;
  readonly logsKey: kms.IKey;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** Exactly one `system` and one `weaviate` group. */
  readonly nodeGroups: readonly NodeGroupConfig[];
  /**
   * Weakening: also expose the API endpoint publicly, to `publicAccessCidrs` only.
   * @default false
   */
  readonly allowPublicEndpoint?: boolean;
  /** @default [] */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * Weakening: node metadata hop limit 2 (pods reach the instance metadata service).
   * @default false
   */
  readonly allowPodInstanceMetadata?: boolean;
  /** @default [] */
  readonly accessEntries?: readonly AccessEntryConfig[];
}

export class Cluster extends Construct {
  readonly cluster: eks.Cluster;
  readonly clusterName: string;
  readonly nodeGroups: Readonly<Record<NodeGroupConfig['role'], NodeGroup>>;
  readonly addons: ClusterAddons;
  readonly controlPlaneLogGroup: logs.LogGroup;
  readonly kubectlLayer: lambda.ILayerVersion;
  /** Log group of the kubectl handler and its provider function (KMS-encrypted, expiring). */
  readonly handlerLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    // Contradictory props are rejected before anything is created.
    if (props.allowPublicEndpoint && !props.publicAccessCidrs?.length)
      throw new ValidationError(
        'public-endpoint-without-cidrs',
        'allowPublicEndpoint needs publicAccessCidrs: the ranges allowed to reach the API',
        this,
      );
    if (!props.allowPublicEndpoint && props.publicAccessCidrs?.length)
      throw new ValidationError(
        'public-cidrs-without-public-endpoint',
        'publicAccessCidrs is set but allowPublicEndpoint is false; set allowPublicEndpoint: true to open the endpoint',
        this,
      );

    const { network } = props;
    const groups = network.securityGroups;
    this.clusterName = props.clusterName;

    const logGroupName = `/aws/eks/${props.clusterName}/cluster`;
    props.logsKey.addToResourcePolicy(logGroupEncryptionStatement(this, logGroupName));
    this.controlPlaneLogGroup = new logs.LogGroup(this, 'ControlPlaneLogs', {
      logGroupName,
      encryptionKey: props.logsKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
    });

    this.kubectlLayer = new KubectlV35Layer(this, 'KubectlLayer');
    const handlerGroup = groups.securityGroup('kubectl-handler');
    this.cluster = new eks.Cluster(this, 'Cluster', {
      clusterName: props.clusterName,
      version: eks.KubernetesVersion.of(props.kubernetesVersion),
      vpc: network.vpc,
      vpcSubnets: [network.subnets('endpoints')],
      securityGroup: groups.securityGroup('eks-api'),
      endpointAccess: props.allowPublicEndpoint
        ? eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...props.publicAccessCidrs!)
        : eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: props.secretsKey,
      clusterLogging: [...CONTROL_PLANE_LOG_TYPES],
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      bootstrapClusterCreatorAdminPermissions: false,
      bootstrapSelfManagedAddons: false,
      outputConfigCommand: false,
      kubectlProviderOptions: { kubectlLayer: this.kubectlLayer, securityGroups: [handlerGroup] },
    });
    const cfnCluster = this.cluster.node.defaultChild as eks.CfnCluster;
    cfnCluster.node.addDependency(this.controlPlaneLogGroup);
    Tags.of(cfnCluster).add(COMPONENT_TAG, 'eks-control-plane');
    if (props.allowPublicEndpoint)
      acknowledgeControl(
        cfnCluster,
        'VF-EKS-001',
        `Weakening cluster.allowPublicEndpoint, set in the blueprint: the API's public endpoint admits ${props.publicAccessCidrs!.join(', ')} only, and the reachability proof shows every other address denied`,
      );

    // EKS encrypts secrets through grants the cluster role uses; name the role in the key policy, least
    // privilege, and only through EKS.
    const clusterRole = this.cluster.role;
    const secretsActions = ['kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:ListGrants'];
    new iam.ManagedPolicy(this, 'SecretsKeyPolicy', {
      description: 'EKS cluster role: envelope encryption of Kubernetes secrets with the EKS key',
      roles: [clusterRole],
      statements: [
        new iam.PolicyStatement({ actions: secretsActions, resources: [props.secretsKey.keyArn] }),
      ],
    });
    props.secretsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EksClusterRole',
        principals: [clusterRole],
        actions: secretsActions,
        resources: ['*'],
      }),
    );
    acknowledgeManagedPolicies(clusterRole, {
      AmazonEKSClusterPolicy:
        'AmazonEKSClusterPolicy is the service policy AWS maintains for the EKS control plane role; EKS requires it.',
    });

    this.handlerLogGroup = this.placeKubectlHandler(props);

    this.addons = new ClusterAddons(this, 'Addons', {
      cluster: this.cluster,
      clusterName: props.clusterName,
      volumeKey: props.volumeKey,
    });

    const nodeGroups = {} as Record<NodeGroupConfig['role'], NodeGroup>;
    for (const config of props.nodeGroups) {
      const group = new NodeGroup(this, `Nodes-${config.name}`, {
        cluster: this.cluster,
        config,
        subnets: network.subnets('data'),
        securityGroup: groups.securityGroup(`nodes-${config.role}`),
        volumeKey: props.volumeKey,
        allowPodInstanceMetadata: props.allowPodInstanceMetadata,
        componentTag: `nodes-${config.role}`,
      });
      for (const addon of this.addons.beforeNodes) group.nodegroup.node.addDependency(addon);
      for (const addon of this.addons.afterNodes) addon.node.addDependency(group.nodegroup);
      nodeGroups[config.role] = group;
    }
    this.nodeGroups = nodeGroups;
    this.grantAutoScalingVolumes(props.volumeKey);

    for (const [i, entry] of (props.accessEntries ?? []).entries()) {
      const scope = entry.namespaces?.length
        ? { accessScopeType: eks.AccessScopeType.NAMESPACE, namespaces: [...entry.namespaces] }
        : { accessScopeType: eks.AccessScopeType.CLUSTER };
      this.cluster.grantAccess(`AccessEntry${i}`, entry.principalArn, [
        eks.AccessPolicy.fromAccessPolicyName(ACCESS_POLICIES[entry.accessPolicy], scope),
      ]);
    }
  }

  /** The role the kubectl handler runs as (it holds the cluster-admin access entry). */
  get kubectlRole(): iam.IRole {
    return this.cluster.kubectlProvider!.role!;
  }

  /**
   * Moves the kubectl handler and its provider function to the application tier, sends their logs to an
   * encrypted log group, and records why the remaining findings on these CDK-owned functions are accepted.
   */
  private placeKubectlHandler(props: ClusterProps): logs.LogGroup {
    const { network } = props;
    const application = network.vpc.selectSubnets(network.subnets('application'));
    const provider = this.cluster.node.findChild('KubectlProvider');
    const logGroupName = `/vectorfort/${props.clusterName}/kubectl-handler`;
    props.logsKey.addToResourcePolicy(logGroupEncryptionStatement(this, logGroupName));
    const logGroup = new logs.LogGroup(this, 'KubectlHandlerLogs', {
      logGroupName,
      encryptionKey: props.logsKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
    });
    const functions = provider.node
      .findAll()
      .filter((c): c is lambda.Function => c instanceof lambda.Function);
    for (const fn of functions) {
      const cfn = fn.node.defaultChild as lambda.CfnFunction;
      cfn.addPropertyOverride('VpcConfig.SubnetIds', application.subnetIds);
      // Helm reaches chart repositories through NAT: wait for the application tier's default routes.
      fn.node.addDependency(application.internetConnectivityEstablished);
      // CDK gives each function an unencrypted log group named after the function; a KMS condition on that
      // name would make the logs key depend on the function, which depends on the cluster, which depends on the
      // key. Both functions log to one named, encrypted group instead.
      cfn.addPropertyOverride('LoggingConfig.LogGroup', logGroup.logGroupName);
      fn.node.tryRemoveChild('LogGroup');

      acknowledgeNag(
        fn,
        'NIST.800.53.R5-LambdaConcurrency',
        'CDK custom-resource handler invoked only by CloudFormation during deployments; reserved concurrency would take capacity from the account pool (new accounts cannot reserve any).',
      );
      acknowledgeNag(
        fn,
        'NIST.800.53.R5-LambdaDLQ',
        'Invoked synchronously by the custom-resource framework; failures are returned to CloudFormation, which rolls back, so there is no event to dead-letter.',
      );
      const role = fn.role!;
      acknowledgeManagedPolicies(role, KUBECTL_HANDLER_POLICY_REASONS);
      const policy = role.node.tryFindChild('DefaultPolicy');
      if (policy)
        acknowledgeNag(
          policy,
          'NIST.800.53.R5-IAMNoInlinePolicy',
          'Inline policy generated by aws-eks-v2 for its own handler (DescribeCluster, invoke); it is scoped to this cluster and function.',
        );
    }
    const handler = provider.node.findChild('Handler') as lambda.Function;
    acknowledgeNag(
      handler,
      'AwsSolutions-L1',
      'The kubectl handler runtime is chosen by aws-eks-v2 for the kubectl layer it ships with; it moves with the CDK version.',
    );
    const onEvent = provider.node
      .findChild('Provider')
      .node.findChild('framework-onEvent') as lambda.Function;
    const onEventPolicy = onEvent.role!.node.findChild('DefaultPolicy');
    acknowledgeNag(
      onEventPolicy,
      'AwsSolutions-IAM5',
      'The provider framework invokes every version of the kubectl handler function (function ARN with :*), nothing else.',
      `Resource::<${this.cluster.stack.getLogicalId(handler.node.defaultChild as lambda.CfnFunction)}.Arn>:*`,
    );
    Tags.of(provider).add(COMPONENT_TAG, 'kubectl-handler');
    Annotations.of(this.cluster).acknowledgeWarning(
      '@aws-cdk/aws-eks:isolatedSubnetsForKubectlPrivateSubnets',
      'The kubectl handler is moved to the application tier (NAT egress); only the control plane uses the isolated endpoints tier.',
    );
    return logGroup;
  }

  /**
   * Managed node groups launch through the Auto Scaling service-linked role, which must be allowed to use the
   * EBS key for the encrypted root volumes. The role may not exist yet when the key is created (it appears with
   * the account's first Auto Scaling group), and a key policy naming a missing principal is rejected, so the
   * statement matches it by `aws:PrincipalArn` instead of naming it as the principal.
   */
  private grantAutoScalingVolumes(volumeKey: kms.Key): void {
    const stack = this.cluster.stack;
    const serviceLinkedRole = stack.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: 'aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
    });
    const conditions = {
      StringEquals: { 'aws:PrincipalArn': serviceLinkedRole, 'kms:CallerAccount': stack.account },
    };
    volumeKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AutoScalingVolumes',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions,
      }),
    );
    volumeKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AutoScalingVolumeGrants',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { ...conditions, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
    );
  }
}
