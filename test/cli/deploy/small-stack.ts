/**
 * A small CDK stack within what moto's CloudFormation creates (VPC, security group, bucket, queue, topic,
 * parameter), synthesized by aws-cdk-lib with its default synthesizer, so the toolkit deploys it the way it
 * deploys ours: template published to the bootstrap bucket, bootstrap version read from SSM. The changed
 * variant opens a rule to the internet, replaces the bucket (a new name) and encrypts the queue with a key.
 */
import {
  App,
  RemovalPolicy,
  Stack,
  aws_ec2 as ec2,
  aws_s3 as s3,
  aws_sns as sns,
  aws_sqs as sqs,
  aws_ssm as ssm,
} from 'aws-cdk-lib';
import { createServer } from 'node:net';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

/** moto's default account and the region the tests use. */
export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const STACK = 'vectorfort-small';
export const BUCKET_V1 = 'vectorfort-small-data-1';
export const BUCKET_V2 = 'vectorfort-small-data-2';

export function synthSmallStack(outdir: string, variant: 'v1' | 'v2'): string {
  const app = new App({ outdir, analyticsReporting: false });
  const stack = new Stack(app, STACK, { env: { account: ACCOUNT, region: REGION } });
  const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
  new ec2.CfnSecurityGroup(stack, 'Api', {
    groupDescription: 'api',
    vpcId: vpc.ref,
    securityGroupIngress: [
      { ipProtocol: 'tcp', fromPort: 8080, toPort: 8080, cidrIp: '10.0.0.0/16' },
      ...(variant === 'v2' ? [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '0.0.0.0/0' }] : []),
    ],
  });
  new s3.Bucket(stack, 'Data', {
    bucketName: variant === 'v1' ? BUCKET_V1 : BUCKET_V2,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  new sqs.CfnQueue(
    stack,
    'Jobs',
    variant === 'v1' ? { sqsManagedSseEnabled: true } : { kmsMasterKeyId: 'alias/aws/sqs' },
  );
  new sns.Topic(stack, 'Alerts');
  new ssm.StringParameter(stack, 'Version', {
    parameterName: '/vectorfort-small/version',
    stringValue: variant,
  });
  app.synth();
  return outdir;
}

/** What `cdk bootstrap` leaves that a deployment reads: the version parameter and the assets bucket. */
export async function bootstrapMoto(endpoint: string, version = '30'): Promise<void> {
  const config = {
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  await new SSMClient(config).send(
    new PutParameterCommand({
      Name: '/cdk-bootstrap/hnb659fds/version',
      Value: version,
      Type: 'String',
      Overwrite: true,
    }),
  );
  await new S3Client({ ...config, forcePathStyle: true }).send(
    new CreateBucketCommand({
      Bucket: `cdk-hnb659fds-assets-${ACCOUNT}-${REGION}`,
      CreateBucketConfiguration: { LocationConstraint: REGION },
    }),
  );
}

/** Throwaway credentials and no shared config, so nothing outside the test decides whose account is used. */
export function isolateCredentials(scratch: string): void {
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  process.env.AWS_CONFIG_FILE = `${scratch}/no-config`;
  process.env.AWS_SHARED_CREDENTIALS_FILE = `${scratch}/no-credentials`;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_REGION;
  delete process.env.AWS_DEFAULT_REGION;
}

export async function unusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
