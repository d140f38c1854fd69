/** FSBP Config.1, refined: AWS Config records everything and runs the managed rules the architecture promises. */
import type { Inventory } from '../../inventory/model.js';
import { boolOf, isObject, isUnknownValue, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { absentResults } from './platform.js';

/** Managed rules every deployment needs; ALB_WAF_ENABLED too when a web ACL is associated with a load balancer. */
export const REQUIRED_CONFIG_RULES = [
  'INCOMING_SSH_DISABLED',
  'RESTRICTED_INCOMING_TRAFFIC',
  'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS',
  'S3_BUCKET_PUBLIC_READ_PROHIBITED',
  'S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
  'S3_BUCKET_SSL_REQUESTS_ONLY',
  'EKS_ENDPOINT_NO_PUBLIC_ACCESS',
  'EKS_SECRETS_ENCRYPTED',
  'CLOUD_TRAIL_ENABLED',
  'CMK_BACKING_KEY_ROTATION_ENABLED',
  'VPC_FLOW_LOGS_ENABLED',
] as const;

export const control: Control = {
  id: 'VF-DETECTION-003',
  area: 'detection',
  title: 'AWS Config records all resources and runs the managed rules this architecture promises',
  severity: 'medium',
  rationale:
    'The template is checked once; the account drifts every day. Config re-evaluates the promises (no SSH, no open ports, private buckets, private API, encrypted secrets, rotated keys, flow logs, WAF) continuously and records who changed what.',
  remediation: `Add a configuration recorder (AllSupported, with global types), a delivery channel, and the AWS managed rules ${REQUIRED_CONFIG_RULES.join(', ')} (plus ALB_WAF_ENABLED with an ALB web ACL).`,
  references: [
    'https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html',
  ],
  frameworks: {
    'aws-fsbp': ['Config.1'],
    'nist-csf-2.0': ['PR.PS-01', 'DE.CM-09'],
    'iso-27001-2022': ['A.8.9'],
    soc2: ['CC7.1'],
  },
  appliesTo: [
    'AWS::Config::ConfigurationRecorder',
    'AWS::Config::DeliveryChannel',
    'AWS::Config::ConfigRule',
  ],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const recorders = resourcesOfType(inventory, 'AWS::Config::ConfigurationRecorder');
    if (recorders.length === 0) return absentResults(inventory, 'AWS Config recorder');
    const present = new Set<string>();
    let undetermined = false;
    for (const rule of resourcesOfType(inventory, 'AWS::Config::ConfigRule')) {
      const source = prop(rule, 'Source');
      const id = isObject(source) ? stringOf(source.SourceIdentifier, 'SourceIdentifier') : undefined;
      if (typeof id === 'string') present.add(id);
      else undetermined = true;
    }
    const required: string[] = [...REQUIRED_CONFIG_RULES];
    if (resourcesOfType(inventory, 'AWS::WAFv2::WebACLAssociation').length > 0)
      required.push('ALB_WAF_ENABLED');
    const channel = resourcesOfType(inventory, 'AWS::Config::DeliveryChannel').length > 0;
    return recorders.map((r) => {
      const path = 'RecordingGroup';
      const all = boolOf(prop(r, 'RecordingGroup.AllSupported'), 'AllSupported');
      const missing = required.filter((id) => !present.has(id));
      const problems = [
        ...(all === false ? ['records only selected resource types'] : []),
        ...(channel ? [] : ['no delivery channel']),
      ];
      // A rule whose identifier the template does not determine may be one of the missing ones.
      if (missing.length && !undetermined) problems.push(`missing managed rules: ${missing.join(', ')}`);
      if (problems.length) return result(r, 'fail', problems.join('; '), path);
      if (missing.length || isUnknownValue(all))
        return result(
          r,
          'unknown',
          `not determined: ${missing.length ? `rules ${missing.join(', ')}` : 'AllSupported'}`,
          path,
        );
      return result(r, 'pass', `records all resources and runs ${required.length} managed rules`, path);
    });
  },
};
