/** Lattice service networks and services authorize every request with IAM (auth type AWS_IAM). */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-LATTICE-001',
  area: 'lattice',
  title: 'VPC Lattice service networks and services use IAM auth (AWS_IAM)',
  severity: 'high',
  rationale:
    'With auth type NONE (the CloudFormation default) Lattice authorizes nothing: any client in any associated VPC reaches the service, unsigned, and the auth policy is ignored. Zero trust through Lattice rests on every request being signed and checked against an auth policy.',
  remediation:
    'Set AuthType: AWS_IAM on the AWS::VpcLattice::ServiceNetwork and AWS::VpcLattice::Service, and attach an AWS::VpcLattice::AuthPolicy naming the consumers with conditions.',
  references: [
    'https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-vpclattice-service.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.AA-05', 'PR.AA-03'],
    'iso-27001-2022': ['A.5.15', 'A.8.5'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  appliesTo: ['AWS::VpcLattice::ServiceNetwork', 'AWS::VpcLattice::Service'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::VpcLattice::ServiceNetwork', 'AWS::VpcLattice::Service').map(
      (r) => {
        const authType = stringOf(prop(r, 'AuthType'), 'AuthType');
        if (isUnknownValue(authType)) return result(r, 'unknown', `AuthType: ${authType.reason}`, 'AuthType');
        if (authType === undefined)
          return result(
            r,
            'fail',
            'AuthType is not set: NONE applies, so no request is authorized',
            'AuthType',
          );
        return authType === 'AWS_IAM'
          ? result(
              r,
              'pass',
              'AuthType AWS_IAM: every request is signed and checked by the auth policy',
              'AuthType',
            )
          : result(r, 'fail', `AuthType ${authType}: requests are not authorized`, 'AuthType');
      },
    );
  },
};
