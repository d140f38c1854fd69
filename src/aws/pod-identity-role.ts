/**
 * An IAM role for one Kubernetes service account through EKS Pod Identity, with the trust policy pinned to the
 * account, the cluster, the namespace and the service account (session tags EKS Pod Identity sets), plus the
 * association that binds them.
 */
import { Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface PodIdentityRoleProps {
  /** Name of the cluster (a token of the cluster resource, so the association waits for it). */
  readonly clusterName: string;
  /** The cluster name as a plain string, for the trust policy's session-tag condition. */
  readonly clusterNameLiteral: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** @default - no description */
  readonly description?: string;
  /**
   * Create the `AWS::EKS::PodIdentityAssociation` here. Off when an add-on carries the association itself.
   * @default true
   */
  readonly associate?: boolean;
}

export class PodIdentityRole extends Construct {
  readonly role: iam.Role;
  readonly association?: eks.CfnPodIdentityAssociation;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      description: props.description,
      assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:RequestTag/eks-cluster-name': props.clusterNameLiteral,
            'aws:RequestTag/kubernetes-namespace': props.namespace,
            'aws:RequestTag/kubernetes-service-account': props.serviceAccount,
          },
        },
      }).withSessionTags(),
    });
    if (props.associate ?? true) {
      this.association = new eks.CfnPodIdentityAssociation(this, 'Association', {
        clusterName: props.clusterName,
        namespace: props.namespace,
        serviceAccount: props.serviceAccount,
        roleArn: this.role.roleArn,
      });
    }
  }
}
