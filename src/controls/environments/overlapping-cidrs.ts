/** VF-ENV-001: environments that are peered or share a transit path have VPC ranges that do not overlap. */
import { cidrsOverlap, parseCidr, type Cidr } from '../../contract/cidr.js';
import type { CfnResource } from '../../inventory/model.js';
import { locate, resourcesOfType } from '../network/cfn.js';
import type { ControlResult } from '../types.js';
import type { EnvironmentControl, EnvironmentUnderCheck } from './types.js';

type VpcRange = { readonly vpc: CfnResource; readonly cidr?: Cidr; readonly text: string };

function rangesOf(env: EnvironmentUnderCheck): VpcRange[] {
  return resourcesOfType(env.inventory, 'AWS::EC2::VPC').map((vpc) => {
    const value = vpc.properties.CidrBlock;
    const cidr = typeof value === 'string' ? parseCidr(value) : undefined;
    return {
      vpc,
      ...(cidr ? { cidr } : {}),
      text: typeof value === 'string' ? value : 'a range the template does not state',
    };
  });
}

export const control: EnvironmentControl = {
  id: 'VF-ENV-001',
  area: 'environment',
  title: 'Connected environments have VPC ranges that do not overlap',
  severity: 'high',
  rationale:
    'Peering and transit gateways route by destination range: two connected VPCs with overlapping ranges cannot reach each other for the overlap, and a route meant for one environment can deliver traffic into the other, so development traffic can land in production.',
  remediation:
    'Give every environment its own VPC range (`environments.<name>.vpcCidr`), disjoint from every environment it is peered with or shares a transit gateway with (`connectedTo`).',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations',
    'https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.IR-01'],
    'iso-27001-2022': ['A.8.22', 'A.8.31'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::EC2::VPC'],
  since: '0.1.0',
  check(environments): ControlResult[] {
    const byName = new Map(environments.map((e) => [e.name, e]));
    const results: ControlResult[] = [];
    for (const env of environments) {
      const peers = environments.filter(
        (other) =>
          other !== env && (env.connectedTo.includes(other.name) || other.connectedTo.includes(env.name)),
      );
      for (const own of rangesOf(env)) {
        if (peers.length === 0) continue;
        const overlaps: string[] = [];
        const undetermined: string[] = [];
        for (const peer of peers)
          for (const theirs of rangesOf(byName.get(peer.name)!)) {
            if (!own.cidr || !theirs.cidr) {
              undetermined.push(`${peer.name} (${theirs.vpc.key}: ${theirs.text})`);
              continue;
            }
            if (cidrsOverlap(own.cidr, theirs.cidr))
              overlaps.push(`${peer.name} (${theirs.vpc.key}, ${theirs.text})`);
          }
        const where = locate(own.vpc, 'CidrBlock');
        if (overlaps.length > 0)
          results.push({
            status: 'fail',
            resource: where,
            message: `${env.name}'s VPC range ${own.text} overlaps the connected environment ${overlaps.join(', ')}`,
          });
        else if (!own.cidr || undetermined.length > 0)
          results.push({
            status: 'unknown',
            resource: where,
            message: `cannot compare ${env.name}'s VPC range ${own.text} with ${undetermined.join(', ') || 'its connected environments'}`,
          });
        else
          results.push({
            status: 'pass',
            resource: where,
            message: `${env.name}'s VPC range ${own.text} is disjoint from its connected environments (${peers.map((p) => p.name).join(', ')})`,
          });
      }
    }
    return results;
  },
};
