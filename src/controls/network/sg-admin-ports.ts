/** EC2.13 / EC2.14 / EC2.19: no ingress from the internet to remote-administration and high-risk ports. */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { isUnknownValue, result } from './cfn.js';
import { coversPort, fromAnywhere, securityGroupRules, type SgRule } from './sg-rules.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

/** Remote administration ports, checked for TCP and UDP. */
const REMOTE_ADMIN_PORTS: readonly number[] = [22, 3389];

/** SSH and RDP first, then the ports Security Hub's EC2.19 calls high-risk. */
export const HIGH_RISK_PORTS = [
  22, 3389, 20, 21, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 4333, 5000, 5432, 5500, 5601, 8080,
  8088, 8888, 9200, 9300,
] as const;

export const control: Control = {
  id: 'VF-NETWORK-007',
  area: 'network',
  title: 'No security group admits the internet to SSH, RDP or other high-risk ports',
  severity: 'critical',
  rationale:
    'SSH, RDP, databases, search engines and admin consoles open to 0.0.0.0/0 are scanned within minutes of creation and are the most common initial access path in cloud incidents.',
  remediation:
    'Remove 0.0.0.0/0 and ::/0 sources from rules covering these ports; administer through Session Manager or the VPN, and let only named security groups reach data stores.',
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.13', 'EC2.14', 'EC2.19'],
    'nist-csf-2.0': ['PR.IR-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.20', 'A.8.2'],
    soc2: ['CC6.6'],
  },
  appliesTo: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const byOwner = new Map<CfnResource, SgRule[]>();
    for (const g of inventory.cfn.filter((r) => r.type === 'AWS::EC2::SecurityGroup')) byOwner.set(g, []);
    for (const rule of securityGroupRules(inventory, 'ingress')) {
      const owner = rule.group ?? rule.declaredBy;
      const list = byOwner.get(owner);
      if (list) list.push(rule);
      else byOwner.set(owner, [rule]);
    }
    const results: ControlResult[] = [];
    for (const [owner, rules] of byOwner) {
      const failures: string[] = [];
      const unknowns: string[] = [];
      for (const rule of rules) {
        const open = fromAnywhere(rule);
        const where = rule.path ? `${rule.declaredBy.key} ${rule.path}` : rule.declaredBy.key;
        if (open === false) continue;
        if (isUnknownValue(open)) {
          unknowns.push(`${where}: source ${open.reason}`);
          continue;
        }
        const exposed: number[] = [];
        for (const port of HIGH_RISK_PORTS) {
          // Remote administration is also exposed over UDP (RDP uses both); the rest are TCP services.
          const tcp = coversPort(rule, port, 'tcp');
          const covered =
            tcp === true || !REMOTE_ADMIN_PORTS.includes(port) ? tcp : coversPort(rule, port, 'udp');
          if (covered === true) exposed.push(port);
          else if (isUnknownValue(covered)) {
            unknowns.push(`${where}: ports ${covered.reason}`);
            break;
          }
        }
        if (exposed.length > 0) failures.push(`${where} admits ${rule.peer} to port ${exposed.join(', ')}`);
      }
      if (failures.length > 0) results.push(result(owner, 'fail', failures.join('; ')));
      else if (unknowns.length > 0) results.push(result(owner, 'unknown', unknowns.join('; ')));
      else results.push(result(owner, 'pass', 'no high-risk port is open to the internet'));
    }
    return results;
  },
};
