/**
 * Who may operate the enclave, and for how long.
 *
 * - The **provisioner role** is the vendor's only standing way in: its account assumes it with the tenant's
 *   external ID (against the confused deputy), and a permissions boundary caps it to resources tagged for this
 *   enclave. The boundary also denies what would make the tenant's keys, network, trail or roles the vendor's:
 *   key policies, deletion and grants on keys, gateways and routes, trail changes, users and access keys, and
 *   roles created without the same boundary.
 * - **Grants** are the only way in for people: one role per grant, trusted by the named principal only until the
 *   grant's end (`aws:CurrentTime`, in the trust policy and in every allow), an EKS access entry that EventBridge
 *   Scheduler deletes at the end (IAM cannot end a Kubernetes session that already authenticated), and an
 *   EventBridge rule that alerts on each session the role starts.
 */
import { Stack, Tags } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
// The helper cdk-nag uses to name its findings, so acknowledgements match them exactly.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { TAG_ENCLAVE, TAG_ENCLAVE_ROLE } from '../../contract/keys.js';
import type { EnclaveGrant } from '../../blueprint/enclave.js';
import { acknowledgeNag } from '../nag.js';
import { acknowledgeControl } from '../acknowledge-control.js';

/** Actions that would take the tenant's ownership away; the boundary denies them whatever else allows. */
export const TENANT_OWNED_ACTIONS = [
  'kms:PutKeyPolicy',
  'kms:CreateGrant',
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:UpdateKeyDescription',
  'kms:TagResource',
  'kms:UntagResource',
  'ec2:CreateInternetGateway',
  'ec2:AttachInternetGateway',
  'ec2:CreateNatGateway',
  'ec2:AllocateAddress',
  'ec2:AssociateAddress',
  'ec2:CreateRoute',
  'ec2:ReplaceRoute',
  'ec2:CreateNetworkAclEntry',
  'ec2:ReplaceNetworkAclEntry',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:ModifySubnetAttribute',
  'ec2:CreateVpcPeeringConnection',
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'cloudtrail:UpdateTrail',
  'cloudtrail:PutEventSelectors',
  'iam:CreateUser',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:DeleteRolePermissionsBoundary',
  'iam:UpdateAssumeRolePolicy',
  'eks:CreateAccessEntry',
  'eks:AssociateAccessPolicy',
  'eks:UpdateClusterConfig',
] as const;

/** What the vendor runs in the enclave: node groups and their instances, the cluster's read side, its logs. */
const PROVISIONER_ACTIONS = [
  'eks:DescribeCluster',
  'eks:DescribeNodegroup',
  'eks:ListNodegroups',
  'eks:UpdateNodegroupConfig',
  'eks:UpdateNodegroupVersion',
  'eks:DescribeUpdate',
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribeScalingActivities',
  'autoscaling:SetDesiredCapacity',
  'ec2:DescribeInstances',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
  'logs:DescribeLogGroups',
  'logs:FilterLogEvents',
  'logs:GetLogEvents',
] as const;

/** Access policies a grant may carry, as EKS names them. */
const GRANT_POLICY = 'AmazonEKSViewPolicy';

export interface OperatorAccessProps {
  /** The enclave's name: the tag value the boundary limits the provisioner to. */
  readonly enclaveName: string;
  readonly vendorAccount: string;
  readonly externalId: string;
  readonly grants: readonly EnclaveGrant[];
  readonly cluster: eks.ICluster;
  /** The literal cluster name, for the scheduled deletion's input. */
  readonly clusterName: string;
  /** Where session alerts go. @default - no alert rule (alerting is off; the weakening is reported there) */
  readonly alertTopic?: sns.ITopic;
}

export class OperatorAccess extends Construct {
  readonly boundary: iam.ManagedPolicy;
  readonly provisionerRole: iam.Role;
  readonly grantRoles: iam.Role[] = [];

