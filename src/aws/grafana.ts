/**
 * What Grafana needs on the AWS side: its Pod Identity role, allowed exactly the reads its dashboards make
 * (CloudWatch GetMetricData, and Logs Insights queries on the flow log and the GuardDuty findings log group),
 * the interface endpoints' admission of those reads, and the findings log group an EventBridge rule fills with
 * every GuardDuty finding (GuardDuty publishes no CloudWatch metrics of its own).
 *
 * Reading a log group encrypted with the logs key needs no KMS permission of the reader: CloudWatch Logs
 * decrypts with the grant the key policy gives the logs service for that group.
 */
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { GrafanaNames } from '../flows/index.js';
import { acknowledgeNag } from './nag.js';
import { PodIdentityRole } from './pod-identity-role.js';
import { logGroupEncryptionStatement } from './private/kms-statements.js';

/** The API actions Grafana's dashboards call, by interface endpoint service. */
export const GRAFANA_ACTIONS = {
  monitoring: ['cloudwatch:GetMetricData'],
  logs: ['logs:StartQuery', 'logs:GetQueryResults', 'logs:StopQuery'],
} as const;

export interface GrafanaAwsProps {
  readonly cluster: eks.ICluster;
  /** The cluster name as a plain string (Pod Identity trust conditions). */
  readonly clusterNameLiteral: string;
  readonly names: GrafanaNames;
  /** The VPC flow log group the denied-flows panels query. */
  readonly flowLogGroup: logs.ILogGroup;
  readonly logsKey: kms.IKey;
  readonly findingsRetention: logs.RetentionDays;
  /** The logs and monitoring interface endpoints the reads go through. */
  readonly endpoints: Readonly<Record<string, ec2.InterfaceVpcEndpoint>>;
}

export class GrafanaAws extends Construct {
  readonly identity: PodIdentityRole;
  readonly findingsLogGroup: logs.LogGroup;
  readonly findingsRule: events.Rule;

  constructor(scope: Construct, id: string, props: GrafanaAwsProps) {
    super(scope, id);
    const { names } = props;
    const stack = Stack.of(this);
    props.logsKey.addToResourcePolicy(logGroupEncryptionStatement(this, names.logGroups.guardDutyFindings));
    this.findingsLogGroup = new logs.LogGroup(this, 'GuardDutyFindings', {
      logGroupName: names.logGroups.guardDutyFindings,
      encryptionKey: props.logsKey,
      retention: props.findingsRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Named, so the log group's resource policy can name the rule without depending on it (the rule waits for
    // the policy, which must exist before EventBridge delivers).
    const ruleName = `${stack.stackName}-guardduty-findings`.slice(0, 64);
    this.findingsRule = new events.Rule(this, 'GuardDutyFindingsRule', {
      ruleName,
      description: 'Every GuardDuty finding to its log group (the security-signals dashboard counts them)',
      eventPattern: { source: ['aws.guardduty'], detailType: ['GuardDuty Finding'] },
    });
    // The rule's target by hand: CDK's log group target writes the log group's resource policy through a custom
    // resource (a Lambda function); AWS::Logs::ResourcePolicy does it natively.
    const cfnRule = this.findingsRule.node.defaultChild as events.CfnRule;
    cfnRule.targets = [{ id: 'FindingsLogGroup', arn: this.groupArn(names.logGroups.guardDutyFindings) }];
    const delivery = new logs.ResourcePolicy(this, 'GuardDutyFindingsDelivery', {
      resourcePolicyName: `vectorfort-${stack.stackName}-guardduty-findings`.slice(0, 255),
      policyStatements: [
        new iam.PolicyStatement({
          sid: 'EventBridgeWritesFindings',
          principals: [
            new iam.ServicePrincipal('events.amazonaws.com'),
            new iam.ServicePrincipal('delivery.logs.amazonaws.com'),
          ],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.findingsLogGroup.logGroupArn],
          conditions: {
            ArnEquals: {
              'aws:SourceArn': stack.formatArn({
                service: 'events',
                resource: 'rule',
                resourceName: ruleName,
              }),
            },
          },
        }),
      ],
    });
    this.findingsRule.node.addDependency(delivery, this.findingsLogGroup);

    this.identity = new PodIdentityRole(this, 'Identity', {
      clusterName: props.cluster.clusterName,
      clusterNameLiteral: props.clusterNameLiteral,
      namespace: names.namespace,
      serviceAccount: names.serviceAccount,
      description: 'Grafana: read what its dashboards show from CloudWatch (EKS Pod Identity)',
    });
    const queried = [props.flowLogGroup.logGroupArn, this.findingsLogGroup.logGroupArn];
    const policy = new iam.ManagedPolicy(this, 'ReadPolicy', {
      description: "Grafana: the dashboards' CloudWatch metrics and Logs Insights queries, nothing else",
      roles: [this.identity.role],
      statements: [
        // GetMetricData, GetQueryResults and StopQuery take no resource (IAM's service authorization reference).
        new iam.PolicyStatement({
          sid: 'ReadDashboardMetrics',
          actions: [...GRAFANA_ACTIONS.monitoring],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'QueryDashboardLogs',
          actions: ['logs:StartQuery'],
          resources: queried,
        }),
        new iam.PolicyStatement({
          sid: 'ReadQueryResults',
          actions: ['logs:GetQueryResults', 'logs:StopQuery'],
          resources: ['*'],
        }),
      ],
    });
    acknowledgeNag(
      policy,
      'AwsSolutions-IAM5',
      'cloudwatch:GetMetricData, logs:GetQueryResults and logs:StopQuery accept no resource narrower than *; the queries they read are started only on the two named log groups.',
      'Resource::*',
    );
    for (const [service, actions] of Object.entries(GRAFANA_ACTIONS)) {
      props.endpoints[service]?.addToPolicy(
        new iam.PolicyStatement({
          sid: 'GrafanaReads',
          principals: [this.identity.role],
          actions: [...actions],
          resources: ['*'],
        }),
      );
    }
  }

  private groupArn(name: string): string {
    return Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: name,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }
}
