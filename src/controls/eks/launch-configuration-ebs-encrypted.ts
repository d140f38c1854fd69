/** EC2.3: launch configurations (self-managed nodes) encrypt every EBS volume they attach. */
import type { Inventory } from '../../inventory/model.js';
import { resourcesOfType } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { blockDeviceResult } from './block-device-encryption.js';

export const control: Control = {
  id: 'VF-EKS-020',
  area: 'eks',
  title: 'Launch configurations encrypt attached EBS volumes',
  severity: 'medium',
  rationale:
    "Instances an auto scaling group launches from a launch configuration keep container images, logs and data on their volumes. Unless each mapping says Encrypted, the outcome depends on the AMI's snapshots and an account setting (EBS encryption by default) the stack does not control.",
  remediation:
    'Add BlockDeviceMappings for the root and every data volume with Ebs.Encrypted true to the AWS::AutoScaling::LaunchConfiguration, or better, replace it with an AWS::EC2::LaunchTemplate that does the same.',
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-launchconfiguration-blockdevice.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.3'],
    'nist-csf-2.0': ['PR.DS-01'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::AutoScaling::LaunchConfiguration'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::AutoScaling::LaunchConfiguration').map((r) =>
      blockDeviceResult(
        r,
        'BlockDeviceMappings',
        "no block device mappings: the root volume is encrypted only if the AMI's snapshot is or the account encrypts new volumes by default",
      ),
    );
  },
};
