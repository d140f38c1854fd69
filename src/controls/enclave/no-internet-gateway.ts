/** An enclave has no internet gateway: no IPv4 route to the internet, and no IPv6 path in (egress-only only). */
import type { Inventory } from '../../inventory/model.js';
import { isSymbolic } from '../../inventory/values.js';
import { result, target } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { ENCLAVE_FRAMEWORKS, enclaveVpcs, inStackOf } from './scope.js';

export const control: Control = {
  id: 'VF-ENCLAVE-003',
  area: 'enclave',
  title: 'An enclave has no internet gateway or route to one',
  severity: 'critical',
  rationale:
    'An internet gateway carries IPv4 both ways and IPv6 both ways; with it any subnet routed to it is reachable from the internet. An egress-only internet gateway carries IPv6 connections started inside and nothing else.',
  remediation:
    'Remove the AWS::EC2::InternetGateway, its VPCGatewayAttachment and every route to it; route IPv6 to an AWS::EC2::EgressOnlyInternetGateway.',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html'],
  frameworks: { ...ENCLAVE_FRAMEWORKS, 'cis-eks-1.8': ['5.4.3'] },
  appliesTo: ['AWS::EC2::VPC', 'AWS::EC2::InternetGateway', 'AWS::EC2::Route'],
  since: '0.2.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return enclaveVpcs(inventory).map(({ vpc, undetermined }) => {
      const gateways = inStackOf(inventory, vpc, 'AWS::EC2::InternetGateway');
      const withGateway = inStackOf(inventory, vpc, 'AWS::EC2::Route').filter(
        (r) => r.properties.GatewayId !== undefined,
      );
      const routes = withGateway.filter((r) => {
        const gateway = r.properties.GatewayId;
        return typeof gateway === 'string'
          ? gateway.startsWith('igw-')
          : target(inventory, gateway)?.type === 'AWS::EC2::InternetGateway';
      });
      if (gateways.length || routes.length)
        return result(
          vpc,
          'fail',
          `the enclave's stack has an internet gateway or routes to one: ${[...gateways, ...routes].map((r) => r.key).join(', ')}`,
        );
      const open = withGateway.filter(
        (r) => isSymbolic(r.properties.GatewayId) && target(inventory, r.properties.GatewayId) === undefined,
      );
      if (open.length)
        return result(
          vpc,
          'unknown',
          `the gateway of ${open.map((r) => r.key).join(', ')} is not determined`,
        );
      if (undetermined)
        return result(vpc, 'unknown', 'whether the VPC is an enclave (its tags are not determined)', 'Tags');
      return result(vpc, 'pass', 'no internet gateway; IPv6 leaves only through an egress-only gateway');
    });
  },
};
