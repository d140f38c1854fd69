/** CloudWatch.16 and AU-11: log groups keep events for a retention someone decided, at least a year. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, numberOf, prop, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const MIN_RETENTION_DAYS = 365;

export const control: Control = {
  id: 'VF-DATA-010',
  area: 'data',
  title: 'CloudWatch log groups retain events for a set period of at least 365 days',
  severity: 'medium',
  rationale:
    'Intrusions are often found months after they start; audit, flow and application logs must still exist then. Security Hub checks for at least 365 days and lets a group without retention pass, since it keeps events forever; NIST 800-53 AU-11 asks for a retention the organisation defined, and a group that never expires was never decided on: its storage grows without bound and personal data in its logs is kept forever.',
  remediation: `Set RetentionInDays to ${MIN_RETENTION_DAYS} or more on every AWS::Logs::LogGroup (CDK: retention: RetentionDays.ONE_YEAR).`,
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-16',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
  ],
  frameworks: {
    'aws-fsbp': ['CloudWatch.16'],
    'cis-eks-1.8': ['2.1.2'],
    'nist-csf-2.0': ['PR.PS-04'],
    'iso-27001-2022': ['A.8.15', 'A.5.28'],
    soc2: ['CC7.2'],
  },
  appliesTo: ['AWS::Logs::LogGroup'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::Logs::LogGroup').map((g) => {
      const days = numberOf(prop(g, 'RetentionInDays'), 'RetentionInDays');
      if (days === undefined)
        return result(
          g,
          'fail',
          'no retention set: events never expire, a retention nobody decided on',
          'RetentionInDays',
        );
      if (isUnknownValue(days))
        return result(g, 'unknown', `RetentionInDays: ${days.reason}`, 'RetentionInDays');
      return days >= MIN_RETENTION_DAYS
        ? result(g, 'pass', `events are kept ${days} days`, 'RetentionInDays')
        : result(
            g,
            'fail',
            `events are kept only ${days} days (at least ${MIN_RETENTION_DAYS} required)`,
            'RetentionInDays',
          );
    });
  },
};
