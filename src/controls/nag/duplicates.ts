/**
 * cdk-nag rules that check what one of our controls checks. Where both report on the same resource, the
 * cdk-nag finding is marked as a duplicate of ours and ranked after it, so a reader meets our finding (with
 * its path, message and remediation) first and does not count one problem twice.
 */
import type { Finding } from '../../findings/index.js';
import type { ControlId } from '../types.js';

export const NAG_DUPLICATES: Readonly<Record<string, readonly ControlId[]>> = {
  // AwsSolutions
  'AwsSolutions-EKS1': ['VF-EKS-001'],
  'AwsSolutions-EKS2': ['VF-EKS-004'],
  'AwsSolutions-S1': ['VF-DATA-007'],
  'AwsSolutions-S2': ['VF-DATA-002'],
  'AwsSolutions-S10': ['VF-DATA-003'],
  'AwsSolutions-VPC7': ['VF-NETWORK-001'],
  'AwsSolutions-EC23': ['VF-NETWORK-006'],
  'AwsSolutions-EC26': ['VF-DATA-019', 'VF-EKS-012', 'VF-EKS-020', 'VF-EKS-021'],
  'AwsSolutions-KMS5': ['VF-DATA-008'],
  'AwsSolutions-SMG4': ['VF-DATA-013'],
  'AwsSolutions-SNS2': ['VF-DATA-016'],
  'AwsSolutions-SQS2': ['VF-DATA-017'],
  // NIST 800-53 rev 5
  'NIST.800.53.R5-S3BucketLoggingEnabled': ['VF-DATA-007'],
  'NIST.800.53.R5-S3BucketSSLRequestsOnly': ['VF-DATA-003'],
  'NIST.800.53.R5-S3BucketVersioningEnabled': ['VF-DATA-004'],
  'NIST.800.53.R5-S3DefaultEncryptionKMS': ['VF-DATA-001'],
  'NIST.800.53.R5-S3BucketLevelPublicAccessProhibited': ['VF-DATA-002'],
  'NIST.800.53.R5-S3BucketPublicReadProhibited': ['VF-DATA-002', 'VF-DATA-014'],
  'NIST.800.53.R5-S3BucketPublicWriteProhibited': ['VF-DATA-002', 'VF-DATA-014'],
  'NIST.800.53.R5-VPCFlowLogsEnabled': ['VF-NETWORK-001'],
  'NIST.800.53.R5-VPCDefaultSecurityGroupClosed': ['VF-NETWORK-005'],
  'NIST.800.53.R5-VPCSubnetAutoAssignPublicIpDisabled': ['VF-NETWORK-003'],
  'NIST.800.53.R5-EC2RestrictedSSH': ['VF-NETWORK-007'],
  'NIST.800.53.R5-EC2RestrictedCommonPorts': ['VF-NETWORK-007'],
  'NIST.800.53.R5-EC2IMDSv2Enabled': ['VF-EKS-017'],
  'NIST.800.53.R5-KMSBackingKeyRotationEnabled': ['VF-DATA-008'],
  'NIST.800.53.R5-CloudWatchLogGroupEncrypted': ['VF-DATA-011'],
  'NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod': ['VF-DATA-010'],
  'NIST.800.53.R5-SecretsManagerRotationEnabled': ['VF-DATA-013'],
  'NIST.800.53.R5-SecretsManagerUsingKMSKey': ['VF-DATA-012'],
  'NIST.800.53.R5-SNSEncryptedKMS': ['VF-DATA-016'],
  'NIST.800.53.R5-ALBHttpToHttpsRedirection': ['VF-EDGE-002'],
  'NIST.800.53.R5-ALBWAFEnabled': ['VF-EDGE-004'],
  'NIST.800.53.R5-WAFv2LoggingEnabled': ['VF-EDGE-006'],
  'NIST.800.53.R5-CloudTrailEncryptionEnabled': ['VF-DETECTION-001'],
  'NIST.800.53.R5-CloudTrailLogFileValidationEnabled': ['VF-DETECTION-001'],
  'NIST.800.53.R5-CloudTrailCloudWatchLogsEnabled': ['VF-DETECTION-001'],
};

/**
 * cdk-nag's findings with `duplicateOf` set where one of our controls in `ours` evaluated the same resource
 * (whatever its status: a pass of ours and a failure of theirs is a disagreement a reviewer should see next to
 * each other, not a second problem).
 */
export function markDuplicates(ours: readonly Finding[], nag: readonly Finding[]): Finding[] {
  return duplicateMarker(ours)(nag);
}

/**
 * `markDuplicates` against `ours`, for cdk-nag's findings given in parts: the index of ours is built once, and
 * each template's findings can be marked as they come back from the packs, while the caller waits for the rest.
 */
export function duplicateMarker(ours: readonly Finding[]): (nag: readonly Finding[]) => Finding[] {
  // Only the controls some cdk-nag rule duplicates are looked up: keying every finding of a large input was
  // most of the time this took. Keyed by the resource's id as it stands (findings of one resource share their
  // locator, so V8 hashes each id once) rather than by a key built per lookup, which hashed afresh every time.
  const evaluated = new Map<string, Set<string>>();
  for (const f of ours)
    if (f.status !== 'not-applicable' && DUPLICATED_CONTROLS.has(f.ruleId)) {
      const controls = evaluated.get(f.resource.id);
      if (controls) controls.add(f.ruleId);
      else evaluated.set(f.resource.id, new Set([f.ruleId]));
    }
  return (nag) =>
    nag.map((f) => {
      const controls = Object.hasOwn(NAG_DUPLICATES, f.ruleId) ? NAG_DUPLICATES[f.ruleId] : undefined;
      if (controls === undefined) return f;
      const ofResource = evaluated.get(f.resource.id);
      if (ofResource === undefined) return f;
      const duplicateOf = controls.filter((id) => ofResource.has(id));
      return duplicateOf.length > 0 ? { ...f, duplicateOf } : f;
    });
}

/** Our controls that some cdk-nag rule duplicates. */
const DUPLICATED_CONTROLS: ReadonlySet<string> = new Set(Object.values(NAG_DUPLICATES).flat());
