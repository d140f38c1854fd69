/**
 * Looks up each reference of the blueprint (references.ts) where it must be: a certificate in the region of
 * the resource that uses it, issued; the hosted zone (Route 53 is global) under the name the blueprint gives;
 * a secret in the stack's region. A look-up that fails for another reason (no permission, a timeout) is a
 * problem too: what could not be confirmed is not assumed to be there.
 */
import { ACMClient, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { GetHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { clientConfig, type AwsTarget } from '../aws-target.js';
import { errorText, type PreflightProblem } from './problem.js';
import { regionOfArn, type Reference } from './references.js';

/** Route 53's API lives in us-east-1 (aws partition) whatever the stack's region. */
const ROUTE53_REGION = 'us-east-1';

export async function checkReferences(
  refs: readonly Reference[],
  target: AwsTarget,
): Promise<PreflightProblem[]> {
  const problems = await Promise.all(refs.map((ref) => checkOne(ref, target)));
  return problems.flatMap((p) => (p ? [p] : []));
}

async function checkOne(ref: Reference, target: AwsTarget): Promise<PreflightProblem | undefined> {
  switch (ref.kind) {
    case 'certificate':
      return checkCertificate(ref, target);
    case 'hosted-zone':
      return checkHostedZone(ref, target);
    case 'secret':
      return checkSecret(ref, target);
  }
}

async function checkCertificate(
  ref: Extract<Reference, { kind: 'certificate' }>,
  target: AwsTarget,
): Promise<PreflightProblem | undefined> {
  const check = 'certificate';
  const inRegion = regionOfArn(ref.arn);
  if (inRegion !== ref.region)
    return {
      check,
      problem: `${ref.field} (${ref.arn}) is in ${inRegion || 'no region'}, but what uses it is in ${ref.region}`,
      fix: `request or import the certificate in ACM in ${ref.region} and set ${ref.field} to its ARN`,
    };
  const acm = new ACMClient(clientConfig(target, ref.region));
  try {
    const { Certificate } = await acm.send(new DescribeCertificateCommand({ CertificateArn: ref.arn }));
    if (Certificate?.Status !== 'ISSUED')
      return {
        check,
        problem: `${ref.field} (${ref.arn}) has status ${Certificate?.Status ?? 'unknown'}, not ISSUED`,
        fix: 'complete its validation (DNS or e-mail) or import a valid certificate, and set its ARN',
      };
    return undefined;
  } catch (error) {
    return {
      check,
      problem: notFound(error)
        ? `${ref.field} (${ref.arn}) does not exist in ${ref.region}`
        : `${ref.field} (${ref.arn}) could not be looked up: ${errorText(error)}`,
      fix: notFound(error)
        ? `request or import the certificate in ACM in ${ref.region} and set ${ref.field} to its ARN`
        : 'allow acm:DescribeCertificate to the deploying identity, or check the network path to ACM',
    };
  } finally {
    acm.destroy();
  }
}

async function checkHostedZone(
  ref: Extract<Reference, { kind: 'hosted-zone' }>,
  target: AwsTarget,
): Promise<PreflightProblem | undefined> {
  const check = 'hosted zone';
  const route53 = new Route53Client(clientConfig(target, ROUTE53_REGION));
  try {
    const { HostedZone } = await route53.send(new GetHostedZoneCommand({ Id: ref.id }));
    const actual = HostedZone?.Name?.replace(/\.$/, '');
    const expected = ref.name?.replace(/\.$/, '');
    if (expected !== undefined && actual !== expected)
      return {
        check,
        problem: `${ref.field} (${ref.id}) is the zone ${actual ?? '(no name)'}, not edge.hostedZoneName ${expected}`,
        fix: `set edge.hostedZoneName to ${actual ?? 'the zone name'} or edge.hostedZoneId to the zone of ${expected}`,
      };
    if (HostedZone?.Config?.PrivateZone)
      return {
        check,
        problem: `${ref.field} (${ref.id}) is a private hosted zone: certificate validation needs a public one`,
        fix: 'name the public hosted zone of the domain',
      };
    return undefined;
  } catch (error) {
    return {
      check,
      problem: notFound(error)
        ? `${ref.field} (${ref.id}) does not exist in this account`
        : `${ref.field} (${ref.id}) could not be looked up: ${errorText(error)}`,
      fix: notFound(error)
        ? 'create the public hosted zone for the domain (or delegate it) and set edge.hostedZoneId'
        : 'allow route53:GetHostedZone to the deploying identity',
    };
  } finally {
    route53.destroy();
  }
}

async function checkSecret(
  ref: Extract<Reference, { kind: 'secret' }>,
  target: AwsTarget,
): Promise<PreflightProblem | undefined> {
  const secrets = new SecretsManagerClient(clientConfig(target, ref.region));
  try {
    await secrets.send(new DescribeSecretCommand({ SecretId: ref.name }));
    return undefined;
  } catch (error) {
    return {
      check: 'secret',
      problem: notFound(error)
        ? `${ref.field}: the secret ${ref.name} does not exist in ${ref.region}`
        : `${ref.field}: the secret ${ref.name} could not be looked up: ${errorText(error)}`,
      fix: notFound(error)
        ? `create it in ${ref.region} (aws secretsmanager create-secret --name ${ref.name} --secret-string <url>), or set detection.alerting.createSecrets: true`
        : 'allow secretsmanager:DescribeSecret on it to the deploying identity',
    };
  } finally {
    secrets.destroy();
  }
}

function notFound(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  return /NotFound|NoSuch/.test(name);
}
