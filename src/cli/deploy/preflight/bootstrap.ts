/**
 * Whether each stack's environment is bootstrapped with a version its deployment needs: the version the
 * cloud assembly requires (`requiresBootstrapStackVersion`) against the SSM parameter the bootstrap stack
 * writes (`/cdk-bootstrap/<qualifier>/version`), read in the stack's own region.
 */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { clientConfig, type AwsTarget } from '../aws-target.js';
import { errorText, type PreflightProblem } from './problem.js';

export interface BootstrapRequirement {
  readonly account: string;
  readonly region: string;
  readonly parameter: string;
  readonly minimumVersion: number;
  readonly stacks: readonly string[];
}

/** What the assembly's stacks need, one entry per environment and parameter. */
export function bootstrapRequirements(assemblyDir: string): BootstrapRequirement[] {
  const byKey = new Map<string, BootstrapRequirement>();
  for (const stack of new cxapi.CloudAssembly(assemblyDir).stacks) {
    const parameter = stack.bootstrapStackVersionSsmParameter;
    const version = stack.requiresBootstrapStackVersion;
    if (parameter === undefined || version === undefined) continue;
    const { account, region } = stack.environment;
    const key = `${account}/${region}/${parameter}`;
    const known = byKey.get(key);
    byKey.set(key, {
      account,
      region,
      parameter,
      minimumVersion: Math.max(version, known?.minimumVersion ?? 0),
      stacks: [...(known?.stacks ?? []), stack.stackName],
    });
  }
  return [...byKey.values()];
}

export async function checkBootstrap(
  requirements: readonly BootstrapRequirement[],
  target: AwsTarget,
): Promise<PreflightProblem[]> {
  const results = await Promise.all(requirements.map((r) => checkOne(r, target)));
  return results.flatMap((p) => (p ? [p] : []));
}

async function checkOne(req: BootstrapRequirement, target: AwsTarget): Promise<PreflightProblem | undefined> {
  const env = `aws://${req.account}/${req.region}`;
  const bootstrap = `npx aws-cdk@2 bootstrap ${env}`;
  const ssm = new SSMClient(clientConfig(target, req.region));
  try {
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: req.parameter }));
    const version = Number(Parameter?.Value);
    if (!Number.isInteger(version))
      return {
        check: 'bootstrap',
        problem: `${env}: ${req.parameter} holds ${JSON.stringify(Parameter?.Value)}, not a bootstrap version`,
        fix: `bootstrap the environment again: ${bootstrap}`,
      };
    if (version < req.minimumVersion)
      return {
        check: 'bootstrap',
        problem: `${env} is bootstrapped at version ${version}; ${req.stacks.join(', ')} ${needs(req)} ${req.minimumVersion} or later`,
        fix: `upgrade the bootstrap stack: ${bootstrap}`,
      };
    return undefined;
  } catch (error) {
    const missing = (error as { name?: string }).name === 'ParameterNotFound';
    return {
      check: 'bootstrap',
      problem: missing
        ? `${env} is not bootstrapped (no ${req.parameter} parameter); ${req.stacks.join(', ')} ${needs(req)} version ${req.minimumVersion} or later`
        : `${env}: ${req.parameter} could not be read: ${errorText(error)}`,
      fix: missing
        ? `bootstrap it once: ${bootstrap}`
        : 'allow ssm:GetParameter on it to the deploying identity',
    };
  } finally {
    ssm.destroy();
  }
}

function needs(req: BootstrapRequirement): string {
  return req.stacks.length === 1 ? 'needs' : 'need';
}
