/**
 * The EKS managed add-ons: vpc-cni with NetworkPolicy enforcement and its own Pod Identity role, kube-proxy, the
 * Pod Identity agent, CoreDNS and the EBS CSI driver with its own Pod Identity role. The CNI's network-interface
 * rights sit on the `aws-node` service account's role, not on the node role, where every process on the node
 * that reads the instance credentials would hold them. The cluster is created without EKS's self-managed
 * copies (`bootstrapSelfManagedAddons: false`), so these are the only ones and their configuration is ours.
 *
 * Order: the networking add-ons come before the nodes (a node without the CNI never becomes ready); CoreDNS
 * and the CSI controller are Deployments and come after the nodes they run on.
 */
import { Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { WEAVIATE_NODE_TAINT } from '../flows/index.js';
import { acknowledgeManagedPolicies } from './nag.js';
import { PodIdentityRole } from './pod-identity-role.js';

/** Service account of the VPC CNI's DaemonSet (fixed by the add-on). */
export const VPC_CNI_SERVICE_ACCOUNT = 'aws-node';
/** Service account of the EBS CSI controller (fixed by the add-on). */
export const EBS_CSI_SERVICE_ACCOUNT = 'ebs-csi-controller-sa';

/** The vpc-cni configuration: enforce Kubernetes NetworkPolicies in the node agent (off by default on EKS). */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: 'true' } as const;

export interface ClusterAddonsProps {
  readonly cluster: eks.Cluster;
  /** The cluster name as a plain string (Pod Identity trust conditions). */
  readonly clusterName: string;
  /** Key the EBS CSI driver encrypts volumes with. */
  readonly volumeKey: kms.Key;
}

export class ClusterAddons extends Construct {
  /** Add-ons the node groups must wait for. */
  readonly beforeNodes: readonly eks.CfnAddon[];
  /** Add-ons that need running nodes. */
  readonly afterNodes: readonly eks.CfnAddon[];
  readonly vpcCni: eks.CfnAddon;
  readonly vpcCniRole: PodIdentityRole;
  readonly ebsCsiRole: PodIdentityRole;

  constructor(scope: Construct, id: string, props: ClusterAddonsProps) {
    super(scope, id);
    const clusterName = props.cluster.clusterName;
    const addon = (addonId: string, addonName: string, extra: Partial<eks.CfnAddonProps> = {}) =>
      new eks.CfnAddon(this, addonId, {
        clusterName,
        addonName,
        // The cluster has no self-managed copies to preserve; OVERWRITE keeps EKS's defaults from drifting back.
        resolveConflicts: 'OVERWRITE',
        ...extra,
      });

    this.vpcCniRole = new PodIdentityRole(this, 'VpcCniIdentity', {
      clusterName,
      clusterNameLiteral: props.clusterName,
      namespace: 'kube-system',
      serviceAccount: VPC_CNI_SERVICE_ACCOUNT,
      description: 'VPC CNI (aws-node): pod network interfaces and addresses (EKS Pod Identity)',
      associate: false,
    });
    this.vpcCniRole.role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEKS_CNI_Policy'));
    acknowledgeManagedPolicies(this.vpcCniRole.role, {
      AmazonEKS_CNI_Policy:
        'AmazonEKS_CNI_Policy is the policy AWS maintains with the VPC CNI (network interfaces and addresses); here only the aws-node service account can use it.',
    });
    const podIdentityAgent = addon('PodIdentityAgent', 'eks-pod-identity-agent');
    this.vpcCni = addon('VpcCni', 'vpc-cni', {
      configurationValues: JSON.stringify(VPC_CNI_CONFIGURATION),
      podIdentityAssociations: [
        { serviceAccount: VPC_CNI_SERVICE_ACCOUNT, roleArn: this.vpcCniRole.role.roleArn },
      ],
    });
    // aws-node gets its credentials from the agent on each node.
    this.vpcCni.node.addDependency(podIdentityAgent);
    const kubeProxy = addon('KubeProxy', 'kube-proxy');
    this.beforeNodes = [this.vpcCni, kubeProxy, podIdentityAgent];

    this.ebsCsiRole = new PodIdentityRole(this, 'EbsCsiDriverIdentity', {
      clusterName,
      clusterNameLiteral: props.clusterName,
      namespace: 'kube-system',
      serviceAccount: EBS_CSI_SERVICE_ACCOUNT,
      description: 'EBS CSI driver controller (EKS Pod Identity)',
      associate: false,
    });
    const role = this.ebsCsiRole.role;
    role.addManagedPolicy(
      iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEBSCSIDriverPolicy'),
    );
    const region = Stack.of(this).region;
    // Volumes are encrypted with the EBS key: the driver asks EC2, which uses the key on its behalf.
    const keyUse = {
      actions: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        'kms:GenerateDataKey',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:DescribeKey',
      ],
      conditions: { StringEquals: { 'kms:ViaService': `ec2.${region}.amazonaws.com` } },
    };
    const keyGrants = {
      actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    };
    new iam.ManagedPolicy(this, 'EbsCsiVolumeKeyPolicy', {
      description: 'EBS CSI driver: encrypt volumes with the EBS key through EC2',
      roles: [role],
      statements: [keyUse, keyGrants].map(
        (st) => new iam.PolicyStatement({ ...st, resources: [props.volumeKey.keyArn] }),
      ),
    });
    for (const [i, statement] of [keyUse, keyGrants].entries()) {
      props.volumeKey.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: i === 0 ? 'EbsCsiDriverVolumes' : 'EbsCsiDriverVolumeGrants',
          ...statement,
          principals: [role],
          resources: ['*'],
        }),
      );
    }
    acknowledgeManagedPolicies(role, {
      AmazonEBSCSIDriverPolicy:
        'AmazonEBSCSIDriverPolicy is the policy AWS maintains for the EBS CSI driver (volumes, attachments, snapshots, tag-scoped); a copy would drift from the driver.',
    });

    const coreDns = addon('CoreDns', 'coredns');
    const ebsCsi = addon('EbsCsiDriver', 'aws-ebs-csi-driver', {
      podIdentityAssociations: [{ serviceAccount: EBS_CSI_SERVICE_ACCOUNT, roleArn: role.roleArn }],
      // The node plugin must run on the tainted Weaviate nodes, or their volumes cannot attach.
      configurationValues: JSON.stringify({
        node: {
          tolerations: [
            {
              key: WEAVIATE_NODE_TAINT.key,
              operator: 'Equal',
              value: WEAVIATE_NODE_TAINT.value,
              effect: WEAVIATE_NODE_TAINT.effect,
            },
            { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          ],
        },
      }),
    });
    ebsCsi.node.addDependency(podIdentityAgent);
    this.afterNodes = [coreDns, ebsCsi];
  }
}
