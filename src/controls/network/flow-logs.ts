/** EC2.6: every VPC has a flow log capturing all traffic. */
import type { Inventory } from '../../inventory/model.js';
import {
  isUnknownValue,
  passIfCertain,
  prop,
  related,
  resourcesOfType,
  result,
  show,
  stringOf,
} from './cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-NETWORK-001',
  area: 'network',
  title: 'VPC flow logs capture all traffic',
  severity: 'medium',
  rationale:
    'Flow logs are the record of which addresses talked to which, accepted and rejected; without them an intrusion or an exfiltration through the network leaves no trace, and rejected-traffic alarms have nothing to read. ACCEPT-only or REJECT-only logs miss half of the story.',
  remediation:
    'Add an AWS::EC2::FlowLog with ResourceType VPC, ResourceId the VPC and TrafficType ALL, delivering to an encrypted log group or bucket (CDK: vpc.addFlowLog).',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.6'],
    'nist-csf-2.0': ['DE.CM-01', 'PR.PS-04'],
    'iso-27001-2022': ['A.8.15', 'A.8.16'],
    soc2: ['CC7.2'],
  },
  appliesTo: ['AWS::EC2::VPC', 'AWS::EC2::FlowLog'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::VPC').map((vpc) => {
      const partial: string[] = [];
      const undetermined: string[] = [];
      for (const [log, same] of related(inventory, 'AWS::EC2::FlowLog', 'ResourceId', vpc)) {
        if (isUnknownValue(same)) {
          undetermined.push(`${log.key} (resource ${show(prop(log, 'ResourceId'))})`);
          continue;
        }
        if (!same || stringOf(prop(log, 'ResourceType')) !== 'VPC') continue;
        const traffic = stringOf(prop(log, 'TrafficType'), 'TrafficType');
        if (traffic === 'ALL') return passIfCertain(vpc, log, `${log.key} records all traffic`);
        if (isUnknownValue(traffic)) undetermined.push(`${log.key}: TrafficType ${traffic.reason}`);
        else partial.push(`${log.key} records ${traffic ?? 'an unspecified traffic type'} only`);
      }
      if (undetermined.length > 0)
        return result(vpc, 'unknown', `undetermined flow logs: ${undetermined.join('; ')}`);
      if (partial.length > 0) return result(vpc, 'fail', partial.join('; '));
      return result(vpc, 'fail', 'the VPC has no flow log');
    });
  },
};
