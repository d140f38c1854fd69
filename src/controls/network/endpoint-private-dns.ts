/** Interface endpoints enable private DNS, so SDKs resolve the service names to the endpoint. */
import type { Inventory } from '../../inventory/model.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result } from './cfn.js';
import { endpointService, endpointType } from './endpoints.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-NETWORK-011',
  area: 'network',
  title: 'Interface VPC endpoints have private DNS enabled',
  severity: 'medium',
  rationale:
    'Without private DNS, the regional service names (ecr.us-east-1.amazonaws.com, sts…) still resolve to public addresses: clients keep going through NAT to the internet, or fail in isolated subnets, and the endpoint serves nothing. CloudFormation leaves private DNS off by default.',
  remediation:
    'Set PrivateDnsEnabled: true on every AWS::EC2::VPCEndpoint of type Interface (CDK sets it by default).',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.IR-01', 'PR.DS-02'],
    'iso-27001-2022': ['A.8.21'],
    soc2: ['CC6.7'],
  },
  appliesTo: ['AWS::EC2::VPCEndpoint'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::VPCEndpoint').map((e) => {
      if (endpointType(e) !== 'Interface')
        return result(e, 'not-applicable', `a ${endpointType(e)} endpoint`);
      const enabled = boolOf(prop(e, 'PrivateDnsEnabled'), 'PrivateDnsEnabled') ?? false;
      const service = endpointService(e) ?? 'an undetermined service';
      if (isUnknownValue(enabled))
        return result(e, 'unknown', `PrivateDnsEnabled: ${enabled.reason}`, 'PrivateDnsEnabled');
      return enabled
        ? result(e, 'pass', `private DNS resolves ${service} to the endpoint`, 'PrivateDnsEnabled')
        : result(
            e,
            'fail',
            `private DNS is off for ${service}: clients still resolve the public service address`,
            'PrivateDnsEnabled',
          );
    });
  },
};
