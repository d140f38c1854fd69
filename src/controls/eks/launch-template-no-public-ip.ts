/** EC2.25: launch templates do not assign public IPs to network interfaces. */
import type { Inventory } from '../../inventory/model.js';
import {
  boolOf,
  isObject,
  isUnknownValue,
  listOf,
  prop,
  resourcesOfType,
  result,
  show,
} from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EKS-013',
  area: 'eks',
  title: 'Launch templates assign no public IP addresses',
  severity: 'high',
  rationale:
    'AssociatePublicIpAddress puts every node launched from the template on the internet, whatever tier its subnet was meant to be.',
  remediation:
    'Remove AssociatePublicIpAddress (or set it to false) from LaunchTemplateData.NetworkInterfaces of the AWS::EC2::LaunchTemplate.',
  references: ['https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-25'],
  frameworks: {
    'aws-fsbp': ['EC2.25', 'EC2.9'],
    'cis-eks-1.8': ['5.4.3'],
    'nist-csf-2.0': ['PR.IR-01'],
    'iso-27001-2022': ['A.8.20'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::EC2::LaunchTemplate'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::LaunchTemplate').map((r) => {
      const path = 'LaunchTemplateData.NetworkInterfaces';
      const interfaces = listOf(prop(r, path), 'NetworkInterfaces');
      if (interfaces === undefined)
        return result(
          r,
          'pass',
          'no network interface settings: the subnet decides (no public IP in private subnets)',
          path,
        );
      if (isUnknownValue(interfaces))
        return result(r, 'unknown', `NetworkInterfaces: ${interfaces.reason}`, path);
      for (const [i, n] of interfaces.entries()) {
        // An interface the input leaves undetermined may associate a public address.
        if (!isObject(n)) return result(r, 'unknown', `network interface ${i} is ${show(n)}`, `${path}.${i}`);
        const assoc = boolOf(n.AssociatePublicIpAddress, 'AssociatePublicIpAddress');
        if (assoc === true)
          return result(r, 'fail', `network interface ${i} associates a public IP address`, `${path}.${i}`);
        if (isUnknownValue(assoc))
          return result(r, 'unknown', `network interface ${i}: ${assoc.reason}`, `${path}.${i}`);
      }
      return result(r, 'pass', 'no network interface associates a public IP address', path);
    });
  },
};