  constructor(scope: Construct, id: string, props: OperatorAccessProps) {
    super(scope, id);
    this.boundary = this.createBoundary(props.enclaveName);
    this.provisionerRole = new iam.Role(this, 'ProvisionerRole', {
      description: `Assumed by the vendor's account ${props.vendorAccount} to provision the enclave ${props.enclaveName}`,
      assumedBy: new iam.AccountPrincipal(props.vendorAccount),
      externalIds: [props.externalId],
      permissionsBoundary: this.boundary,
    });
    Tags.of(this.provisionerRole).add(TAG_ENCLAVE_ROLE, 'provisioner');
    acknowledgeControl(
      this.provisionerRole,
      'VF-ACCESS-003',
      "Enclave: the vendor's provisioning automation assumes this role, not a person; the external ID, the permissions boundary and the enclave tag condition stand where MFA would (people come in through time-boxed grants, which require MFA)",
    );
    this.provisionerRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...PROVISIONER_ACTIONS], resources: ['*'] }),
    );
    acknowledgeNag(
      this.provisionerRole,
      'AwsSolutions-IAM5',
      'The provisioner acts on instances and node groups the vendor creates at run time; the permissions boundary limits every action to resources tagged for this enclave.',
      'Resource::*',
    );
    acknowledgeNag(
      this.provisionerRole,
      'NIST.800.53.R5-IAMNoInlinePolicy',
      "The provisioner's policy belongs to this role alone; the boundary, a managed policy, is what caps it.",
    );
    props.grants.forEach((grant, i) => this.grantRoles.push(this.createGrant(props, grant, i)));
  }

  /** Limits every principal it bounds to this enclave's tagged resources and keeps the tenant's own out of reach. */
  private createBoundary(enclaveName: string): iam.ManagedPolicy {
    const tagged = { [`aws:ResourceTag/${TAG_ENCLAVE}`]: enclaveName };
    const boundary = new iam.ManagedPolicy(this, 'Boundary', {
      description: `Caps the vendor's roles to resources tagged ${TAG_ENCLAVE}=${enclaveName}`,
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadAnywhere',
          actions: ['ec2:Describe*', 'eks:Describe*', 'eks:List*', 'autoscaling:Describe*', 'logs:Describe*'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'ActOnTaggedResources',
          actions: ['eks:*', 'autoscaling:*', 'ec2:*', 'logs:*'],
          resources: ['*'],
          conditions: { StringEquals: tagged },
        }),
        new iam.PolicyStatement({
          sid: 'TenantOwnsKeysNetworkTrailAndIdentities',
          effect: iam.Effect.DENY,
          actions: [...TENANT_OWNED_ACTIONS],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'EnclaveTagStays',
          effect: iam.Effect.DENY,
          actions: ['ec2:DeleteTags', 'ec2:CreateTags', 'eks:UntagResource', 'eks:TagResource'],
          resources: ['*'],
          conditions: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': [TAG_ENCLAVE] } },
        }),
      ],
    });
    const ceiling =
      'A permissions boundary is a ceiling, not a grant: its wildcards are narrowed by the enclave tag condition and by the deny statements.';
    for (const finding of [
      'Resource::*',
      ...['ec2:Describe*', 'eks:Describe*', 'eks:List*', 'autoscaling:Describe*', 'logs:Describe*'],
      ...['eks:*', 'autoscaling:*', 'ec2:*', 'logs:*'],
    ])
      acknowledgeNag(
        boundary,
        'AwsSolutions-IAM5',
        ceiling,
        finding.startsWith('Resource') ? finding : `Action::${finding}`,
      );
    acknowledgeNag(boundary, 'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess', ceiling);
    return boundary;
  }

  private createGrant(props: OperatorAccessProps, grant: EnclaveGrant, index: number): iam.Role {
    const until = { DateLessThan: { 'aws:CurrentTime': grant.until } };
    const withMfa = { ...until, Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    const role = new iam.Role(this, `Grant${index}`, {
      description: `Time-boxed access for ${grant.principalArn} until ${grant.until}: ${grant.reason}`.slice(
        0,
        1000,
      ),
      assumedBy: new iam.ArnPrincipal(grant.principalArn).withConditions(withMfa),
      permissionsBoundary: this.boundary,
    });
    Tags.of(role).add(TAG_ENCLAVE_ROLE, 'grant');
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['eks:DescribeCluster'],
        resources: [props.cluster.clusterArn],
        conditions: until,
      }),
    );
    acknowledgeNag(
      role,
      'NIST.800.53.R5-IAMNoInlinePolicy',
      'The grant role describes this one cluster until the grant ends; its policy belongs to it alone.',
    );
    const entry = new eks.AccessEntry(this, `Grant${index}AccessEntry`, {
      cluster: props.cluster,
      principal: role.roleArn,
      accessPolicies: [
        eks.AccessPolicy.fromAccessPolicyName(GRANT_POLICY, { accessScopeType: eks.AccessScopeType.CLUSTER }),
      ],
    });
    this.scheduleRemoval(props, role, grant, index).node.addDependency(entry);
    if (props.alertTopic) this.alertOnSessions(props.alertTopic, role, index);
    return role;
  }

  /** At the grant's end EventBridge Scheduler deletes the access entry itself, no function in between. */
  private scheduleRemoval(
    props: OperatorAccessProps,
    role: iam.Role,
    grant: EnclaveGrant,
    index: number,
  ): scheduler.CfnSchedule {
    const stack = Stack.of(this);
    const schedulerRole = new iam.Role(this, `Grant${index}RemovalRole`, {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    const entries = stack.formatArn({
      service: 'eks',
      resource: 'access-entry',
      resourceName: `${props.clusterName}/*`,
    });
    schedulerRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['eks:DeleteAccessEntry'], resources: [entries] }),
    );
    // cdk-nag names the finding with the partition as the template shows it: a reference, or resolved to the
    // literal when the stack's region is known. Both spellings are acknowledged; a third would show as an error.
    const flat = flattenCfnReference(stack.resolve(entries));
    for (const arn of new Set([flat, flat.replace('<AWS::Partition>', 'aws')]))
      acknowledgeNag(
        schedulerRole,
        'AwsSolutions-IAM5',
        "EKS names an access entry's ARN with an id it assigns at creation; the wildcard stays inside this cluster.",
        `Resource::${arn}`,
      );
    acknowledgeNag(
      schedulerRole,
      'NIST.800.53.R5-IAMNoInlinePolicy',
      'The scheduler role deletes access entries of this cluster only; its policy belongs to it alone.',
    );
    return new scheduler.CfnSchedule(this, `Grant${index}Removal`, {
      description: `Ends the grant for ${grant.principalArn} at ${grant.until}`,
      scheduleExpression: `at(${grant.until.slice(0, 19)})`,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: 'arn:aws:scheduler:::aws-sdk:eks:deleteAccessEntry',
        roleArn: schedulerRole.roleArn,
        input: stack.toJsonString({ ClusterName: props.clusterName, PrincipalArn: role.roleArn }),
      },
    });
  }

  /** Every session the grant role starts is an event for the alert topic (CloudTrail's AssumeRole records). */
  private alertOnSessions(topic: sns.ITopic, role: iam.Role, index: number): void {
    new events.Rule(this, `Grant${index}Sessions`, {
      description: 'A session of a time-boxed enclave grant started',
      eventPattern: {
        source: ['aws.sts'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: { eventName: ['AssumeRole'], requestParameters: { roleArn: [role.roleArn] } },
      },
      targets: [new targets.SnsTopic(topic)],
    });
  }
}
