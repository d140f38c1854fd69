/** Nothing in an enclave holds a public IPv4 address. */
import type { Inventory } from '../../inventory/model.js';
import { boolOf, isUnknownValue, prop, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { ENCLAVE_FRAMEWORKS, enclaveVpcs, inStackOf } from './scope.js';

export const control: Control = {
  id: 'VF-ENCLAVE-002',
  area: 'enclave',
  title: 'Nothing in an enclave has a public IPv4 address',
  severity: 'high',
  rationale:
    'A public IPv4 address (an Elastic IP, a subnet that maps one on launch, an internet-facing load balancer, a Client VPN endpoint) is a way in from the internet; an enclave accepts no connection from outside.',
  remediation:
    'Remove Elastic IPs, internet-facing load balancers and Client VPN endpoints from the enclave stack and set MapPublicIpOnLaunch to false on every subnet.',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html'],
  frameworks: { ...ENCLAVE_FRAMEWORKS, 'aws-fsbp': ['EC2.15'] },
  appliesTo: [
    'AWS::EC2::VPC',
    'AWS::EC2::EIP',
    'AWS::EC2::Subnet',
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    'AWS::EC2::ClientVpnEndpoint',
  ],
  since: '0.2.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return enclaveVpcs(inventory).map(({ vpc, undetermined }) => {
      const found: string[] = [];
      const open: string[] = [];
      for (const eip of inStackOf(inventory, vpc, 'AWS::EC2::EIP')) found.push(`Elastic IP ${eip.key}`);
      for (const vpn of inStackOf(inventory, vpc, 'AWS::EC2::ClientVpnEndpoint'))
        found.push(`Client VPN endpoint ${vpn.key}`);
      for (const s of inStackOf(inventory, vpc, 'AWS::EC2::Subnet')) {
        const maps = boolOf(prop(s, 'MapPublicIpOnLaunch'));
        if (isUnknownValue(maps)) open.push(`MapPublicIpOnLaunch of ${s.key}`);
        else if (maps) found.push(`subnet ${s.key} maps public IPv4 addresses`);
      }
      for (const lb of inStackOf(inventory, vpc, 'AWS::ElasticLoadBalancingV2::LoadBalancer')) {
        const scheme = stringOf(prop(lb, 'Scheme'));
        if (isUnknownValue(scheme)) open.push(`Scheme of ${lb.key}`);
        // Load balancers are internet-facing unless the scheme says internal.
        else if (scheme !== 'internal') found.push(`internet-facing load balancer ${lb.key}`);
      }
      if (found.length) return result(vpc, 'fail', `public IPv4 in the enclave: ${found.join('; ')}`);
      if (undetermined || open.length)
        return result(
          vpc,
          'unknown',
          `not determined: ${[...(undetermined ? ['the VPC tags'] : []), ...open].join(', ')}`,
        );
      return result(
        vpc,
        'pass',
        'no Elastic IP, public subnet mapping, internet-facing load balancer or VPN endpoint',
      );
    });
  },
};
