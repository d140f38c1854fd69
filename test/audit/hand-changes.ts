/** Changes made by hand after deployment, through the service APIs, as an operator would make them. */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DisableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import { DeletePublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { BUCKET, physicalIds, sdkConfig } from './moto-account.js';

export interface HandChanges {
  /** The security group created outside the stack, in its VPC. */
  readonly strayGroup: string;
}

export async function makeHandChanges(endpoint: string): Promise<HandChanges> {
  const config = sdkConfig(endpoint);
  const ids = await physicalIds(endpoint);
  const ec2 = new EC2Client(config);
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: ids.Db,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }),
  );
  const stray = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'debug', Description: 'added by hand', VpcId: ids.Vpc }),
  );
  const kms = new KMSClient(config);
  await kms.send(new DisableKeyRotationCommand({ KeyId: ids.Key }));
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  await s3.send(new DeletePublicAccessBlockCommand({ Bucket: BUCKET }));
  for (const c of [ec2, kms, s3]) c.destroy();
  return { strayGroup: stray.GroupId! };
}
