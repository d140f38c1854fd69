import type { Framework } from './types.js';

const ACCOUNT_LEVEL = 'an account or region setting, shown by the live auditor, not by one stack';

/** AWS Security Hub Foundational Security Best Practices: the controls for the services vectorfort deploys. */
export const AWS_FSBP: Framework = {
  key: 'aws-fsbp',
  name: 'AWS Foundational Security Best Practices',
  version: 'v1.0.0',
  url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html',
  requirements: [
    { id: 'EKS.1', title: 'EKS cluster endpoints should not be publicly accessible' },
    { id: 'EKS.2', title: 'EKS clusters should run on a supported Kubernetes version' },
    { id: 'EKS.3', title: 'EKS clusters should use encrypted Kubernetes secrets' },
    { id: 'EKS.8', title: 'EKS clusters should have audit logging enabled' },
    { id: 'EC2.1', title: 'EBS snapshots should not be publicly restorable', manual: ACCOUNT_LEVEL },
    { id: 'EC2.2', title: 'VPC default security groups should not allow inbound or outbound traffic' },
    { id: 'EC2.3', title: 'Attached EBS volumes should be encrypted at rest' },
    { id: 'EC2.6', title: 'VPC flow logging should be enabled in all VPCs' },
    { id: 'EC2.7', title: 'EBS default encryption should be enabled', manual: ACCOUNT_LEVEL },
    { id: 'EC2.8', title: 'EC2 instances should use IMDSv2' },
    { id: 'EC2.9', title: 'EC2 instances should not have a public IPv4 address' },
    {
      id: 'EC2.10',
      title:
        'Amazon EC2 should be configured to use VPC endpoints that are created for the Amazon EC2 service',
    },
    { id: 'EC2.13', title: 'Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 22' },
    { id: 'EC2.14', title: 'Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 3389' },
    { id: 'EC2.15', title: 'EC2 subnets should not automatically assign public IP addresses' },
    {
      id: 'EC2.18',
      title: 'Security groups should only allow unrestricted incoming traffic for authorized ports',
    },
    { id: 'EC2.19', title: 'Security groups should not allow unrestricted access to ports with high risk' },
    { id: 'EC2.21', title: 'Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389' },
    { id: 'EC2.25', title: 'EC2 launch templates should not assign public IPs to network interfaces' },
    { id: 'EC2.55', title: 'VPCs should be configured with an interface endpoint for ECR API' },
    { id: 'EC2.56', title: 'VPCs should be configured with an interface endpoint for Docker Registry' },
    { id: 'EC2.57', title: 'VPCs should be configured with an interface endpoint for Systems Manager' },
    { id: 'EC2.170', title: 'EC2 launch templates should use Instance Metadata Service Version 2 (IMDSv2)' },
    {
      id: 'EC2.172',
      title: 'EC2 VPC Block Public Access settings should block internet gateway traffic',
      manual: ACCOUNT_LEVEL,
    },
    { id: 'EC2.181', title: 'EC2 launch templates should enable encryption for attached EBS volumes' },
    {
      id: 'AutoScaling.3',
      title:
        'Auto Scaling group launch configurations should configure EC2 instances to require Instance Metadata Service Version 2 (IMDSv2)',
    },
    {
      id: 'S3.1',
      title: 'S3 general purpose buckets should have block public access settings enabled (account)',
      manual: ACCOUNT_LEVEL,
    },
    { id: 'S3.2', title: 'S3 general purpose buckets should block public read access' },
    { id: 'S3.3', title: 'S3 general purpose buckets should block public write access' },
    { id: 'S3.5', title: 'S3 general purpose buckets should require requests to use SSL' },
    { id: 'S3.6', title: 'S3 general purpose bucket policies should restrict access to other AWS accounts' },
    { id: 'S3.8', title: 'S3 general purpose buckets should block public access' },
    { id: 'S3.9', title: 'S3 general purpose buckets should have server access logging enabled' },
    { id: 'S3.12', title: 'ACLs should not be used to manage user access to S3 general purpose buckets' },
    { id: 'S3.13', title: 'S3 general purpose buckets should have Lifecycle configurations' },
    { id: 'S3.14', title: 'S3 general purpose buckets should have versioning enabled' },
    { id: 'S3.15', title: 'S3 general purpose buckets should have Object Lock enabled' },
    { id: 'S3.17', title: 'S3 general purpose buckets should be encrypted at rest with AWS KMS keys' },
    { id: 'KMS.3', title: 'AWS KMS keys should not be deleted unintentionally' },
    { id: 'KMS.4', title: 'AWS KMS key rotation should be enabled' },
    { id: 'KMS.5', title: 'KMS keys should not be publicly accessible' },
    { id: 'IAM.1', title: 'IAM policies should not allow full "*" administrative privileges' },
    {
      id: 'IAM.21',
      title: 'IAM customer managed policies that you create should not allow wildcard actions for services',
    },
    { id: 'SecretsManager.1', title: 'Secrets Manager secrets should have automatic rotation enabled' },
    {
      id: 'CloudTrail.1',
      title: 'CloudTrail should be enabled and configured with at least one multi-Region trail',
    },
    { id: 'CloudTrail.2', title: 'CloudTrail should have encryption at-rest enabled' },
    { id: 'CloudTrail.4', title: 'CloudTrail log file validation should be enabled' },
    { id: 'CloudTrail.5', title: 'CloudTrail trails should be integrated with Amazon CloudWatch Logs' },
    {
      id: 'Config.1',
      title: 'AWS Config should be enabled and use the service-linked role for resource recording',
    },
    { id: 'GuardDuty.1', title: 'GuardDuty should be enabled' },
    { id: 'GuardDuty.5', title: 'GuardDuty EKS Audit Log Monitoring should be enabled' },
    { id: 'GuardDuty.7', title: 'GuardDuty EKS Runtime Monitoring should be enabled' },
    { id: 'GuardDuty.10', title: 'GuardDuty S3 Protection should be enabled' },
    { id: 'WAF.10', title: 'AWS WAF web ACLs should have at least one rule or rule group' },
    { id: 'WAF.11', title: 'AWS WAF web ACL logging should be enabled' },
    { id: 'WAF.12', title: 'AWS WAF rules should have CloudWatch metrics enabled' },
    {
      id: 'ELB.1',
      title: 'Application Load Balancer should be configured to redirect all HTTP requests to HTTPS',
    },
    { id: 'ELB.4', title: 'Application Load Balancer should be configured to drop invalid http headers' },
    { id: 'ELB.5', title: 'Application and Classic Load Balancers logging should be enabled' },
    {
      id: 'ELB.6',
      title: 'Application, Gateway, and Network Load Balancers should have deletion protection enabled',
    },
    {
      id: 'ELB.12',
      title:
        'Application Load Balancer should be configured with defensive or strictest desync mitigation mode',
    },
    {
      id: 'ELB.13',
      title: 'Application, Network and Gateway Load Balancers should span multiple Availability Zones',
    },
    { id: 'ELB.16', title: 'Application Load Balancers should be associated with an AWS WAF web ACL' },
    {
      id: 'ELB.17',
      title: 'Application and Network Load Balancers with listeners should use recommended security policies',
    },
    { id: 'CloudFront.3', title: 'CloudFront distributions should require encryption in transit' },
    { id: 'CloudFront.6', title: 'CloudFront distributions should have WAF enabled' },
    {
      id: 'CloudFront.10',
      title:
        'CloudFront distributions should not use deprecated SSL protocols between edge locations and custom origins',
    },
    { id: 'CloudWatch.16', title: 'CloudWatch log groups should be retained for a specified time period' },
    { id: 'Lambda.1', title: 'Lambda function policies should prohibit public access' },
    { id: 'SNS.1', title: 'SNS topics should be encrypted at-rest using AWS KMS' },
    { id: 'SQS.1', title: 'Amazon SQS queues should be encrypted at rest' },
  ],
};
