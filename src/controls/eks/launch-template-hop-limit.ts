/** The IMDS response hop limit is 1, so containers cannot reach the node's metadata credentials. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, numberOf, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EKS-011',
  area: 'eks',
  title: 'Launch templates limit IMDS responses to one hop',
  severity: 'high',
  rationale:
    'With a hop limit of 2 or more, every pod, not only those on the host network, receives IMDSv2 tokens and can assume the node IAM role, which can pull any image and describe the whole VPC. A hop limit of 1 keeps the metadata service to the host.',
  remediation:
    'Set LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit to 1 and give pods their own IAM roles with EKS Pod Identity.',
  references: [
    'https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_restrict_access_to_the_instance_profile_assigned_to_the_worker_node',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html',
  ],
  frameworks: {
    'cis-eks-1.8': ['5.2.1'],
    'nist-csf-2.0': ['PR.AA-05'],
    'iso-27001-2022': ['A.8.2', 'A.8.9'],
    soc2: ['CC6.3'],
  },
  appliesTo: ['AWS::EC2::LaunchTemplate'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::LaunchTemplate').map((r) => {
      const base = 'LaunchTemplateData.MetadataOptions';
      if (stringOf(prop(r, `${base}.HttpEndpoint`)) === 'disabled')
        return result(r, 'pass', 'the instance metadata service is disabled', `${base}.HttpEndpoint`);
      const path = `${base}.HttpPutResponseHopLimit`;
      const hops = numberOf(prop(r, path), 'HttpPutResponseHopLimit');
      if (hops === undefined)
        return result(
          r,
          'fail',
          'HttpPutResponseHopLimit is not set: the AMI decides, and AMIs registered for IMDSv2 (EKS-optimized ones) use 2',
          path,
        );
      if (isUnknownValue(hops)) return result(r, 'unknown', `HttpPutResponseHopLimit: ${hops.reason}`, path);
      return hops <= 1
        ? result(r, 'pass', 'the hop limit is 1', path)
        : result(r, 'fail', `the hop limit is ${hops}: pods can reach the node's metadata credentials`, path);
    });
  },
};
