/** EC2.181 / EC2.3: launch templates encrypt every EBS volume they attach. */
import type { Inventory } from '../../inventory/model.js';
import { resourcesOfType } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { blockDeviceResult } from './block-device-encryption.js';

export const control: Control = {
  id: 'VF-EKS-012',
  area: 'eks',
  title: 'Launch templates encrypt attached EBS volumes',
  severity: 'medium',
  rationale:
    'Node volumes hold container images, emptyDir data, logs and, on database nodes, copies of the data. Unless the template says Encrypted, the outcome depends on an account setting (EBS encryption by default) the stack does not control.',
  remediation:
    'Add BlockDeviceMappings for the root volume with Ebs.Encrypted true and a customer-managed KmsKeyId to the AWS::EC2::LaunchTemplate.',
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-181',
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.181', 'EC2.3'],
    'nist-csf-2.0': ['PR.DS-01'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::EC2::LaunchTemplate'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::LaunchTemplate').map((r) =>
      blockDeviceResult(
        r,
        'LaunchTemplateData.BlockDeviceMappings',
        "no block device mappings: the root volume's encryption depends on the account's EBS default-encryption setting",
      ),
    );
  },
};
