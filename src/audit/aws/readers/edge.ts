/**
 * The edge: load balancers (scheme, security groups, attributes, the web ACL attached to each), listeners,
 * listener rules, target groups, web ACLs with their logging, and CloudFront distributions. A web ACL's
 * association and logging configuration are read as parts of the load balancer and of the web ACL.
 */
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeTargetGroupAttributesCommand,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeRules,
  paginateDescribeTargetGroups,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  GetLoggingConfigurationCommand,
  GetWebACLCommand,
  GetWebACLForResourceCommand,
  type WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { GetDistributionConfigCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { SymbolicValue } from '../../../inventory/values.js';
import { OPS } from '../operations.js';
import type { AwsSession } from '../session.js';
import {
  allPages,
  defined,
  emptyOutput,
  undetermined,
  type LiveResource,
  type ReaderOutput,
} from '../live.js';
import { merge, readEach, unreadAll } from './each.js';

export const EDGE_TYPES = [
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::WAFv2::WebACL',
  'AWS::CloudFront::Distribution',
] as const;

export const EDGE_PART_TYPES = ['AWS::WAFv2::WebACLAssociation', 'AWS::WAFv2::LoggingConfiguration'] as const;

/** DescribeLoadBalancers and DescribeTargetGroups take at most 20 ARNs a call. */
const ARN_BATCH = 20;

function batches<T>(items: readonly T[], size = ARN_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function readEdge(
  session: AwsSession,
  ids: (type: string) => readonly string[],
): Promise<ReaderOutput> {
  return merge(
    await Promise.all([
      readLoadBalancers(session, ids('AWS::ElasticLoadBalancingV2::LoadBalancer')),
      readListeners(session, ids('AWS::ElasticLoadBalancingV2::Listener')),
      readListenerRules(session, ids('AWS::ElasticLoadBalancingV2::ListenerRule')),
      readTargetGroups(session, ids('AWS::ElasticLoadBalancingV2::TargetGroup')),
      readWebAcls(session, ids('AWS::WAFv2::WebACL')),
      readDistributions(session, ids('AWS::CloudFront::Distribution')),
    ]),
  );
}

async function readLoadBalancers(session: AwsSession, arns: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  if (arns.length === 0) return output;
  const client = await session.client<ElasticLoadBalancingV2Client>('elasticloadbalancing');
  const waf = await session.client<WAFV2Client>('wafv2');
  for (const batch of batches(arns)) {
    const listed = await session.call(
      OPS.describeLoadBalancers,
      async () =>
        (await allPages(paginateDescribeLoadBalancers({ client }, { LoadBalancerArns: batch }))).flatMap(
          (p) => p.LoadBalancers ?? [],
        ),
      { absent: ['LoadBalancerNotFoundException', 'LoadBalancerNotFound'] },
    );
    if (!listed.ok) {
      output.notRead.push(...unreadAll('AWS::ElasticLoadBalancingV2::LoadBalancer', batch, listed).notRead);
      continue;
    }
    await Promise.all(
      (listed.value ?? []).map(async (lb) => {
        const LoadBalancerArn = lb.LoadBalancerArn!;
        const [attributes, acl] = await Promise.all([
          session.call(
            OPS.describeLoadBalancerAttributes,
            () => client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn })),
            { subject: LoadBalancerArn },
          ),
          lb.Type === 'application'
            ? session.call(
                OPS.getWebACLForResource,
                () => waf.send(new GetWebACLForResourceCommand({ ResourceArn: LoadBalancerArn })),
                { subject: LoadBalancerArn, absent: ['WAFNonexistentItemException'] },
              )
            : undefined,
        ]);
        output.resources.push({
          type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          physicalId: LoadBalancerArn,
          ...(lb.VpcId ? { vpcId: lb.VpcId } : {}),
          properties: defined({
            Name: lb.LoadBalancerName,
            Type: lb.Type,
            Scheme: lb.Scheme,
            IpAddressType: lb.IpAddressType,
            Subnets: (lb.AvailabilityZones ?? []).map((z) => z.SubnetId!).filter(Boolean),
            SecurityGroups: lb.SecurityGroups,
            LoadBalancerAttributes: attributes.ok
              ? (attributes.value?.Attributes ?? []).map((a) => defined({ Key: a.Key, Value: a.Value }))
              : undetermined(attributes.failure),
          }),
          calls: [listed.record, attributes.record],
        });
        if (!acl) return;
        if (!acl.ok)
          output.resources.push({
            type: 'AWS::WAFv2::WebACLAssociation',
            physicalId: `${LoadBalancerArn}|webacl`,
            partOf: { physicalId: LoadBalancerArn, name: 'WebACLAssociation' },
            properties: { ResourceArn: LoadBalancerArn, WebACLArn: undetermined(acl.failure) },
            calls: [acl.record],
          });
        else if (acl.value?.WebACL?.ARN)
          output.resources.push({
            type: 'AWS::WAFv2::WebACLAssociation',
            physicalId: `${LoadBalancerArn}|webacl`,
            partOf: { physicalId: LoadBalancerArn, name: 'WebACLAssociation' },
            properties: { ResourceArn: LoadBalancerArn, WebACLArn: acl.value.WebACL.ARN },
            calls: [acl.record],
          });
      }),
    );
  }
  return output;
}

