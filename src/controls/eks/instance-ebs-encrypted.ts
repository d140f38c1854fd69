/** EC2.3: standalone EC2 instances encrypt the EBS volumes their block device mappings create. */
import type { Inventory } from '../../inventory/model.js';
import { prop, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { blockDeviceResult } from './block-device-encryption.js';

export const control: Control = {
  id: 'VF-EKS-021',
  area: 'eks',
  title: 'EC2 instances encrypt the EBS volumes they create',
  severity: 'medium',
  rationale:
    "An instance's volumes hold whatever runs on it. Unless each block device mapping says Encrypted, the outcome depends on the AMI's snapshots and an account setting (EBS encryption by default) the stack does not control.",
  remediation:
    'Add BlockDeviceMappings for the root and every data volume with Ebs.Encrypted true to the AWS::EC2::Instance, or launch it from an AWS::EC2::LaunchTemplate that does.',
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-instance-blockdevicemapping.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.3'],
    'nist-csf-2.0': ['PR.DS-01'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::EC2::Instance'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::Instance').map((r) =>
      // The launch template's own mappings are checked where it is defined (VF-EKS-012).
      prop(r, 'BlockDeviceMappings') === undefined && prop(r, 'LaunchTemplate') !== undefined
        ? result(
            r,
            'not-applicable',
            'the volumes come from the launch template, whose own check covers them',
            'LaunchTemplate',
          )
        : blockDeviceResult(
            r,
            'BlockDeviceMappings',
            "no block device mappings: the root volume is encrypted only if the AMI's snapshot is or the account encrypts new volumes by default",
          ),
    );
  },
};
