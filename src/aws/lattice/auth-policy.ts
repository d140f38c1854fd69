/**
 * The auth policies of the Lattice service and its service network, from the blueprint's consumers. One statement
 * per consumer and grant, each bound by conditions: who (the principals named, or `*` narrowed by
 * `aws:PrincipalAccount` or `aws:PrincipalOrgID`), never anonymous (`aws:PrincipalType`), optionally from which
 * VPCs, and on the service policy which methods and paths. Conditions inside a statement all apply (AND); the
 * statements add up (OR). A principal no statement names is denied: Lattice denies what no policy allows.
 *
 * The service network's policy checks identity only; the service's policy adds methods and paths. Lattice
 * requires both to allow a request.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { grantsOf, type LatticeConsumer } from '../../blueprint/index.js';

/** The action Lattice authorizes HTTP and HTTPS requests with. */
export const LATTICE_INVOKE_ACTION = 'vpc-lattice-svcs:Invoke';

/** Sid characters IAM accepts: letters and digits. */
function sidOf(consumer: LatticeConsumer, suffix: string): string {
  return `${consumer.name.replace(/[^A-Za-z0-9]/g, '')}${suffix}`;
}

/** Who the consumer is, as a principal and the identity conditions that always go with it. */
function identity(consumer: LatticeConsumer): {
  principals: iam.IPrincipal[];
  stringEquals: Record<string, string[]>;
} {
  const stringEquals: Record<string, string[]> = {};
  if (consumer.accounts.length > 0) stringEquals['aws:PrincipalAccount'] = [...consumer.accounts];
  if (consumer.organizationId) stringEquals['aws:PrincipalOrgID'] = [consumer.organizationId];
  if (consumer.vpcs.length > 0) stringEquals['vpc-lattice-svcs:SourceVpc'] = [...consumer.vpcs];
  const principals =
    consumer.principals.length > 0
      ? consumer.principals.map((arn) => new iam.ArnPrincipal(arn))
      : [new iam.StarPrincipal()];
  return { principals, stringEquals };
}

/** Unsigned callers in an associated VPC are anonymous principals; no statement admits them. */
const NOT_ANONYMOUS = { StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'Anonymous' } };

/** The service's auth policy: identity, then each grant's methods and paths. */
export function serviceAuthPolicy(
  consumers: readonly LatticeConsumer[],
  serviceArn: string,
): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: consumers.flatMap((consumer) => {
      const { principals, stringEquals } = identity(consumer);
      return grantsOf(consumer).map(
        (grant, i) =>
          new iam.PolicyStatement({
            sid: sidOf(consumer, `Grant${i}`),
            effect: iam.Effect.ALLOW,
            principals,
            actions: [LATTICE_INVOKE_ACTION],
            resources: [`${serviceArn}/*`],
            conditions: {
              StringEquals: { ...stringEquals, 'vpc-lattice-svcs:RequestMethod': [...grant.methods] },
              StringLike: { 'vpc-lattice-svcs:RequestPath': [...grant.paths] },
              ...NOT_ANONYMOUS,
            },
          }),
      );
    }),
  });
}

/** The service network's auth policy: the consumers' identities, for the Weaviate service only. */
export function serviceNetworkAuthPolicy(
  consumers: readonly LatticeConsumer[],
  serviceArn: string,
): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: consumers.map((consumer) => {
      const { principals, stringEquals } = identity(consumer);
      return new iam.PolicyStatement({
        sid: sidOf(consumer, 'Identity'),
        effect: iam.Effect.ALLOW,
        principals,
        actions: [LATTICE_INVOKE_ACTION],
        resources: [`${serviceArn}/*`],
        conditions: {
          ...(Object.keys(stringEquals).length > 0 ? { StringEquals: stringEquals } : {}),
          ...NOT_ANONYMOUS,
        },
      });
    }),
  });
}

/** The accounts a consumer's calls come from: its accounts and those of its principals. */
export function consumerAccounts(consumers: readonly LatticeConsumer[]): string[] {
  const accounts = consumers.flatMap((c) => [
    ...c.accounts,
    ...c.principals.map((arn) => arn.split(':')[4]!),
  ]);
  return [...new Set(accounts)].sort();
}