/** Listeners are answered per load balancer or by ARN; by ARN, in batches. */
async function readListeners(session: AwsSession, arns: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  if (arns.length === 0) return output;
  const client = await session.client<ElasticLoadBalancingV2Client>('elasticloadbalancing');
  for (const batch of batches(arns)) {
    const listed = await session.call(
      OPS.describeListeners,
      async () =>
        (await allPages(paginateDescribeListeners({ client }, { ListenerArns: batch }))).flatMap(
          (p) => p.Listeners ?? [],
        ),
      { absent: ['ListenerNotFoundException', 'ListenerNotFound'] },
    );
    if (!listed.ok) {
      output.notRead.push(...unreadAll('AWS::ElasticLoadBalancingV2::Listener', batch, listed).notRead);
      continue;
    }
    for (const l of listed.value ?? [])
      output.resources.push({
        type: 'AWS::ElasticLoadBalancingV2::Listener',
        physicalId: l.ListenerArn!,
        properties: defined({
          LoadBalancerArn: l.LoadBalancerArn,
          Port: l.Port,
          Protocol: l.Protocol,
          SslPolicy: l.SslPolicy,
          Certificates: l.Certificates?.map((c) => defined({ CertificateArn: c.CertificateArn })),
          DefaultActions: (l.DefaultActions ?? []).map(actionOf),
        }),
        calls: [listed.record],
      });
  }
  return output;
}

function actionOf(a: {
  Type?: string;
  TargetGroupArn?: string;
  Order?: number;
  RedirectConfig?: {
    Protocol?: string;
    Port?: string;
    Host?: string;
    Path?: string;
    Query?: string;
    StatusCode?: string;
  };
  FixedResponseConfig?: { StatusCode?: string; ContentType?: string; MessageBody?: string };
  ForwardConfig?: { TargetGroups?: { TargetGroupArn?: string; Weight?: number }[] };
}): SymbolicValue {
  return defined({
    Type: a.Type,
    Order: a.Order,
    TargetGroupArn: a.TargetGroupArn,
    RedirectConfig: a.RedirectConfig
      ? defined({
          Protocol: a.RedirectConfig.Protocol,
          Port: a.RedirectConfig.Port,
          Host: a.RedirectConfig.Host,
          Path: a.RedirectConfig.Path,
          Query: a.RedirectConfig.Query,
          StatusCode: a.RedirectConfig.StatusCode,
        })
      : undefined,
    FixedResponseConfig: a.FixedResponseConfig
      ? defined({
          StatusCode: a.FixedResponseConfig.StatusCode,
          ContentType: a.FixedResponseConfig.ContentType,
          MessageBody: a.FixedResponseConfig.MessageBody,
        })
      : undefined,
    ForwardConfig: a.ForwardConfig?.TargetGroups
      ? {
          TargetGroups: a.ForwardConfig.TargetGroups.map((t) =>
            defined({ TargetGroupArn: t.TargetGroupArn, Weight: t.Weight }),
          ),
        }
      : undefined,
  });
}

