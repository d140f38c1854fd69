/**
 * A managed node group with its own launch template: IMDSv2 only with a hop limit of 1 (pods cannot reach the
 * node's instance metadata, so they cannot borrow the node role; they get credentials from EKS Pod Identity),
 * an encrypted gp3 root volume with the EBS key, no SSH key (Session Manager through the VPC endpoints instead),
 * and the node security group generated from the flow spec. Weaviate's nodes also raise `vm.max_map_count`
 * (Weaviate memory-maps its segment files; the kernel default of 65530 maps runs out on large indexes), set at
 * boot from the launch template, where the Helm chart used a privileged init container the restricted profile
 * forbids.
 *
 * Because the launch template names a security group, EKS does not attach the EKS-managed cluster security
 * group to the nodes (it does only when the launch template has none). The nodes therefore carry exactly the
 * generated group, and every node flow is one the flow spec lists.
 */
import { Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { NodeGroupConfig } from '../blueprint/index.js';
import { acknowledgeControl } from './acknowledge-control.js';
import { acknowledgeManagedPolicies } from './nag.js';
import { COMPONENT_TAG, NODE_GROUP_LABEL, NODE_ROLE_LABEL, WEAVIATE_NODE_TAINT } from '../flows/index.js';

/** `vm.max_map_count` on the Weaviate nodes: the value Weaviate's Helm chart sets with its init container. */
export const WEAVIATE_VM_MAX_MAP_COUNT = 524288;

/** Boot-time kernel settings for a node role, as a MIME part EKS merges with its own node bootstrap. */
export function nodeUserData(role: NodeGroupConfig['role']): ec2.UserData | undefined {
  if (role !== 'weaviate') return undefined;
  const script = ec2.UserData.forLinux();
  script.addCommands(
    `echo 'vm.max_map_count = ${WEAVIATE_VM_MAX_MAP_COUNT}' > /etc/sysctl.d/90-weaviate.conf`,
    'sysctl --load /etc/sysctl.d/90-weaviate.conf',
  );
  // Managed node groups accept user data in a launch template only as MIME multipart.
  const userData = new ec2.MultipartUserData();
  userData.addPart(ec2.MultipartBody.fromUserData(script));
  return userData;
}

/**
 * Managed policies every EKS node needs (kubelet, image pulls) plus Session Manager. Not the CNI policy: the
 * vpc-cni add-on has its own Pod Identity role (cluster-addons.ts).
 */
export const NODE_MANAGED_POLICIES = [
  'AmazonEKSWorkerNodePolicy',
  'AmazonEC2ContainerRegistryReadOnly',
  'AmazonSSMManagedInstanceCore',
] as const;

const NODE_POLICY_REASONS: Record<(typeof NODE_MANAGED_POLICIES)[number], string> = {
  AmazonEKSWorkerNodePolicy:
    'AWS-maintained policy every EKS node needs to register with the cluster and describe itself.',
  AmazonEC2ContainerRegistryReadOnly:
    'Read-only image pulls from the ECR mirror through the VPC endpoints; AWS maintains it.',
  AmazonSSMManagedInstanceCore:
    'Session Manager access to nodes instead of SSH (no key pair, no port 22); AWS maintains it with the SSM agent.',
};

export interface NodeGroupProps {
  readonly cluster: eks.Cluster;
  /** Size, instance types and disk of the group (blueprint `cluster.nodeGroups[]`). */
  readonly config: NodeGroupConfig;
  /** Subnets the nodes run in (the data tier). */
  readonly subnets: ec2.SubnetSelection;
  /** The node group's generated security group (`nodes-<role>`). */
  readonly securityGroup: ec2.ISecurityGroup;
  /** Key of the root volumes. */
  readonly volumeKey: kms.IKey;
  /**
   * Weakening: hop limit 2, so pods can reach the instance metadata service and the node role's credentials.
   * @default false
   */
  readonly allowPodInstanceMetadata?: boolean;
  /** Value of the `vectorfort:component` tag. */
  readonly componentTag: string;
}

export class NodeGroup extends Construct {
  readonly nodegroup: eks.Nodegroup;
  readonly launchTemplate: ec2.LaunchTemplate;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: NodeGroupProps) {
    super(scope, id);
    const { config } = props;
    this.role = new iam.Role(this, 'Role', {
      description: `EKS node group ${config.name}`,
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: NODE_MANAGED_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    acknowledgeManagedPolicies(this.role, NODE_POLICY_REASONS);

    this.launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      requireImdsv2: true,
      httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED,
      httpEndpoint: true,
      httpPutResponseHopLimit: props.allowPodInstanceMetadata ? 2 : 1,
      instanceMetadataTags: false,
      securityGroup: props.securityGroup,
      userData: nodeUserData(config.role),
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(config.diskSizeGiB, {
            volumeType: ec2.EbsDeviceVolumeType.GP3,
            encrypted: true,
            kmsKey: props.volumeKey,
            deleteOnTermination: true,
          }),
        },
      ],
    });
    Tags.of(this.launchTemplate).add(COMPONENT_TAG, props.componentTag);
    if (props.allowPodInstanceMetadata)
      acknowledgeControl(this.launchTemplate, 'VF-EKS-011', POD_METADATA_REASON);

    const instanceTypes = config.instanceTypes.map((t) => new ec2.InstanceType(t));
    const arm = instanceTypes.every((t) => t.architecture === ec2.InstanceArchitecture.ARM_64);
    this.nodegroup = props.cluster.addNodegroupCapacity(pascal(config.name), {
      nodegroupName: config.name,
      nodeRole: this.role,
      instanceTypes,
      amiType: arm
        ? eks.NodegroupAmiType.AL2023_ARM_64_STANDARD
        : eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
      minSize: config.minSize,
      maxSize: config.maxSize,
      desiredSize: config.desiredSize,
      subnets: props.subnets,
      launchTemplateSpec: {
        id: this.launchTemplate.launchTemplateId!,
        version: this.launchTemplate.latestVersionNumber,
      },
      labels: { [NODE_GROUP_LABEL]: config.name, [NODE_ROLE_LABEL]: config.role },
      taints:
        config.role === 'weaviate'
          ? [
              {
                key: WEAVIATE_NODE_TAINT.key,
                value: WEAVIATE_NODE_TAINT.value,
                effect: eks.TaintEffect.NO_SCHEDULE,
              },
            ]
          : [],
      tags: { [COMPONENT_TAG]: props.componentTag },
      enableNodeAutoRepair: true,
    });
    if (props.allowPodInstanceMetadata) acknowledgeControl(this.nodegroup, 'VF-EKS-016', POD_METADATA_REASON);
  }
}

/** Why the hop-limit findings are accepted: the blueprint named the weakening, and what still protects. */
const POD_METADATA_REASON =
  "Weakening cluster.allowPodInstanceMetadata, set in the blueprint: the hop limit of 2 lets pods reach the node's metadata credentials; the NetworkPolicies' metadata exceptions (VF-K8S no-metadata-egress) still keep our pods from it";

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
