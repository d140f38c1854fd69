/**
 * Where deploy, diff and destroy talk to AWS: a region, a named profile and an endpoint, shared by the
 * pre-flight checks' SDK clients and the CDK toolkit.
 */

export interface AwsTarget {
  /** The region to deploy into. @default - the blueprint's `environment.region` */
  readonly region: string;
  /**
   * A named profile of the shared config and credentials files.
   * @default - the default credential chain (environment, shared files, SSO, container or instance role)
   */
  readonly profile?: string;
  /**
   * Another endpoint for every AWS call (a local emulator, a proxy).
   * @default - the services' public endpoints
   */
  readonly endpointUrl?: string;
}

/** Settings for an SDK v3 client in `region` (the target's, or another one a reference lives in). */
export function clientConfig(target: AwsTarget, region: string = target.region) {
  return {
    region,
    ...(target.endpointUrl === undefined ? {} : { endpoint: target.endpointUrl }),
    ...(target.profile === undefined ? {} : { profile: target.profile }),
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  };
}

/**
 * Points the toolkit at the target's endpoint for the duration of `run`. The toolkit builds its SDK clients
 * itself and takes no endpoint setting, but the SDK reads `AWS_ENDPOINT_URL`. CloudFormation (AWS's, or an
 * emulator's) fetches uploaded templates by their S3 address, never through our endpoint, so the address it is
 * given stays the region's public S3 one unless the caller set another.
 */
export async function withEndpoint<T>(target: AwsTarget, run: () => Promise<T>): Promise<T> {
  if (target.endpointUrl === undefined) return run();
  const saved = {
    AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL,
    AWS_ENDPOINT_URL_S3_FOR_CLOUDFORMATION: process.env.AWS_ENDPOINT_URL_S3_FOR_CLOUDFORMATION,
  };
  process.env.AWS_ENDPOINT_URL = target.endpointUrl;
  process.env.AWS_ENDPOINT_URL_S3_FOR_CLOUDFORMATION ??= `https://s3.${target.region}.amazonaws.com`;
  try {
    return await run();
  } finally {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  }
}
