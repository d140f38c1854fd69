/** Lattice service networks and services write access logs. */
import type { Inventory } from '../../inventory/model.js';
import { passIfCertain, related, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-LATTICE-003',
  area: 'lattice',
  title: 'VPC Lattice service networks and services write access logs',
  severity: 'medium',
  rationale:
    'Lattice access logs record each request with the caller’s principal, source VPC, method, path and the auth decision; without them an authorized misuse or a run of denied probes leaves no trace.',
  remediation:
    'Add an AWS::VpcLattice::AccessLogSubscription whose ResourceIdentifier names the service network, and one for the service, with a KMS-encrypted CloudWatch Logs group (or S3, Firehose) as DestinationArn.',
  references: ['https://docs.aws.amazon.com/vpc-lattice/latest/ug/monitoring-access-logs.html'],
  frameworks: {
    'nist-csf-2.0': ['DE.CM-01', 'PR.PS-04'],
    'iso-27001-2022': ['A.8.15'],
    soc2: ['CC7.2'],
  },
  appliesTo: [
    'AWS::VpcLattice::ServiceNetwork',
    'AWS::VpcLattice::Service',
    'AWS::VpcLattice::AccessLogSubscription',
  ],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::VpcLattice::ServiceNetwork', 'AWS::VpcLattice::Service').map(
      (r) => {
        const subscriptions = related(
          inventory,
          'AWS::VpcLattice::AccessLogSubscription',
          'ResourceIdentifier',
          r,
        );
        const logging = subscriptions.find(([, hit]) => hit === true)?.[0];
        if (logging) return passIfCertain(r, logging, `access logs go to ${logging.key}`);
        const undetermined = subscriptions.find(([, hit]) => hit !== true);
        if (undetermined)
          return result(
            r,
            'unknown',
            `${undetermined[0].key} may log it; its ResourceIdentifier is not determined`,
          );
        return result(r, 'fail', 'no access log subscription names it');
      },
    );
  },
};
