/**
 * The statement a VPC function's own role needs: Lambda creates and removes the function's network interfaces
 * with the execution role. EC2 supports no resource-level permissions for the Describe calls, and the interfaces
 * do not exist yet when they are created, so the statement names no resource (each user acknowledges
 * AwsSolutions-IAM5 for it).
 */
import * as iam from 'aws-cdk-lib/aws-iam';

export function lambdaNetworkInterfacesStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'NetworkInterfaces',
    actions: [
      'ec2:CreateNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSubnets',
      'ec2:DeleteNetworkInterface',
      'ec2:AssignPrivateIpAddresses',
      'ec2:UnassignPrivateIpAddresses',
    ],
    resources: ['*'],
  });
}
