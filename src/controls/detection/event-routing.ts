/**
 * Security findings reach people: for each detection source in the templates (GuardDuty, Config, Security
 * Hub), an enabled EventBridge rule matches its events and has a target.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { isObject, isUnknownValue, listOf, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

const SOURCES: readonly { type: string; source: string }[] = [
  { type: 'AWS::GuardDuty::Detector', source: 'aws.guardduty' },
  { type: 'AWS::Config::ConfigurationRecorder', source: 'aws.config' },
  { type: 'AWS::SecurityHub::Hub', source: 'aws.securityhub' },
];

function routes(rule: CfnResource, source: string): boolean | 'unknown' {
  const state = stringOf(prop(rule, 'State'), 'State');
  if (state === 'DISABLED') return false;
  const pattern = prop(rule, 'EventPattern');
  if (!isObject(pattern)) return pattern === undefined ? false : 'unknown';
  const sources = listOf(pattern.source, 'source');
  if (isUnknownValue(sources)) return 'unknown';
  if (!(sources ?? []).includes(source)) return false;
  const targets = listOf(prop(rule, 'Targets'), 'Targets');
  if (isUnknownValue(targets)) return 'unknown';
  if ((targets ?? []).length === 0) return false;
  // A rule whose State is undetermined may be DISABLED.
  return isUnknownValue(state) ? 'unknown' : true;
}

export const control: Control = {
  id: 'VF-DETECTION-004',
  area: 'detection',
  title: 'GuardDuty, Config and Security Hub findings are routed to people',
  severity: 'medium',
  rationale:
    'A finding nobody sees is not detection. Each source must have an enabled EventBridge rule that sends its events to a target (the alert topic and its notifier); severity filtering and de-duplication keep the volume humane.',
  remediation:
    'Add an AWS::Events::Rule with EventPattern.source [aws.guardduty | aws.config | aws.securityhub] and a target (an SNS topic whose subscribers reach the on-call team).',
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/monitor-config-with-cloudwatchevents.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-integration-types.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['DE.AE-06', 'RS.MA-01'],
    'iso-27001-2022': ['A.5.25', 'A.8.16'],
    soc2: ['CC7.3', 'CC7.4'],
  },
  appliesTo: [
    'AWS::Events::Rule',
    'AWS::GuardDuty::Detector',
    'AWS::Config::ConfigurationRecorder',
    'AWS::SecurityHub::Hub',
  ],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const rules = resourcesOfType(inventory, 'AWS::Events::Rule');
    const results: ControlResult[] = [];
    for (const { type, source } of SOURCES) {
      for (const r of resourcesOfType(inventory, type)) {
        const verdicts = rules.map((rule) => [rule, routes(rule, source)] as const);
        const hit = verdicts.find(([, v]) => v === true);
        if (hit) results.push(result(r, 'pass', `${source} events go to ${hit[0].logicalId}`));
        else if (verdicts.some(([, v]) => v === 'unknown'))
          results.push(
            result(r, 'unknown', `an event rule with an undetermined pattern may route ${source} events`),
          );
        else
          results.push(
            result(r, 'fail', `no enabled EventBridge rule with a target matches ${source} events`),
          );
      }
    }
    return results;
  },
};
