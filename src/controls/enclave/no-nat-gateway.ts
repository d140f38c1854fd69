/** An enclave has no NAT gateway: IPv4 traffic has no way out. */
import type { Inventory } from '../../inventory/model.js';
import { result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { ENCLAVE_FRAMEWORKS, enclaveVpcs, inStackOf } from './scope.js';

export const control: Control = {
  id: 'VF-ENCLAVE-001',
  area: 'enclave',
  title: 'An enclave has no NAT gateway',
  severity: 'high',
  rationale:
    "A NAT gateway gives every private host a way to the IPv4 internet and holds a public IPv4 address; an enclave's only way out is its IPv6 channel to the control plane.",
  remediation:
    'Remove the AWS::EC2::NatGateway resources (and their Elastic IPs and routes) from the enclave stack; reach AWS through VPC endpoints.',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html'],
  frameworks: ENCLAVE_FRAMEWORKS,
  appliesTo: ['AWS::EC2::VPC', 'AWS::EC2::NatGateway'],
  since: '0.2.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return enclaveVpcs(inventory).map(({ vpc, undetermined }) => {
      const nat = inStackOf(inventory, vpc, 'AWS::EC2::NatGateway');
      if (nat.length > 0)
        return result(
          vpc,
          'fail',
          `the enclave's stack has NAT gateways: ${nat.map((n) => n.key).join(', ')}`,
        );
      if (undetermined)
        return result(vpc, 'unknown', 'whether the VPC is an enclave (its tags are not determined)', 'Tags');
      return result(vpc, 'pass', 'no NAT gateway in the enclave');
    });
  },
};
