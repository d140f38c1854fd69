/** Subnets declared private or isolated have no route that makes them public; isolated ones reach no internet at all. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, resourcesOfType, result } from './cfn.js';
import { declaredTier, defaultRoutes, routeTableOf } from './topology.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-NETWORK-004',
  area: 'network',
  title: 'Isolated tiers have no route to the internet; private tiers none to an internet gateway',
  severity: 'high',
  rationale:
    "The tiers are the network's first boundary: the data and endpoints tiers must not reach the internet at all (exfiltration, command-and-control), and a private tier with an internet-gateway route is a public tier in disguise.",
  remediation:
    'Remove 0.0.0.0/0 and ::/0 routes to internet gateways, NAT gateways and egress-only gateways from the route tables of isolated subnets, and internet-gateway routes from private ones; reach AWS services through VPC endpoints.',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html',
  ],
  frameworks: {
    'cis-eks-1.8': ['5.4.3'],
    'nist-csf-2.0': ['PR.IR-01', 'ID.AM-03'],
    'iso-27001-2022': ['A.8.22', 'A.8.20'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::EC2::Subnet', 'AWS::EC2::Route', 'AWS::EC2::SubnetRouteTableAssociation'],
  since: '0.1.0',
  check(inventory: Inventory, context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::Subnet').map((s) => {
      const declared = declaredTier(s, context.flowSpec);
      if (!declared || declared.tier === 'public')
        return result(
          s,
          'not-applicable',
          declared ? 'a public-tier subnet' : 'no tier is declared for this subnet',
        );
      const table = routeTableOf(inventory, s);
      if (table === undefined)
        return result(s, 'pass', 'the subnet uses the VPC main route table (local route only)');
      if (isUnknownValue(table)) return result(s, 'unknown', `its route table: ${table.reason}`);
      const forbidden =
        declared.tier === 'isolated'
          ? ['internet-gateway', 'nat', 'egress-only-gateway']
          : ['internet-gateway'];
      const routes = defaultRoutes(inventory, table);
      const bad = routes.filter((r) => typeof r.kind === 'string' && forbidden.includes(r.kind));
      const tierText = `the ${declared.name} tier (${declared.tier}, per ${declared.source})`;
      if (bad.length > 0)
        return result(s, 'fail', `${tierText}: ${bad.map((r) => r.description).join('; ')}`);
      const unknown = routes.filter((r) => isUnknownValue(r.kind));
      if (unknown.length > 0)
        return result(s, 'unknown', `${tierText}: ${unknown.map((r) => r.description).join('; ')}`);
      return result(s, 'pass', `${tierText}: no forbidden default route in ${table.key}`);
    });
  },
};
