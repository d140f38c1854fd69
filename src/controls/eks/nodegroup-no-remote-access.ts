/** Managed node groups give no SSH access: no RemoteAccess, no EC2 key pair in their launch template. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, prop, resourcesOfType, result, show, target } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EKS-008',
  area: 'eks',
  title: 'EKS node groups allow no SSH remote access',
  severity: 'high',
  rationale:
    'SSH on worker nodes is a standing, key-based path to the host that bypasses Kubernetes RBAC, audit logs and Pod Security. RemoteAccess without source security groups opens port 22 to 0.0.0.0/0. Session Manager gives audited, IAM-controlled access when a node must be inspected.',
  remediation:
    'Remove RemoteAccess from the AWS::EKS::Nodegroup and KeyName from its launch template; use AWS Systems Manager Session Manager for node access.',
  references: [
    'https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html',
    'https://docs.aws.amazon.com/eks/latest/best-practices/protecting-the-infrastructure.html',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.13'],
    'nist-csf-2.0': ['PR.AA-05', 'PR.IR-01'],
    'iso-27001-2022': ['A.8.2', 'A.8.20'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  appliesTo: ['AWS::EKS::Nodegroup'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Nodegroup').map((r) => {
      const remote = prop(r, 'RemoteAccess');
      if (remote !== undefined && remote !== null) {
        const groups = prop(r, 'RemoteAccess.SourceSecurityGroups');
        return result(
          r,
          'fail',
          groups === undefined
            ? 'RemoteAccess is set without SourceSecurityGroups: SSH (22) is open to 0.0.0.0/0'
            : `RemoteAccess allows SSH from ${show(groups)}`,
          'RemoteAccess',
        );
      }
      const template = target(inventory, prop(r, 'LaunchTemplate.Id') ?? prop(r, 'LaunchTemplate.Name'));
      if (template) {
        const key = prop(template, 'LaunchTemplateData.KeyName');
        if (isUnknownValue(key))
          return result(r, 'unknown', `the key pair of ${template.key}: ${key.reason}`, 'LaunchTemplate');
        if (key !== undefined && key !== null && key !== '')
          return result(
            r,
            'fail',
            `its launch template ${template.key} installs EC2 key pair ${show(key)}`,
            'LaunchTemplate',
          );
      } else if (prop(r, 'LaunchTemplate') !== undefined)
        return result(
          r,
          'unknown',
          `the launch template ${show(prop(r, 'LaunchTemplate'))} is not in the inventory; it may install a key pair`,
          'LaunchTemplate',
        );
      return result(r, 'pass', 'no remote access and no key pair', 'RemoteAccess');
    });
  },
};
