/**
 * A bearer token for the EKS cluster's API, made the way `aws eks get-token` makes it: a pre-signed STS
 * GetCallerIdentity request bound to the cluster's name (`x-k8s-aws-id`), which the API server's authenticator
 * resolves to the function's role and from there, through its access entry, to a Kubernetes group. Signed with
 * the AWS SDK's own SigV4 signer; nothing is sent to STS by us.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../contract/sigv4-sha256.js';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** How long a token is valid: the authenticator accepts at most 15 minutes; each request makes its own. */
const TOKEN_LIFETIME_SECONDS = 60;

export async function eksToken(options: {
  readonly clusterName: string;
  readonly region: string;
  readonly credentials: AwsCredentials;
  readonly now?: Date;
}): Promise<string> {
  const signer = new SignatureV4({
    service: 'sts',
    region: options.region,
    credentials: options.credentials,
    sha256: NodeSha256,
  });
  const hostname = `sts.${options.region}.${options.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname,
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: hostname, 'x-k8s-aws-id': options.clusterName },
    },
    { expiresIn: TOKEN_LIFETIME_SECONDS, signingDate: options.now },
  );
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  const url = `https://${hostname}/?${query}`;
  return `k8s-aws-v1.${Buffer.from(url).toString('base64url')}`;
}
