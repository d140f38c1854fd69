/**
 * Policies of the interface endpoints: each admits only principals of this account, and only the actions of
 * the service our components call through it. Without a policy an endpoint admits any principal of any
 * account, so stolen credentials of another account (an attacker's) could carry data out through our own
 * private network path.
 *
 * The actions are those of the roles in the stack (node roles with the EKS worker, CNI and ECR policies, the
 * Pod Identity roles of Weaviate and the load balancer controller, the kubectl handler and its provider, the
 * notifier, the SSM agent); where a caller's permissions are AWS managed policies that AWS extends over time
 * (EC2 and Elastic Load Balancing for the CNI and the controller, SSM for the agent), the whole service
 * prefix is admitted and the account condition does the narrowing.
 */
import { Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';

/** The IAM action prefix of each endpoint service, and the actions our components call through it. */
export const ENDPOINT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  logs: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
  monitoring: ['cloudwatch:PutMetricData'],
  kms: [
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:GenerateDataKeyWithoutPlaintext',
    'kms:ReEncryptFrom',
    'kms:ReEncryptTo',
  ],
  sts: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:GetCallerIdentity', 'sts:TagSession'],
  'ecr.api': [
    'ecr:BatchCheckLayerAvailability',
    'ecr:BatchGetImage',
    'ecr:DescribeImages',
    'ecr:DescribeRepositories',
    'ecr:GetAuthorizationToken',
    'ecr:GetDownloadUrlForLayer',
  ],
  'ecr.dkr': [
    'ecr:BatchCheckLayerAvailability',
    'ecr:BatchGetImage',
    'ecr:GetAuthorizationToken',
    'ecr:GetDownloadUrlForLayer',
  ],
  secretsmanager: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
  ssm: ['ssm:*'],
  ssmmessages: ['ssmmessages:*'],
  ec2messages: ['ec2messages:*'],
  eks: ['eks:DescribeCluster', 'eks:DescribeUpdate', 'eks:ListClusters'],
  'eks-auth': ['eks-auth:AssumeRoleForPodIdentity'],
  elasticloadbalancing: ['elasticloadbalancing:*'],
  autoscaling: [
    'autoscaling:Describe*',
    'autoscaling:SetDesiredCapacity',
    'autoscaling:TerminateInstanceInAutoScalingGroup',
  ],
  ec2: ['ec2:*'],
  // The provider framework waits for the handler to be active before invoking it.
  // The GuardDuty runtime agent's findings.
  'guardduty-data': ['guardduty:SendSecurityTelemetry'],
  lambda: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'],
};

/** The actions admitted through an endpoint: the table's, or the whole prefix of a service it does not list. */
export function endpointActions(service: string): readonly string[] {
  return ENDPOINT_ACTIONS[service] ?? [`${service.split('.')[0]}:*`];
}

/** Restricts an interface endpoint to this account's principals and the service's used actions. */
export function restrictInterfaceEndpoint(endpoint: ec2.InterfaceVpcEndpoint, service: string): void {
  endpoint.addToPolicy(
    new iam.PolicyStatement({
      sid: 'ThisAccountsPrincipals',
      principals: [new iam.AnyPrincipal()],
      actions: [...endpointActions(service)],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:PrincipalAccount': Stack.of(endpoint).account } },
    }),
  );
}