async function readListenerRules(session: AwsSession, arns: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  if (arns.length === 0) return output;
  const client = await session.client<ElasticLoadBalancingV2Client>('elasticloadbalancing');
  for (const batch of batches(arns)) {
    const listed = await session.call(
      OPS.describeRules,
      async () =>
        (await allPages(paginateDescribeRules({ client }, { RuleArns: batch }))).flatMap(
          (p) => p.Rules ?? [],
        ),
      { absent: ['RuleNotFoundException', 'RuleNotFound'] },
    );
    if (!listed.ok) {
      output.notRead.push(...unreadAll('AWS::ElasticLoadBalancingV2::ListenerRule', batch, listed).notRead);
      continue;
    }
    for (const r of listed.value ?? [])
      output.resources.push({
        type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
        physicalId: r.RuleArn!,
        properties: defined({
          Priority: r.Priority === 'default' ? undefined : Number(r.Priority),
          Conditions: (r.Conditions ?? []).map((c) =>
            defined({
              Field: c.Field,
              Values: c.Values,
              PathPatternConfig: c.PathPatternConfig
                ? defined({ Values: c.PathPatternConfig.Values })
                : undefined,
              HostHeaderConfig: c.HostHeaderConfig
                ? defined({ Values: c.HostHeaderConfig.Values })
                : undefined,
              SourceIpConfig: c.SourceIpConfig ? defined({ Values: c.SourceIpConfig.Values }) : undefined,
            }),
          ),
          Actions: (r.Actions ?? []).map(actionOf),
        }),
        calls: [listed.record],
      });
  }
  return output;
}

async function readTargetGroups(session: AwsSession, arns: readonly string[]): Promise<ReaderOutput> {
  const output = emptyOutput();
  if (arns.length === 0) return output;
  const client = await session.client<ElasticLoadBalancingV2Client>('elasticloadbalancing');
  for (const batch of batches(arns)) {
    const listed = await session.call(
      OPS.describeTargetGroups,
      async () =>
        (await allPages(paginateDescribeTargetGroups({ client }, { TargetGroupArns: batch }))).flatMap(
          (p) => p.TargetGroups ?? [],
        ),
      { absent: ['TargetGroupNotFoundException', 'TargetGroupNotFound'] },
    );
    if (!listed.ok) {
      output.notRead.push(...unreadAll('AWS::ElasticLoadBalancingV2::TargetGroup', batch, listed).notRead);
      continue;
    }
    await Promise.all(
      (listed.value ?? []).map(async (g) => {
        const TargetGroupArn = g.TargetGroupArn!;
        const attributes = await session.call(
          OPS.describeTargetGroupAttributes,
          () => client.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn })),
          { subject: TargetGroupArn },
        );
        output.resources.push({
          type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
          physicalId: TargetGroupArn,
          ...(g.VpcId ? { vpcId: g.VpcId } : {}),
          properties: defined({
            Name: g.TargetGroupName,
            Protocol: g.Protocol,
            Port: g.Port,
            TargetType: g.TargetType,
            VpcId: g.VpcId,
            HealthCheckProtocol: g.HealthCheckProtocol,
            HealthCheckPath: g.HealthCheckPath,
            HealthCheckPort: g.HealthCheckPort,
            TargetGroupAttributes: attributes.ok
              ? (attributes.value?.Attributes ?? []).map((a) => defined({ Key: a.Key, Value: a.Value }))
              : undetermined(attributes.failure),
          }),
          calls: [listed.record, attributes.record],
        });
      }),
    );
  }
  return output;
}

