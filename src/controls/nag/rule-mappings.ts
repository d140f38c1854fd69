/**
 * Framework mappings for cdk-nag rules, so folded findings count in the same coverage matrix as vectorfort's
 * own controls. Only rules whose requirement is clearly the same are mapped; the rest fold unmapped.
 * Rule semantics: cdk-nag's RULES.md; FSBP ids: the Security Hub control reference.
 */
import type { FrameworkMappings } from '../../findings/index.js';

const m = (fsbp: string[], nist: string[], extra: FrameworkMappings = {}): FrameworkMappings => ({
  ...(fsbp.length ? { 'aws-fsbp': fsbp } : {}),
  ...(nist.length ? { 'nist-csf-2.0': nist } : {}),
  ...extra,
});

export const NAG_RULE_MAPPINGS: Readonly<Record<string, FrameworkMappings>> = {
  // AwsSolutions
  'AwsSolutions-EKS1': m(['EKS.1'], ['PR.IR-01'], { 'cis-eks-1.8': ['5.4.2'] }),
  'AwsSolutions-EKS2': m(['EKS.8'], ['PR.PS-04'], { 'cis-eks-1.8': ['2.1.1'] }),
  'AwsSolutions-S1': m(['S3.9'], ['PR.PS-04']),
  'AwsSolutions-S2': m(['S3.8'], ['PR.AA-05']),
  'AwsSolutions-S5': m([], ['PR.AA-05']),
  'AwsSolutions-S10': m(['S3.5'], ['PR.DS-02']),
  'AwsSolutions-VPC7': m(['EC2.6'], ['DE.CM-01']),
  'AwsSolutions-EC23': m(['EC2.18'], ['PR.IR-01']),
  'AwsSolutions-EC26': m(['EC2.3'], ['PR.DS-01']),
  'AwsSolutions-EC28': m([], ['DE.CM-09']),
  'AwsSolutions-EC29': m([], ['PR.IR-03']),
  'AwsSolutions-KMS5': m(['KMS.4'], ['PR.DS-01']),
  'AwsSolutions-IAM4': m([], ['PR.AA-05']),
  'AwsSolutions-IAM5': m(['IAM.21'], ['PR.AA-05']),
  'AwsSolutions-L1': m([], ['PR.PS-02']),
  'AwsSolutions-SMG4': m(['SecretsManager.1'], ['PR.AA-01']),
  'AwsSolutions-SNS2': m(['SNS.1'], ['PR.DS-01']),
  'AwsSolutions-SNS3': m([], ['PR.DS-02']),
  'AwsSolutions-SQS2': m(['SQS.1'], ['PR.DS-01']),
  'AwsSolutions-SQS4': m([], ['PR.DS-02']),
  'AwsSolutions-ELB2': m(['ELB.5'], ['PR.PS-04']),
  'AwsSolutions-CFR1': m([], ['PR.AA-05']),
  'AwsSolutions-CFR2': m(['CloudFront.6'], ['PR.IR-01']),
  'AwsSolutions-CFR4': m(['CloudFront.3'], ['PR.DS-02']),
  'AwsSolutions-CFR5': m(['CloudFront.10'], ['PR.DS-02']),
  // NIST 800-53 rev 5
  'NIST.800.53.R5-S3BucketLoggingEnabled': m(['S3.9'], ['PR.PS-04']),
  'NIST.800.53.R5-S3BucketSSLRequestsOnly': m(['S3.5'], ['PR.DS-02']),
  'NIST.800.53.R5-S3BucketVersioningEnabled': m(['S3.14'], ['PR.DS-11']),
  'NIST.800.53.R5-S3BucketReplicationEnabled': m([], ['PR.DS-11']),
  'NIST.800.53.R5-S3DefaultEncryptionKMS': m(['S3.17'], ['PR.DS-01']),
  'NIST.800.53.R5-S3BucketLevelPublicAccessProhibited': m(['S3.8'], ['PR.AA-05']),
  'NIST.800.53.R5-S3BucketPublicReadProhibited': m(['S3.2'], ['PR.AA-05']),
  'NIST.800.53.R5-S3BucketPublicWriteProhibited': m(['S3.3'], ['PR.AA-05']),
  'NIST.800.53.R5-VPCFlowLogsEnabled': m(['EC2.6'], ['DE.CM-01']),
  'NIST.800.53.R5-VPCDefaultSecurityGroupClosed': m(['EC2.2'], ['PR.IR-01']),
  'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW': m([], ['PR.IR-01']),
  'NIST.800.53.R5-VPCSubnetAutoAssignPublicIpDisabled': m(['EC2.15'], ['PR.IR-01']),
  'NIST.800.53.R5-EC2RestrictedSSH': m(['EC2.13'], ['PR.IR-01']),
  'NIST.800.53.R5-EC2RestrictedCommonPorts': m(['EC2.19'], ['PR.IR-01']),
  'NIST.800.53.R5-EC2IMDSv2Enabled': m(['EC2.8'], ['PR.AA-05']),
  'NIST.800.53.R5-EC2InstanceNoPublicIp': m(['EC2.9'], ['PR.IR-01']),
  'NIST.800.53.R5-KMSBackingKeyRotationEnabled': m(['KMS.4'], ['PR.DS-01']),
  'NIST.800.53.R5-CloudWatchLogGroupEncrypted': m([], ['PR.DS-01']),
  'NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod': m(['CloudWatch.16'], ['PR.PS-04']),
  'NIST.800.53.R5-SecretsManagerRotationEnabled': m(['SecretsManager.1'], ['PR.AA-01']),
  'NIST.800.53.R5-SecretsManagerUsingKMSKey': m([], ['PR.DS-01']),
  'NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess': m(['IAM.1'], ['PR.AA-05']),
  'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess': m(['IAM.21'], ['PR.AA-05']),
  'NIST.800.53.R5-IAMNoInlinePolicy': m([], ['PR.AA-05']),
  'NIST.800.53.R5-LambdaFunctionPublicAccessProhibited': m(['Lambda.1'], ['PR.AA-05']),
  'NIST.800.53.R5-LambdaInsideVPC': m([], ['PR.IR-01']),
  'NIST.800.53.R5-LambdaConcurrency': m([], ['PR.IR-04']),
  'NIST.800.53.R5-LambdaDLQ': m([], ['PR.IR-03']),
  'NIST.800.53.R5-CloudTrailEncryptionEnabled': m(['CloudTrail.2'], ['PR.DS-01']),
  'NIST.800.53.R5-CloudTrailLogFileValidationEnabled': m(['CloudTrail.4'], ['PR.PS-04']),
  'NIST.800.53.R5-CloudTrailCloudWatchLogsEnabled': m(['CloudTrail.5'], ['DE.CM-09']),
  'NIST.800.53.R5-SNSEncryptedKMS': m(['SNS.1'], ['PR.DS-01']),
  'NIST.800.53.R5-ALBHttpToHttpsRedirection': m(['ELB.1'], ['PR.DS-02']),
  'NIST.800.53.R5-ALBWAFEnabled': m(['ELB.16'], ['PR.IR-01']),
  'NIST.800.53.R5-ELBLoggingEnabled': m(['ELB.5'], ['PR.PS-04']),
  'NIST.800.53.R5-ELBDeletionProtectionEnabled': m(['ELB.6'], ['PR.IR-03']),
  'NIST.800.53.R5-ELBCrossZoneLoadBalancingEnabled': m(['ELB.13'], ['PR.IR-03']),
  'NIST.800.53.R5-ELBTlsHttpsListenersOnly': m([], ['PR.DS-02']),
  'NIST.800.53.R5-WAFv2LoggingEnabled': m(['WAF.11'], ['DE.CM-01']),
};

/** Mappings for a rule id; rules not in the table map to nothing (they still fold into the report). */
export function nagRuleMappings(ruleId: string): FrameworkMappings {
  return NAG_RULE_MAPPINGS[ruleId] ?? {};
}
