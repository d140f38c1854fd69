/** Lattice listeners speak TLS (HTTPS, or TLS passed through to the targets). */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

const TLS_PROTOCOLS = ['HTTPS', 'TLS_PASSTHROUGH'];

export const control: Control = {
  id: 'VF-LATTICE-004',
  area: 'lattice',
  title: 'VPC Lattice listeners use TLS',
  severity: 'high',
  rationale:
    'An HTTP listener carries requests, API keys and query results in plaintext from the consumer to Lattice, and SigV4 signatures do not encrypt anything.',
  remediation:
    'Use Protocol: HTTPS (port 443) on the AWS::VpcLattice::Listener, with the service’s ACM certificate for a custom domain or Lattice’s managed certificate.',
  references: [
    'https://docs.aws.amazon.com/vpc-lattice/latest/ug/https-listeners.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-vpclattice-listener.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-02'],
    'iso-27001-2022': ['A.8.24', 'A.8.20'],
    soc2: ['CC6.7'],
  },
  appliesTo: ['AWS::VpcLattice::Listener'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::VpcLattice::Listener').map((r) => {
      const protocol = stringOf(prop(r, 'Protocol'), 'Protocol');
      if (isUnknownValue(protocol)) return result(r, 'unknown', `Protocol: ${protocol.reason}`, 'Protocol');
      if (protocol === undefined)
        return result(r, 'unknown', 'Protocol is not set (CloudFormation requires it)', 'Protocol');
      return TLS_PROTOCOLS.includes(protocol)
        ? result(r, 'pass', `Protocol ${protocol}`, 'Protocol')
        : result(r, 'fail', `Protocol ${protocol}: requests travel in plaintext`, 'Protocol');
    });
  },
};
