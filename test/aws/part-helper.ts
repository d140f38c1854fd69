/** A bare stack with the few inputs the AWS parts take, so each part can be built and asserted on its own. */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Template } from 'aws-cdk-lib/assertions';

export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';

export interface BareStack {
  readonly stack: Stack;
  readonly vpc: ec2.Vpc;
  readonly key: kms.Key;
  readonly logsKey: kms.Key;
  readonly securityGroup: ec2.SecurityGroup;
  readonly bucket: s3.Bucket;
}

/** A stack pinned to an account and region, with a VPC, two keys, a security group and a bucket. */
export function bareStack(): BareStack {
  const stack = new Stack(new App(), 'Part', { env: { account: ACCOUNT, region: REGION } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  return {
    stack,
    vpc,
    key: new kms.Key(stack, 'Key'),
    logsKey: new kms.Key(stack, 'LogsKey'),
    securityGroup: new ec2.SecurityGroup(stack, 'Group', { vpc }),
    bucket: new s3.Bucket(stack, 'Logs'),
  };
}

/** An imported cluster with a kubectl provider, enough for manifests and Helm charts. */
export function importedCluster(stack: Stack, clusterName = 'demo'): eks.ICluster {
  const kubectlProvider = eks.KubectlProvider.fromKubectlProviderAttributes(stack, 'Kubectl', {
    serviceToken: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:kubectl`,
    role: iam.Role.fromRoleArn(stack, 'KubectlRole', `arn:aws:iam::${ACCOUNT}:role/kubectl`),
  });
  return eks.Cluster.fromClusterAttributes(stack, 'Cluster', {
    clusterName,
    kubectlProvider,
    clusterEndpoint: `https://EXAMPLE.gr7.${REGION}.eks.amazonaws.com`,
    clusterCertificateAuthorityData: 'Q0EK',
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation properties are free-form
export type Properties = Record<string, any>;

/** The properties of the only resource of a type (fails when there is not exactly one). */
export function onlyResource(template: Template, type: string): Properties {
  const found = Object.values(template.findResources(type));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return (found[0] as { Properties: Properties }).Properties;
}

/** The Sids of a key's policy, in order. */
export function keyPolicySids(template: Template, stack: Stack, key: kms.Key): string[] {
  const id = stack.getLogicalId(key.node.defaultChild as kms.CfnKey);
  const policy = (template.toJSON().Resources[id].Properties as Properties).KeyPolicy as {
    Statement: { Sid?: string }[];
  };
  return policy.Statement.map((s) => s.Sid ?? '');
}
