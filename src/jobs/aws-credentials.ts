/**
 * Credentials from the EKS Pod Identity agent: the webhook sets `AWS_CONTAINER_CREDENTIALS_FULL_URI` and
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`, and a GET with the token returns temporary keys. Written here rather
 * than taken from `@aws-sdk/credential-provider-http`, which does the same and more but adds about 100 KB to the
 * job bundle, and the bundle travels in a ConfigMap inside the CloudFormation template (1 MB at most).
 */
import { readFile } from 'node:fs/promises';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export class CredentialsError extends Error {}

export async function podIdentityCredentials(env: NodeJS.ProcessEnv = process.env): Promise<AwsCredentials> {
  const uri = env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  const tokenFile = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
  if (!uri || !tokenFile)
    throw new CredentialsError(
      'no Pod Identity credentials: AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE are unset',
    );
  const token = (await readFile(tokenFile, 'utf8')).trim();
  const res = await fetch(uri, { headers: { authorization: token }, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new CredentialsError(`the Pod Identity agent answered HTTP ${res.status}`);
  const body = (await res.json()) as { AccessKeyId?: string; SecretAccessKey?: string; Token?: string };
  if (!body.AccessKeyId || !body.SecretAccessKey)
    throw new CredentialsError('the Pod Identity agent returned no keys');
  return { accessKeyId: body.AccessKeyId, secretAccessKey: body.SecretAccessKey, sessionToken: body.Token };
}
