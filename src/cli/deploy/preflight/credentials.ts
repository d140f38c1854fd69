/**
 * Whose credentials will deploy, and where: they must resolve, belong to the blueprint's account, and the
 * region asked for (`--region`, else `AWS_REGION` / `AWS_DEFAULT_REGION` when set) must be the blueprint's.
 */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, type AwsTarget } from '../aws-target.js';
import { errorText, type PreflightProblem } from './problem.js';

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
}

export async function checkCredentials(
  target: AwsTarget,
  expected: { readonly account: string; readonly region: string },
  requestedRegion: { readonly region: string; readonly source: string } | undefined,
): Promise<{ problems: PreflightProblem[]; identity?: CallerIdentity }> {
  const problems: PreflightProblem[] = [];
  if (requestedRegion !== undefined && requestedRegion.region !== expected.region)
    problems.push({
      check: 'region',
      problem: `${requestedRegion.source} is ${requestedRegion.region}, but the blueprint deploys to ${expected.region}`,
      fix: `use --region ${expected.region} (or unset ${requestedRegion.source}), or change environment.region in the blueprint`,
    });
  const sts = new STSClient(clientConfig(target));
  try {
    const answer = await sts.send(new GetCallerIdentityCommand({}));
    const identity = { account: answer.Account ?? '', arn: answer.Arn ?? '' };
    if (identity.account !== expected.account)
      problems.push({
        check: 'credentials',
        problem: `the credentials (${identity.arn}) are for account ${identity.account}, but the blueprint deploys to ${expected.account}`,
        fix: `use credentials of account ${expected.account} (--profile), or set environment.account to ${identity.account}`,
      });
    return { problems, identity };
  } catch (error) {
    problems.push({
      check: 'credentials',
      problem: `no usable AWS credentials${target.profile === undefined ? '' : ` (profile ${target.profile})`}: ${errorText(error)}`,
      fix: 'sign in (aws sso login --profile NAME, then --profile NAME) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    });
    return { problems };
  } finally {
    sts.destroy();
  }
}
