/** CIS 4.1.7: cluster access through EKS access entries (API), not the aws-auth ConfigMap. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EKS-005',
  area: 'eks',
  title: 'EKS authentication mode is API (access entries only, no aws-auth ConfigMap)',
  severity: 'medium',
  rationale:
    'With the aws-auth ConfigMap anyone who can edit one ConfigMap in kube-system can grant cluster-admin to any IAM identity, and the mapping is invisible to IAM. Access entries are managed through the EKS API, logged in CloudTrail, and scoped by access policies. API_AND_CONFIG_MAP keeps the ConfigMap as a second, unaudited path.',
  remediation:
    'Set AccessConfig.AuthenticationMode to API on the AWS::EKS::Cluster (CDK: authenticationMode: AuthenticationMode.API) and declare AWS::EKS::AccessEntry resources for each principal.',
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/setting-up-access-entries.html',
    'CIS Amazon EKS Benchmark v1.8.0, 4.1.7',
  ],
  frameworks: {
    'cis-eks-1.8': ['4.1.7', '5.5.1'],
    'nist-csf-2.0': ['PR.AA-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.5.15', 'A.5.18', 'A.8.2'],
    soc2: ['CC6.2', 'CC6.3'],
  },
  appliesTo: ['AWS::EKS::Cluster'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Cluster').map((r) => {
      const path = 'AccessConfig.AuthenticationMode';
      const mode = stringOf(prop(r, path), 'AuthenticationMode');
      if (mode === undefined)
        return result(
          r,
          'fail',
          'AuthenticationMode is not set: EKS defaults to CONFIG_MAP (aws-auth only)',
          path,
        );
      if (isUnknownValue(mode)) return result(r, 'unknown', `AuthenticationMode: ${mode.reason}`, path);
      if (mode === 'API') return result(r, 'pass', 'access is managed by EKS access entries only', path);
      if (mode === 'API_AND_CONFIG_MAP')
        return result(
          r,
          'fail',
          'API_AND_CONFIG_MAP keeps the aws-auth ConfigMap as a second, unaudited access path',
          path,
        );
      return result(
        r,
        'fail',
        `AuthenticationMode ${mode}: access is granted through the aws-auth ConfigMap`,
        path,
      );
    });
  },
};
