/** The identity that creates the cluster does not keep an implicit cluster-admin grant. */
import type { Inventory } from '../../inventory/model.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EKS-006',
  area: 'eks',
  title: 'EKS cluster creator does not get implicit cluster-admin',
  severity: 'medium',
  rationale:
    'By default EKS grants the IAM identity that created the cluster (here: the CloudFormation execution role) permanent cluster-admin. That grant is easy to forget and is held by a deployment role rather than a named administrator; explicit access entries make every admin visible.',
  remediation:
    'Set AccessConfig.BootstrapClusterCreatorAdminPermissions to false and grant administrators through AWS::EKS::AccessEntry with a scoped access policy.',
  references: [
    'https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAccessConfigRequest.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html',
  ],
  frameworks: {
    'cis-eks-1.8': ['4.1.1', '4.1.7'],
    'nist-csf-2.0': ['PR.AA-05'],
    'iso-27001-2022': ['A.8.2', 'A.5.18'],
    soc2: ['CC6.3'],
  },
  appliesTo: ['AWS::EKS::Cluster'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Cluster').map((r) => {
      const path = 'AccessConfig.BootstrapClusterCreatorAdminPermissions';
      const grant = boolOf(prop(r, path), 'BootstrapClusterCreatorAdminPermissions');
      if (grant === undefined)
        return result(r, 'fail', 'not set: EKS grants the creating identity cluster-admin by default', path);
      if (isUnknownValue(grant))
        return result(r, 'unknown', `BootstrapClusterCreatorAdminPermissions: ${grant.reason}`, path);
      return grant
        ? result(r, 'fail', 'the creating identity is granted cluster-admin', path)
        : result(r, 'pass', 'the creating identity gets no implicit cluster-admin', path);
    });
  },
};
