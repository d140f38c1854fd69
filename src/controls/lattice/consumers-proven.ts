/**
 * The Lattice path proved per consumer: each consumer a service's auth policy names reaches the targets with the
 * request it is granted, and a consumer it does not name, or an unsigned caller, is denied (src/reach/lattice/).
 */
import type { Inventory } from '../../inventory/model.js';
import { latticeObligations } from '../../reach/lattice/obligations.js';
import { resourceByKey, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-LATTICE-005',
  area: 'lattice',
  title: 'VPC Lattice admits the consumers its auth policies name and denies everyone else (proved)',
  severity: 'high',
  rationale:
    'Each layer of the Lattice path (association or RAM share, the service network’s and the service’s auth policies, listener, target group, the network to the targets) can silently block a consumer or admit an unintended one; a proof per consumer, with the witness path or the blocking layer, shows the policies as deployed do what they say.',
  remediation:
    'Follow the blocking layer named in the finding: share the service network with the consumer’s account, fix the auth policy statement, or open the target’s security group to the Lattice prefix list; for a counterexample, narrow the statement that admits the unnamed caller.',
  references: [
    'https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html',
    'https://docs.aws.amazon.com/vpc-lattice/latest/ug/sharing.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.AA-05', 'PR.IR-01'],
    'iso-27001-2022': ['A.5.15', 'A.8.22'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  appliesTo: ['AWS::VpcLattice::Service', 'AWS::VpcLattice::AuthPolicy'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return latticeObligations(inventory).flatMap((o) => {
      const service = resourceByKey(inventory, o.service);
      if (!service) return [];
      const a = o.answer;
      const witness = a.path.length ? `path: ${a.path.map((h) => `${h.node} [${h.rule}]`).join(' → ')}` : '';
      const blocked = a.blockedBy?.length
        ? `blocked by: ${a.blockedBy.map((b) => `${b.node} [${b.rule}]`).join('; ')}`
        : '';
      const status = a.verdict === o.expected ? 'pass' : a.verdict === 'unknown' ? 'unknown' : 'fail';
      const head =
        status === 'pass'
          ? `${o.expected} as intended`
          : status === 'unknown'
            ? `expected ${o.expected}, not determined (${a.reason ?? ''})`
            : `expected ${o.expected}, but ${a.verdict}`;
      return [
        result(
          service,
          status,
          `${o.description}: ${head}; ${[witness, blocked].filter(Boolean).join('; ')}`,
        ),
      ];
    });
  },
};
