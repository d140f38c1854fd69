/**
 * Administrator roles for the cluster: `<name>-admin` (EKS cluster-admin) and `<name>-read-only` (EKS view).
 *
 * Both can be assumed only with MFA (`aws:MultiFactorAuthPresent`, and an MFA authentication no older than the
 * session may last) by the trusted principals (default: the account's IAM principals, as the account's own IAM
 * policies allow), and sessions last at most one hour. Their AWS permissions are what `aws eks
 * update-kubeconfig` needs; what they may do inside the cluster comes from their EKS access entries. Nodes are
 * reached through SSM Session Manager (the node role carries the SSM policy); no SSH key, no port 22 anywhere.
 */
import { Duration } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** One hour: the longest administrator session. */
export const ADMIN_SESSION_SECONDS = 3600;

export const ADMIN_ROLE_POLICIES = {
  admin: 'AmazonEKSClusterAdminPolicy',
  'read-only': 'AmazonEKSViewPolicy',
} as const;

export interface AdminRolesProps {
  readonly name: string;
  readonly cluster: eks.Cluster;
  /** Principals allowed to assume the roles (with MFA). @default - the account */
  readonly trustedPrincipalArns?: readonly string[];
}

export class AdminRoles extends Construct {
  readonly roles: Readonly<Record<keyof typeof ADMIN_ROLE_POLICIES, iam.Role>>;

  constructor(scope: Construct, id: string, props: AdminRolesProps) {
    super(scope, id);
    const trusted = props.trustedPrincipalArns?.length
      ? props.trustedPrincipalArns.map((arn) => new iam.ArnPrincipal(arn))
      : [new iam.AccountRootPrincipal()];
    const mfa = {
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': String(ADMIN_SESSION_SECONDS) },
    };
    const kubeconfig = new iam.ManagedPolicy(this, 'KubeconfigPolicy', {
      description: `vectorfort ${props.name}: describe the cluster (aws eks update-kubeconfig)`,
      statements: [
        new iam.PolicyStatement({ actions: ['eks:DescribeCluster'], resources: [props.cluster.clusterArn] }),
      ],
    });
    const roles = {} as Record<keyof typeof ADMIN_ROLE_POLICIES, iam.Role>;
    for (const [kind, policy] of Object.entries(ADMIN_ROLE_POLICIES) as [
      keyof typeof ADMIN_ROLE_POLICIES,
      string,
    ][]) {
      const role = new iam.Role(this, kind === 'admin' ? 'Admin' : 'ReadOnly', {
        roleName: `${props.name}-${kind}`,
        description: `vectorfort ${props.name}: ${kind === 'admin' ? 'cluster administrator' : 'read-only cluster access'} (MFA, one-hour sessions)`,
        assumedBy: new iam.PrincipalWithConditions(trusted[0]!, mfa),
        maxSessionDuration: Duration.seconds(ADMIN_SESSION_SECONDS),
        managedPolicies: [kubeconfig],
      });
      for (const extra of trusted.slice(1))
        role.assumeRolePolicy!.addStatements(
          new iam.PolicyStatement({ principals: [extra], actions: ['sts:AssumeRole'], conditions: mfa }),
        );
      props.cluster.grantAccess(`${kind}-access`, role.roleArn, [
        eks.AccessPolicy.fromAccessPolicyName(policy, { accessScopeType: eks.AccessScopeType.CLUSTER }),
      ]);
      roles[kind] = role;
    }
    this.roles = roles;
  }
}
