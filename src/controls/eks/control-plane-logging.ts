/** EKS.8 / CIS 2.1.1: all five control-plane log types go to CloudWatch Logs. */
import type { Inventory } from '../../inventory/model.js';
import { isObject, isUnknownValue, listOf, prop, resourcesOfType, result, show } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

export const control: Control = {
  id: 'VF-EKS-004',
  area: 'eks',
  title: 'EKS control-plane logging is on for all five log types',
  severity: 'medium',
  rationale:
    'The audit and authenticator logs are the only record of who did what through the Kubernetes API and which IAM identity was mapped to which user; api, controllerManager and scheduler logs explain control-plane behaviour during an incident. EKS enables none by default.',
  remediation:
    'Set Logging.ClusterLogging.EnabledTypes on the AWS::EKS::Cluster to api, audit, authenticator, controllerManager and scheduler (CDK: clusterLogging with all ClusterLoggingTypes).',
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-8',
    'CIS Amazon EKS Benchmark v1.8.0, 2.1.1',
  ],
  frameworks: {
    'aws-fsbp': ['EKS.8'],
    'cis-eks-1.8': ['2.1.1', '2.1.2'],
    'nist-csf-2.0': ['PR.PS-04', 'DE.CM-09'],
    'iso-27001-2022': ['A.8.15', 'A.8.16'],
    soc2: ['CC7.2'],
  },
  appliesTo: ['AWS::EKS::Cluster'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Cluster').map((r) => {
      const path = 'Logging.ClusterLogging.EnabledTypes';
      const types = listOf(prop(r, path), 'EnabledTypes');
      if (types === undefined)
        return result(
          r,
          'fail',
          'control-plane logging is not configured: EKS enables no log type by default',
          path,
        );
      if (isUnknownValue(types)) return result(r, 'unknown', `EnabledTypes: ${types.reason}`, path);
      const enabled = new Set<string>();
      const undetermined: string[] = [];
      for (const t of types) {
        const name = isObject(t) ? t.Type : t;
        if (typeof name === 'string') enabled.add(name);
        else undetermined.push(show(name));
      }
      const missing = EKS_LOG_TYPES.filter((t) => !enabled.has(t));
      if (missing.length === 0)
        return result(r, 'pass', 'all five control-plane log types are enabled', path);
      if (undetermined.length > 0)
        return result(
          r,
          'unknown',
          `log types ${undetermined.join(', ')} are undetermined; missing ${missing.join(', ')}`,
          path,
        );
      return result(r, 'fail', `control-plane log types not enabled: ${missing.join(', ')}`, path);
    });
  },
};
