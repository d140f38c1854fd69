/**
 * The VPC CNI's permissions (create, attach and delete network interfaces, assign addresses) belong to the
 * `aws-node` service account, not to the node role: on the node role they reach every process that can read
 * the instance credentials, which is what EKS's best practices and CIS 5.2.1 warn about.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import {
  isObject,
  isUnknownValue,
  listOf,
  passIfCertain,
  prop,
  related,
  resourcesOfType,
  result,
  show,
  target,
} from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { addonsOf } from './addons.js';

/** The service account the VPC CNI's DaemonSet runs as. */
export const VPC_CNI_SERVICE_ACCOUNT = 'aws-node';
const CNI_POLICY = /:iam::aws:policy\/AmazonEKS_CNI(_IPv6)?_Policy$/;

/** How the vpc-cni add-on gets a role of its own: a Pod Identity association for aws-node, or IRSA. */
function ownRoleOf(addon: CfnResource): string | undefined {
  const associations = listOf(prop(addon, 'PodIdentityAssociations'), 'PodIdentityAssociations');
  if (Array.isArray(associations))
    for (const a of associations)
      if (isObject(a) && a.ServiceAccount === VPC_CNI_SERVICE_ACCOUNT && a.RoleArn !== undefined)
        return `a Pod Identity association for ${VPC_CNI_SERVICE_ACCOUNT} (${show(a.RoleArn)})`;
  const irsa = prop(addon, 'ServiceAccountRoleArn');
  return irsa === undefined ? undefined : `an IRSA role (${show(irsa)})`;
}

/** Node roles of the cluster's managed node groups that carry the CNI policy, and what cannot be read. */
function nodeRolesWithCniPolicy(
  inventory: Inventory,
  cluster: CfnResource,
): { roles: string[]; undetermined: string[]; nodegroups: number } {
  const roles = new Set<string>();
  const undetermined: string[] = [];
  const nodegroups = related(inventory, 'AWS::EKS::Nodegroup', 'ClusterName', cluster, 'Name');
  for (const [nodegroup, isRelated] of nodegroups) {
    if (isRelated !== true) {
      undetermined.push(`${nodegroup.key}: ${isRelated.reason}`);
      continue;
    }
    const roleValue = prop(nodegroup, 'NodeRole');
    const role = target(inventory, roleValue);
    if (!role) {
      undetermined.push(`${nodegroup.key} NodeRole ${show(roleValue)} is not in the inputs`);
      continue;
    }
    const arns = listOf(prop(role, 'ManagedPolicyArns'), 'ManagedPolicyArns');
    if (isUnknownValue(arns)) {
      undetermined.push(`${role.key} ManagedPolicyArns: ${arns.reason}`);
      continue;
    }
    for (const arn of arns ?? []) {
      const text = typeof arn === 'string' ? arn : show(arn);
      if (CNI_POLICY.test(text)) roles.add(role.key);
      else if (isUnknownValue(arn)) undetermined.push(`${role.key} ManagedPolicyArns has ${text}`);
    }
  }
  return { roles: [...roles], undetermined, nodegroups: nodegroups.length };
}

export const control: Control = {
  id: 'VF-EKS-018',
  area: 'eks',
  title: 'The VPC CNI has its own IAM role; node roles do not carry its policy',
  severity: 'medium',
  rationale:
    "The VPC CNI manages the node's network interfaces and addresses (ec2:CreateNetworkInterface, AttachNetworkInterface, DeleteNetworkInterface, AssignPrivateIpAddresses and more). Attached to the node role, those rights reach every process on the node that can read the instance credentials. Bound to the aws-node service account through EKS Pod Identity (or IRSA), only the CNI holds them.",
  remediation:
    'Give the vpc-cni add-on a role with AmazonEKS_CNI_Policy through PodIdentityAssociations (ServiceAccount aws-node) or ServiceAccountRoleArn, and remove AmazonEKS_CNI_Policy from the node roles.',
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/add-ons-iam.html',
    'https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html',
    'CIS Amazon EKS Benchmark v1.8.0, 5.2.1',
  ],
  frameworks: {
    'cis-eks-1.8': ['5.2.1'],
    'nist-csf-2.0': ['PR.AA-05'],
    'iso-27001-2022': ['A.8.2'],
    soc2: ['CC6.3'],
  },
  appliesTo: ['AWS::EKS::Cluster'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Cluster').map((cluster) => {
      const nodes = nodeRolesWithCniPolicy(inventory, cluster);
      if (nodes.roles.length)
        return result(
          cluster,
          'fail',
          `node role${nodes.roles.length === 1 ? '' : 's'} ${nodes.roles.join(', ')} carr${nodes.roles.length === 1 ? 'ies' : 'y'} AmazonEKS_CNI_Policy: every process on those nodes that reads the instance credentials may create, attach and delete network interfaces`,
        );
      if (nodes.undetermined.length)
        return result(cluster, 'unknown', `node roles not fully readable: ${nodes.undetermined.join('; ')}`);
      const { addons, undetermined } = addonsOf(inventory, cluster);
      const cni = addons.find((a) => a.name === 'vpc-cni');
      const own = cni && ownRoleOf(cni.addon);
      if (cni && own)
        return passIfCertain(
          cluster,
          cni.addon,
          `${cni.addon.key} gives the CNI ${own}; no node role carries the CNI policy`,
        );
      if (undetermined.length)
        return result(
          cluster,
          'unknown',
          `add-ons whose cluster is undetermined: ${undetermined.join(', ')}`,
        );
      if (nodes.nodegroups === 0)
        return result(
          cluster,
          'unknown',
          'no managed node groups in the inputs: the roles the CNI could use are outside them',
        );
      return result(
        cluster,
        'unknown',
        cni
          ? `${cni.addon.key} has no role of its own and no node role in the inputs carries the CNI policy: the CNI's permissions come from outside the inputs`
          : "no vpc-cni add-on and no node role carrying the CNI policy: the CNI's permissions come from outside the inputs",
      );
    });
  },
};