/** A web ACL's physical id is `name|id|scope`, which is what GetWebACL takes. */
async function readWebAcls(session: AwsSession, ids: readonly string[]): Promise<ReaderOutput> {
  if (ids.length === 0) return emptyOutput();
  const client = await session.client<WAFV2Client>('wafv2');
  return readEach('AWS::WAFv2::WebACL', ids, async (id) => {
    const [Name, Id, Scope] = id.split('|');
    if (!Name || !Id || (Scope !== 'REGIONAL' && Scope !== 'CLOUDFRONT')) return undefined;
    const got = await session.call(
      OPS.getWebACL,
      () => client.send(new GetWebACLCommand({ Name, Id, Scope })),
      {
        subject: id,
        absent: ['WAFNonexistentItemException'],
      },
    );
    if (!got.ok) return { failed: got };
    const acl = got.value?.WebACL;
    if (!acl?.ARN) return undefined;
    const ResourceArn = acl.ARN;
    const logging = await session.call(
      OPS.getLoggingConfiguration,
      () => client.send(new GetLoggingConfigurationCommand({ ResourceArn })),
      { subject: ResourceArn, absent: ['WAFNonexistentItemException'] },
    );
    const out: LiveResource[] = [
      {
        type: 'AWS::WAFv2::WebACL',
        physicalId: id,
        arn: acl.ARN,
        properties: defined({
          Name: acl.Name,
          Scope,
          DefaultAction: acl.DefaultAction?.Block
            ? { Block: {} }
            : acl.DefaultAction?.Allow
              ? { Allow: {} }
              : undefined,
          // The rules as the API states them (the same field names as CloudFormation's, in the API's JSON).
          Rules: JSON.parse(JSON.stringify(acl.Rules ?? [])) as SymbolicValue,
          VisibilityConfig: acl.VisibilityConfig
            ? defined({
                SampledRequestsEnabled: acl.VisibilityConfig.SampledRequestsEnabled,
                CloudWatchMetricsEnabled: acl.VisibilityConfig.CloudWatchMetricsEnabled,
                MetricName: acl.VisibilityConfig.MetricName,
              })
            : undefined,
        }),
        calls: [got.record],
      },
    ];
    if (!logging.ok || logging.value?.LoggingConfiguration)
      out.push({
        type: 'AWS::WAFv2::LoggingConfiguration',
        physicalId: `${ResourceArn}|logging`,
        partOf: { physicalId: id, name: 'LoggingConfiguration' },
        properties: logging.ok
          ? defined({
              ResourceArn,
              LogDestinationConfigs: logging.value!.LoggingConfiguration!.LogDestinationConfigs,
              RedactedFields: JSON.parse(
                JSON.stringify(logging.value!.LoggingConfiguration!.RedactedFields ?? []),
              ) as SymbolicValue,
            })
          : { ResourceArn, LogDestinationConfigs: undetermined(logging.failure) },
        calls: [logging.record],
      });
    return out;
  });
}

async function readDistributions(session: AwsSession, ids: readonly string[]): Promise<ReaderOutput> {
  if (ids.length === 0) return emptyOutput();
  const client = await session.client<CloudFrontClient>('cloudfront');
  return readEach('AWS::CloudFront::Distribution', ids, async (Id) => {
    const got = await session.call(
      OPS.getDistributionConfig,
      () => client.send(new GetDistributionConfigCommand({ Id })),
      { subject: Id, absent: ['NoSuchDistribution'] },
    );
    if (!got.ok) return { failed: got };
    const c = got.value?.DistributionConfig;
    if (!c) return undefined;
    const behavior = (b: { TargetOriginId?: string; ViewerProtocolPolicy?: string; PathPattern?: string }) =>
      defined({
        PathPattern: b.PathPattern,
        TargetOriginId: b.TargetOriginId,
        ViewerProtocolPolicy: b.ViewerProtocolPolicy,
      });
    return [
      {
        type: 'AWS::CloudFront::Distribution',
        physicalId: Id,
        properties: {
          DistributionConfig: defined({
            Enabled: c.Enabled,
            WebACLId: c.WebACLId || undefined,
            HttpVersion: c.HttpVersion,
            DefaultCacheBehavior: c.DefaultCacheBehavior ? behavior(c.DefaultCacheBehavior) : undefined,
            CacheBehaviors: (c.CacheBehaviors?.Items ?? []).map(behavior),
            Origins: (c.Origins?.Items ?? []).map((o) =>
              defined({
                Id: o.Id,
                DomainName: o.DomainName,
                CustomOriginConfig: o.CustomOriginConfig
                  ? defined({
                      OriginProtocolPolicy: o.CustomOriginConfig.OriginProtocolPolicy,
                      OriginSSLProtocols: o.CustomOriginConfig.OriginSslProtocols?.Items,
                      HTTPSPort: o.CustomOriginConfig.HTTPSPort,
                    })
                  : undefined,
              }),
            ),
            ViewerCertificate: c.ViewerCertificate
              ? defined({
                  AcmCertificateArn: c.ViewerCertificate.ACMCertificateArn,
                  CloudFrontDefaultCertificate: c.ViewerCertificate.CloudFrontDefaultCertificate,
                  MinimumProtocolVersion: c.ViewerCertificate.MinimumProtocolVersion,
                  SslSupportMethod: c.ViewerCertificate.SSLSupportMethod,
                })
              : undefined,
            Logging: c.Logging?.Enabled
              ? defined({
                  Bucket: c.Logging.Bucket,
                  Prefix: c.Logging.Prefix,
                  IncludeCookies: c.Logging.IncludeCookies,
                })
              : undefined,
          }),
        },
        calls: [got.record],
      },
    ];
  });
}
