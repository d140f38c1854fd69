/** FSBP GuardDuty.1/5/7/10: an enabled detector that watches EKS audit logs, EKS runtime and S3. */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import {
  boolOf,
  isObject,
  isUnknownValue,
  listOf,
  prop,
  resourcesOfType,
  result,
  stringOf,
} from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { absentResults } from './platform.js';

type Verdict = 'on' | 'off' | 'unknown';

/** Feature status from `Features`, falling back to the legacy `DataSources` where one exists. */
function feature(detector: CfnResource, names: readonly string[], legacyPath?: string): Verdict {
  const features = listOf(prop(detector, 'Features'), 'Features');
  if (isUnknownValue(features)) return 'unknown';
  for (const f of features ?? []) {
    if (!isObject(f)) return 'unknown';
    const name = stringOf(f.Name, 'Name');
    if (typeof name !== 'string' || !names.includes(name)) continue;
    const status = stringOf(f.Status, 'Status');
    if (isUnknownValue(status)) return 'unknown';
    return status === 'ENABLED' ? 'on' : 'off';
  }
  if (legacyPath) {
    const legacy = boolOf(prop(detector, legacyPath), legacyPath);
    if (isUnknownValue(legacy)) return 'unknown';
    if (legacy === true) return 'on';
  }
  return 'off';
}

export const control: Control = {
  id: 'VF-DETECTION-002',
  area: 'detection',
  title: 'GuardDuty is enabled with EKS audit-log monitoring, EKS runtime monitoring and S3 protection',
  severity: 'high',
  rationale:
    'GuardDuty is how a compromised pod, a stolen node credential or a backup being read from an unusual place becomes a finding. Each protection plan is separate: a bare detector sees neither the Kubernetes audit log nor what runs inside the nodes.',
  remediation:
    'Set Enable to true and Features EKS_AUDIT_LOGS, EKS_RUNTIME_MONITORING (or RUNTIME_MONITORING) and S3_DATA_EVENTS to ENABLED, and make sure the runtime agent can reach GuardDuty (add-on management or the aws-guardduty-agent add-on with a guardduty-data endpoint).',
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/kubernetes-protection.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/s3-protection.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html',
  ],
  frameworks: {
    'aws-fsbp': ['GuardDuty.1', 'GuardDuty.5', 'GuardDuty.7', 'GuardDuty.10'],
    'nist-csf-2.0': ['DE.CM-01', 'DE.CM-09', 'DE.AE-02'],
    'iso-27001-2022': ['A.8.16'],
    soc2: ['CC7.2'],
  },
  appliesTo: ['AWS::GuardDuty::Detector'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const detectors = resourcesOfType(inventory, 'AWS::GuardDuty::Detector');
    if (detectors.length === 0) return absentResults(inventory, 'GuardDuty detector');
    return detectors.map((d) => {
      const enabled = boolOf(prop(d, 'Enable'), 'Enable');
      if (isUnknownValue(enabled)) return result(d, 'unknown', `Enable: ${enabled.reason}`, 'Enable');
      if (enabled !== true) return result(d, 'fail', 'the detector is disabled', 'Enable');
      const verdicts = {
        'EKS audit-log monitoring': feature(d, ['EKS_AUDIT_LOGS'], 'DataSources.Kubernetes.AuditLogs.Enable'),
        'EKS runtime monitoring': feature(d, ['EKS_RUNTIME_MONITORING', 'RUNTIME_MONITORING']),
        'S3 protection': feature(d, ['S3_DATA_EVENTS'], 'DataSources.S3Logs.Enable'),
      };
      const off = Object.entries(verdicts)
        .filter(([, v]) => v === 'off')
        .map(([k]) => k);
      if (off.length) return result(d, 'fail', `not enabled: ${off.join(', ')}`, 'Features');
      if (Object.values(verdicts).includes('unknown'))
        return result(d, 'unknown', "a protection plan's status is not determined", 'Features');
      return result(d, 'pass', 'EKS audit logs, EKS runtime and S3 protection are enabled', 'Features');
    });
  },
};
