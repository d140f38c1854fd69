/** EKS.3 / CIS 5.3.1: Kubernetes secrets are envelope-encrypted with a customer-managed KMS key. */
import type { Inventory } from '../../inventory/model.js';
import { isObject, isUnknownValue, listOf, prop, resourcesOfType, result, show } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EKS-003',
  area: 'eks',
  title: 'EKS secrets are envelope-encrypted with a customer-managed KMS key',
  severity: 'high',
  rationale:
    "Without envelope encryption, Kubernetes Secrets sit in etcd protected only by EKS's volume encryption. A customer-managed KMS key adds a second layer whose use is logged in CloudTrail and whose access the account controls and can revoke.",
  remediation:
    'Add EncryptionConfig: [{Resources: [secrets], Provider: {KeyArn: <customer-managed KMS key ARN>}}] to the AWS::EKS::Cluster (CDK: secretsEncryptionKey).',
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-3',
    'CIS Amazon EKS Benchmark v1.8.0, 5.3.1',
  ],
  frameworks: {
    'aws-fsbp': ['EKS.3'],
    'cis-eks-1.8': ['5.3.1'],
    'nist-csf-2.0': ['PR.DS-01'],
    'iso-27001-2022': ['A.8.24'],
    soc2: ['CC6.1', 'C1.1'],
  },
  appliesTo: ['AWS::EKS::Cluster'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Cluster').map((r) => {
      const configs = listOf(prop(r, 'EncryptionConfig'), 'EncryptionConfig');
      if (configs === undefined || (Array.isArray(configs) && configs.length === 0))
        return result(
          r,
          'fail',
          'EncryptionConfig is not set: secrets are not envelope-encrypted',
          'EncryptionConfig',
        );
      if (isUnknownValue(configs))
        return result(r, 'unknown', `EncryptionConfig: ${configs.reason}`, 'EncryptionConfig');
      let undetermined: string | undefined;
      for (const [i, c] of configs.entries()) {
        if (!isObject(c)) {
          undetermined = `EncryptionConfig.${i} is ${show(c)}`;
          continue;
        }
        const resources = listOf(c.Resources, 'Resources');
        if (isUnknownValue(resources)) {
          undetermined = `EncryptionConfig.${i}.Resources: ${resources.reason}`;
          continue;
        }
        if (!resources?.includes('secrets')) continue;
        const key = isObject(c.Provider) ? c.Provider.KeyArn : undefined;
        // EKS accepts only symmetric customer-managed keys here, so any key named is a CMK.
        if (key === undefined || key === null || key === '')
          return result(r, 'fail', 'secrets encryption names no KMS key', `EncryptionConfig.${i}.Provider`);
        if (isUnknownValue(key))
          return result(r, 'unknown', `the KMS key: ${key.reason}`, `EncryptionConfig.${i}.Provider.KeyArn`);
        return result(r, 'pass', `secrets are encrypted with KMS key ${show(key)}`, `EncryptionConfig.${i}`);
      }
      if (undetermined) return result(r, 'unknown', undetermined, 'EncryptionConfig');
      return result(r, 'fail', 'EncryptionConfig does not cover the secrets resource', 'EncryptionConfig');
    });
  },
};
