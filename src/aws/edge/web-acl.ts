/**
 * The AWS WAF web ACL in front of Weaviate (on the ALB at REGIONAL scope, or on CloudFront at CLOUDFRONT scope).
 *
 * Rule order (lower priority first; the first terminating match wins):
 * 1. AWS IP reputation list, then optionally the anonymous-IP list: known-bad sources are dropped before they
 *    count against anything else.
 * 2. A rate-based rule per client IP over a five-minute window.
 * 3. A request-size rule on Content-Length (see content-length-regex.ts for why not on the body).
 * 4. The common rule set (its 8 KB body-size rule counts instead of blocking: Weaviate batch imports and GraphQL
 *    queries are larger, and rule 3 enforces the real limit), known bad inputs, SQL injection.
 * 5. The blueprint's custom rules, in order.
 *
 * Logs go to a KMS-encrypted log group whose name starts with `aws-waf-logs-` (WAF accepts no other), with the
 * Authorization header redacted (it carries Weaviate API keys and OIDC tokens). A CloudWatch alarm fires on a
 * spike of blocked requests.
 */
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { Blueprint } from '../../blueprint/index.js';
import { logGroupEncryptionStatement } from '../private/kms-statements.js';
import { greaterThanRegex } from './content-length-regex.js';

/** The AWS managed rule groups every vectorfort web ACL carries (anonymous-IP list optional). */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
] as const;
export const ANONYMOUS_IP_RULE_GROUP = 'AWSManagedRulesAnonymousIpList';
/** Headers never written to the WAF logs. */
export const REDACTED_HEADERS = ['authorization'] as const;

export interface WebAclProps {
  /** `REGIONAL` (ALB) or `CLOUDFRONT` (must be deployed in us-east-1). */
  readonly scope: 'REGIONAL' | 'CLOUDFRONT';
  /** Name prefix (the blueprint name). */
  readonly name: string;
  /** Requests per client IP per five minutes before blocking. */
  readonly rateLimitPer5Minutes: number;
  /** Largest request body accepted, in KiB (Content-Length). */
  readonly maxBodySizeKiB: number;
  /** @default false */
  readonly blockAnonymousIps?: boolean;
  /** Extra rules (CloudFormation Rule objects); priorities are assigned after the built-in rules. @default [] */
  readonly customRules?: readonly Record<string, unknown>[];
  /** Key of the log group. */
  readonly logsKey: kms.IKey;
  /** @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** Blocked requests per five minutes that count as a spike. @default 1000 */
  readonly blockedSpikeThreshold?: number;
}

/** The web ACL the blueprint's `edge.waf` asks for, at the given scope, logging under `logsKey`. */
export function webAclPropsOf(bp: Blueprint, scope: WebAclProps['scope'], logsKey: kms.IKey): WebAclProps {
  const waf = bp.edge.waf;
  return {
    scope,
    name: bp.name,
    rateLimitPer5Minutes: waf.rateLimitPer5Minutes,
    maxBodySizeKiB: waf.maxBodySizeKiB,
    blockAnonymousIps: waf.blockAnonymousIps,
    customRules: waf.customRules,
    logsKey,
    logRetention: bp.detection.cloudTrail.logRetentionDays as logs.RetentionDays,
  };
}

export class WebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly logGroup: logs.LogGroup;
  readonly blockedSpikeAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const aclName = `${props.name}-${props.scope === 'CLOUDFRONT' ? 'cloudfront' : 'regional'}`;
    // Rules are written in CloudFormation's own shape and set as one array: the blueprint's custom rules arrive
    // in that shape, and CDK's property overrides would drop the empty objects WAF uses as flags ({Block: {}},
    // {UriPath: {}}) if they were merged key by key.
    const visibility = (metricName: string) => ({
      CloudWatchMetricsEnabled: true,
      SampledRequestsEnabled: true,
      MetricName: `${aclName}-${metricName}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 128),
    });
    const managed = (name: string, priority: number, ruleActionOverrides?: Record<string, unknown>[]) => ({
      Name: name,
      Priority: priority,
      OverrideAction: { None: {} },
      Statement: {
        ManagedRuleGroupStatement: {
          VendorName: 'AWS',
          Name: name,
          ...(ruleActionOverrides ? { RuleActionOverrides: ruleActionOverrides } : {}),
        },
      },
      VisibilityConfig: visibility(name),
    });

    const rules: Record<string, unknown>[] = [managed('AWSManagedRulesAmazonIpReputationList', 0)];
    if (props.blockAnonymousIps) rules.push(managed(ANONYMOUS_IP_RULE_GROUP, 1));
    rules.push(
      {
        Name: 'RatePerClientIp',
        Priority: 10,
        Action: { Block: {} },
        Statement: {
          RateBasedStatement: {
            Limit: props.rateLimitPer5Minutes,
            AggregateKeyType: 'IP',
            EvaluationWindowSec: 300,
          },
        },
        VisibilityConfig: visibility('RatePerClientIp'),
      },
      {
        Name: 'MaxRequestSize',
        Priority: 20,
        Action: { Block: {} },
        Statement: {
          RegexMatchStatement: {
            FieldToMatch: { SingleHeader: { Name: 'content-length' } },
            RegexString: greaterThanRegex(props.maxBodySizeKiB * 1024),
            TextTransformations: [{ Priority: 0, Type: 'NONE' }],
          },
        },
        VisibilityConfig: visibility('MaxRequestSize'),
      },
      managed('AWSManagedRulesCommonRuleSet', 30, [
        { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
      ]),
      managed('AWSManagedRulesKnownBadInputsRuleSet', 40),
      managed('AWSManagedRulesSQLiRuleSet', 50),
    );
    for (const [i, custom] of (props.customRules ?? []).entries()) {
      const name = typeof custom.Name === 'string' ? custom.Name : `Custom${i}`;
      rules.push({ VisibilityConfig: visibility(name), ...custom, Name: name, Priority: 100 + i });
    }
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: aclName,
      description: `vectorfort ${props.name}: managed rule groups, rate limit and request size in front of Weaviate`,
      scope: props.scope,
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        sampledRequestsEnabled: true,
        metricName: visibility('all').MetricName,
      },
    });
    this.webAcl.addPropertyOverride('Rules', rules);

    const logGroupName = `aws-waf-logs-${aclName}`;
    props.logsKey.addToResourcePolicy(logGroupEncryptionStatement(this, logGroupName));
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName,
      encryptionKey: props.logsKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
    });
    const logging = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group ARN without the `:*` suffix CDK's logGroupArn carries.
      logDestinationConfigs: [
        stack.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: REDACTED_HEADERS.map((header) => ({ singleHeader: { Name: header } })),
    });
    logging.node.addDependency(this.logGroup);

    this.blockedSpikeAlarm = new cloudwatch.Alarm(this, 'BlockedSpike', {
      alarmDescription: `WAF ${aclName} blocked an unusual number of requests (attack or misconfigured client)`,
      metric: new cloudwatch.Metric({
        namespace: 'AWS/WAFV2',
        metricName: 'BlockedRequests',
        dimensionsMap: {
          WebACL: aclName,
          Rule: 'ALL',
          ...(props.scope === 'REGIONAL' ? { Region: stack.region } : {}),
        },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      threshold: props.blockedSpikeThreshold ?? 1000,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
