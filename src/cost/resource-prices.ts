/**
 * What one CloudFormation resource costs per month: the price table's unit prices times the quantities the
 * template states (zones, node counts, retention) and the usage the assumptions state (traffic, log volume).
 * A resource type is priced here, listed as free (the resource itself carries no charge), or unpriced; a
 * quantity the template leaves open makes the resource unpriced, never free.
 */
import type { CostAssumptions } from '../blueprint/cost.js';
import type { CfnResource } from '../inventory/model.js';
import { getPath, isPlainObject, isRef, type SymbolicValue } from '../inventory/values.js';
import { chargedFeatures, streamVolume } from './firehose-volume.js';
import { UnsourcedPriceError, type PriceItem, type PriceTable } from './price-table.js';
import type { CostLine, CostOutcome } from './types.js';

export interface PricingContext {
  readonly table: PriceTable;
  readonly region: string;
  readonly assumptions: CostAssumptions;
  /** Every CloudFormation resource of the input by key, to follow references (launch template, log group). */
  readonly resources: ReadonlyMap<string, CfnResource>;
  /** Shield Advanced protections in the input: the subscription is priced once, shared among them. */
  readonly shieldProtections: number;
}

type Pricer = (resource: CfnResource, context: PricingContext) => CostOutcome;

/** The resource carries no charge of its own; why, for the reader of the estimate. */
const FREE: Readonly<Record<string, string>> = {
  'AWS::EC2::VPC': 'no charge for the VPC itself',
  'AWS::EC2::Subnet': 'no charge',
  'AWS::EC2::RouteTable': 'no charge',
  'AWS::EC2::Route': 'no charge',
  'AWS::EC2::SubnetRouteTableAssociation': 'no charge',
  'AWS::EC2::NetworkAcl': 'no charge',
  'AWS::EC2::NetworkAclEntry': 'no charge',
  'AWS::EC2::SubnetNetworkAclAssociation': 'no charge',
  'AWS::EC2::SecurityGroup': 'no charge',
  'AWS::EC2::SecurityGroupIngress': 'no charge',
  'AWS::EC2::SecurityGroupEgress': 'no charge',
  'AWS::EC2::InternetGateway': 'no charge (data transfer is priced on what sends it)',
  'AWS::EC2::VPCGatewayAttachment': 'no charge',
  'AWS::EC2::LaunchTemplate': 'no charge; the instances are priced on the node group that uses it',
  'AWS::EC2::ClientVpnAuthorizationRule': 'no charge; associations and connections are priced',
  'AWS::EC2::PrefixList': 'no charge',
  'AWS::EKS::AccessEntry': 'no charge',
  'AWS::EKS::Addon': 'no charge; add-ons run on the priced nodes',
  'AWS::EKS::PodIdentityAssociation': 'no charge',
  'AWS::IAM::Role': 'no charge',
  'AWS::IAM::Policy': 'no charge',
  'AWS::IAM::ManagedPolicy': 'no charge',
  'AWS::IAM::InstanceProfile': 'no charge',
  'AWS::IAM::SAMLProvider': 'no charge',
  'AWS::KMS::Alias': 'no charge; the key is priced',
  'AWS::S3::BucketPolicy': 'no charge; the bucket is priced',
  'AWS::SNS::TopicPolicy': 'no charge',
  'AWS::SQS::QueuePolicy': 'no charge',
  'AWS::Lambda::Permission': 'no charge',
  'AWS::Lambda::EventInvokeConfig': 'no charge',
  'AWS::ElasticLoadBalancingV2::Listener': 'no charge; the load balancer is priced',
  'AWS::ElasticLoadBalancingV2::ListenerRule': 'no charge; the load balancer is priced',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'no charge; the load balancer is priced',
  'AWS::WAFv2::WebACLAssociation': 'no charge; the web ACL is priced',
  'AWS::WAFv2::LoggingConfiguration': 'no charge; the logs are priced on the log group',
  'AWS::Config::DeliveryChannel': 'no charge; the snapshots are priced on the bucket',
  'AWS::CertificateManager::Certificate': 'public ACM certificates carry no charge',
  'AWS::Route53::RecordSet': 'alias records to AWS resources are queried at no charge',
  'AWS::SSM::Parameter': 'standard parameters carry no charge',
  'AWS::Events::Rule': 'events from AWS services carry no EventBridge charge',
  'AWS::CDK::Metadata': 'no charge',
  'AWS::Lambda::LayerVersion': "no charge; a layer's storage is part of the functions' free storage",
  'AWS::SNS::Subscription': 'no charge; deliveries are priced on the topic',
  'AWS::SecurityHub::Standard': 'no charge; its checks are priced on the hub',
  'AWS::EC2::EgressOnlyInternetGateway': 'no charge for the gateway; data it sends out is data transfer',
  'AWS::EC2::VPCCidrBlock': "no charge for a VPC's Amazon-provided IPv6 range",
  'AWS::Logs::SubscriptionFilter': 'no charge; what it delivers is priced on its destination',
  'AWS::Logs::LogStream': 'no charge; its events are priced on the log group',
  'AWS::Logs::ResourcePolicy': 'no charge; what it lets a service deliver is priced on the log group',
  'AWS::SecretsManager::RotationSchedule':
    "no charge; the rotation function's invocations are priced on the function",
};

const PRICERS: Readonly<Record<string, Pricer>> = {
  'AWS::EKS::Cluster': (_r, c) => priced([line(c, 'eks.clusterHour', c.assumptions.hoursPerMonth)]),
  'AWS::EKS::Nodegroup': priceNodegroup,
  'AWS::EC2::NatGateway': (_r, c) =>
    priced([
      line(c, 'ec2.natGatewayHour', c.assumptions.hoursPerMonth),
      line(c, 'ec2.natGatewayDataGB', c.assumptions.natGatewayDataGB),
    ]),
  'AWS::EC2::EIP': (_r, c) => priced([line(c, 'ec2.publicIpv4Hour', c.assumptions.hoursPerMonth)]),
  'AWS::EC2::VPCEndpoint': priceVpcEndpoint,
  'AWS::EC2::ClientVpnEndpoint': (_r, c) =>
    priced([line(c, 'vpc.clientVpnConnectionHour', c.assumptions.clientVpnConnectionHours)]),
  'AWS::EC2::ClientVpnTargetNetworkAssociation': (_r, c) =>
    priced([line(c, 'vpc.clientVpnAssociationHour', c.assumptions.hoursPerMonth)]),
  'AWS::EC2::FlowLog': priceFlowLog,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': priceLoadBalancer,
  'AWS::WAFv2::WebACL': priceWebAcl,
  'AWS::Shield::Protection': (_r, c) =>
    priced([line(c, 'shield.advancedMonth', 1 / Math.max(1, c.shieldProtections))]),
  'AWS::GuardDuty::Detector': priceDetector,
  'AWS::Config::ConfigurationRecorder': (_r, c) =>
    priced([line(c, 'config.itemRecorded', c.assumptions.configItemsRecorded)]),
  'AWS::Config::ConfigRule': (_r, c) =>
    priced([line(c, 'config.ruleEvaluation', c.assumptions.configEvaluationsPerRule)]),
  'AWS::CloudTrail::Trail': priceTrail,
  'AWS::KMS::Key': (_r, c) =>
    priced([
      line(c, 'kms.keyMonth', 1),
      line(c, 'kms.requestsTenThousand', c.assumptions.kmsRequestsPerKey / 10_000),
    ]),
  'AWS::Logs::LogGroup': priceLogGroup,
  'AWS::Logs::MetricFilter': (r, c) => {
    const transformations = r.properties.MetricTransformations;
    const metrics = Array.isArray(transformations) ? transformations.length : 1;
    return priced([line(c, 'cloudwatch.customMetricMonth', metrics)]);
  },
  'AWS::CloudWatch::Alarm': (_r, c) => priced([line(c, 'cloudwatch.alarmMonth', 1)]),
  'AWS::S3::Bucket': (r, c) =>
    priced([
      line(c, 's3.standardGBMonth', c.assumptions.bucketStoredGB),
      ...(r.properties.ReplicationConfiguration !== undefined
        ? [line(c, 's3.replicationTransferGB', c.assumptions.replicationGB)]
        : []),
    ]),
  'AWS::SecretsManager::Secret': (_r, c) =>
    priced([
      line(c, 'secretsmanager.secretMonth', 1),
      line(c, 'secretsmanager.apiCallsTenThousand', c.assumptions.secretApiCallsPerSecret / 10_000),
    ]),
  'AWS::Lambda::Function': priceFunction,
  'AWS::SNS::Topic': (r, c) => {
    const subscriptions = [...c.resources.values()].filter(
      (s) => s.type === 'AWS::SNS::Subscription' && referenced(s.properties.TopicArn, c) === r,
    ).length;
    // A publish is one request and so is each delivery to a subscriber.
    return priced([
      line(c, 'sns.requestsMillion', (c.assumptions.topicPublishes * (1 + subscriptions)) / 1_000_000),
    ]);
  },
  'AWS::SQS::Queue': (_r, c) =>
    priced([line(c, 'sqs.requestsMillion', c.assumptions.queueRequests / 1_000_000)]),
  'AWS::DynamoDB::Table': (r, c) => {
    const mode = r.properties.BillingMode ?? 'PROVISIONED';
    if (mode !== 'PAY_PER_REQUEST')
      return unpriced('the price table prices on-demand (PAY_PER_REQUEST) tables only');
    return priced([
      line(c, 'dynamodb.writeRequestsMillion', c.assumptions.tableWrites / 1_000_000),
      line(c, 'dynamodb.readRequestsMillion', c.assumptions.tableReads / 1_000_000),
      line(c, 'dynamodb.storageGBMonth', c.assumptions.tableStoredGB),
    ]);
  },
  'AWS::SecurityHub::Hub': (_r, c) =>
    priced([line(c, 'securityhub.checksTenThousand', c.assumptions.securityHubChecks / 10_000)]),
  'AWS::KinesisFirehose::DeliveryStream': priceDeliveryStream,
  'AWS::CloudFront::Distribution': (_r, c) =>
    priced([
      line(c, 'cloudfront.dataTransferGB', c.assumptions.cloudFrontDataGB),
      line(c, 'cloudfront.httpsRequestsTenThousand', c.assumptions.cloudFrontRequestsMillions * 100),
    ]),
};

/** The monthly cost of one resource in one region. */
export function priceResource(resource: CfnResource, context: PricingContext): CostOutcome {
  const pricer = PRICERS[resource.type];
  if (pricer)
    try {
      return pricer(resource, context);
    } catch (error) {
      // A table may leave an item without a sourced figure in a region (`null`, with its reason).
      if (error instanceof UnsourcedPriceError) return unpriced(error.message);
      throw error;
    }
  const free = FREE[resource.type];
  if (free !== undefined) return { status: 'free', reason: free };
  if (resource.type.startsWith('Custom::'))
    return { status: 'free', reason: 'a deploy-time call; the function that serves it is listed on its own' };
  return { status: 'unpriced', reason: `the price table has no price for ${resource.type}` };
}

/** The resource types this module prices or knows to be free, for docs and tests. */
export const PRICED_TYPES: readonly string[] = Object.keys(PRICERS);
export const FREE_TYPES: readonly string[] = Object.keys(FREE);

function line(context: PricingContext, item: PriceItem, quantity: number): CostLine {
  const { price, unit } = context.table.unitPrice(item, context.region);
  const entry = context.table.data.prices[item]!;
  return {
    item,
    description: entry.description,
    quantity,
    unit,
    unitPrice: price,
    monthly: quantity * price,
  };
}

function priced(lines: readonly CostLine[]): CostOutcome {
  return { status: 'priced', monthly: sum(lines.map((l) => l.monthly)), lines };
}

function unpriced(reason: string): CostOutcome {
  return { status: 'unpriced', reason };
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function numberAt(value: SymbolicValue | undefined, path: string): number | undefined {
  const found = getPath(value, path);
  return typeof found === 'number' ? found : undefined;
}

function stringAt(value: SymbolicValue | undefined, path: string): string | undefined {
  const found = getPath(value, path);
  return typeof found === 'string' ? found : undefined;
}

/** The resource a `Ref` or `Fn::GetAtt` points at, when it is in the input. */
function referenced(value: SymbolicValue | undefined, context: PricingContext): CfnResource | undefined {
  return isRef(value) ? context.resources.get(value.target) : undefined;
}

function priceNodegroup(resource: CfnResource, context: PricingContext): CostOutcome {
  const props = resource.properties;
  const desired = numberAt(props, 'ScalingConfig.DesiredSize');
  if (desired === undefined)
    return unpriced('the node count (ScalingConfig.DesiredSize) is not stated in the template');
  const template = referenced(getPath(props, 'LaunchTemplate.Id'), context);
  const launchData = template?.properties.LaunchTemplateData;
  const types = props.InstanceTypes;
  const instanceType =
    (Array.isArray(types) && typeof types[0] === 'string' ? types[0] : undefined) ??
    stringAt(launchData, 'InstanceType');
  if (instanceType === undefined) return unpriced('the instance type is not stated in the template');
  const instance = context.table.instance(instanceType, context.region);
  if (!instance) return unpriced(`the price table has no price for instance type ${instanceType}`);
  const mappings = getPath(launchData, 'BlockDeviceMappings');
  const firstVolume = Array.isArray(mappings) ? numberAt(mappings[0], 'Ebs.VolumeSize') : undefined;
  // EKS gives a node group without a launch template a 20 GiB root volume unless DiskSize says otherwise.
  const diskGiB = numberAt(props, 'DiskSize') ?? firstVolume ?? 20;
  const hours = desired * context.assumptions.hoursPerMonth;
  const gp3 = context.table.unitPrice('ebs.gp3GBMonth', context.region);
  return priced([
    {
      item: `ec2.instance:${instanceType}`,
      description: `EC2 ${instanceType} on demand (${desired} nodes)`,
      quantity: hours,
      unit: 'hour',
      unitPrice: instance.hourly,
      monthly: hours * instance.hourly,
    },
    {
      item: 'ebs.gp3GBMonth',
      description: `EBS gp3 root volumes (${desired} × ${diskGiB} GiB)`,
      quantity: desired * diskGiB,
      unit: gp3.unit,
      unitPrice: gp3.price,
      monthly: desired * diskGiB * gp3.price,
    },
  ]);
}

/** vCPUs of a node group's desired nodes, for GuardDuty's runtime monitoring; undefined when not stated. */
export function nodegroupVcpus(resource: CfnResource, context: PricingContext): number | undefined {
  const outcome = priceNodegroup(resource, context);
  if (outcome.status !== 'priced') return undefined;
  const instanceLine = outcome.lines[0]!;
  const instance = context.table.instance(instanceLine.item.replace('ec2.instance:', ''), context.region)!;
  return (instanceLine.quantity / context.assumptions.hoursPerMonth) * instance.vcpus;
}

function priceFunction(resource: CfnResource, context: PricingContext): CostOutcome {
  const memory = resource.properties.MemorySize ?? 128;
  if (typeof memory !== 'number') return unpriced('the memory size of the function is not stated');
  const a = context.assumptions;
  const gbSeconds = a.functionInvocations * (a.functionDurationMs / 1000) * (memory / 1024);
  return priced([
    line(context, 'lambda.requestsMillion', a.functionInvocations / 1_000_000),
    line(context, 'lambda.gbSecond', gbSeconds),
  ]);
}

function priceVpcEndpoint(resource: CfnResource, context: PricingContext): CostOutcome {
  const type = resource.properties.VpcEndpointType ?? 'Gateway';
  if (type === 'Gateway') return { status: 'free', reason: 'gateway endpoints carry no charge' };
  if (type !== 'Interface')
    return unpriced(
      typeof type === 'string'
        ? `the price table has no price for ${type} endpoints`
        : 'the endpoint type is not stated in the template',
    );
  const subnets = resource.properties.SubnetIds;
  if (!Array.isArray(subnets)) return unpriced('the subnets (zones) of the endpoint are not stated');
  return priced([
    line(context, 'vpc.interfaceEndpointHour', subnets.length * context.assumptions.hoursPerMonth),
    line(context, 'vpc.interfaceEndpointDataGB', context.assumptions.interfaceEndpointDataGB),
  ]);
}

function priceLoadBalancer(resource: CfnResource, context: PricingContext): CostOutcome {
  const type = resource.properties.Type ?? 'application';
  if (type !== 'application')
    return unpriced(`the price table has no price for ${String(type)} load balancers`);
  const hours = context.assumptions.hoursPerMonth;
  return priced([
    line(context, 'elb.applicationLoadBalancerHour', hours),
    line(context, 'elb.loadBalancerCapacityUnitHour', hours * context.assumptions.loadBalancerCapacityUnits),
  ]);
}

function priceWebAcl(resource: CfnResource, context: PricingContext): CostOutcome {
  const rules = resource.properties.Rules;
  const count = Array.isArray(rules) ? rules.length : rules === undefined ? 0 : undefined;
  if (count === undefined) return unpriced('the rules of the web ACL are not stated in the template');
  return priced([
    line(context, 'waf.webAclMonth', 1),
    line(context, 'waf.ruleMonth', count),
    line(context, 'waf.requestsMillion', context.assumptions.wafRequestsMillions),
  ]);
}

function priceDetector(resource: CfnResource, context: PricingContext): CostOutcome {
  const a = context.assumptions;
  const features = resource.properties.Features;
  const enabled = new Set(
    (Array.isArray(features) ? features : [])
      .filter((f) => isPlainObject(f) && f.Status === 'ENABLED')
      .map((f) => String((f as { Name?: unknown }).Name)),
  );
  const lines = [
    line(context, 'guardduty.managementEventsMillion', a.guardDutyManagementEventsMillions),
    line(context, 'guardduty.flowLogGB', a.guardDutyFlowLogGB),
  ];
  if (enabled.has('EKS_AUDIT_LOGS'))
    lines.push(line(context, 'guardduty.eksAuditEventsMillion', a.guardDutyEksAuditEventsMillions));
  if (enabled.has('S3_DATA_EVENTS'))
    lines.push(line(context, 'guardduty.s3EventsMillion', a.guardDutyS3EventsMillions));
  if (enabled.has('EKS_RUNTIME_MONITORING') || enabled.has('RUNTIME_MONITORING')) {
    const groups = [...context.resources.values()].filter(
      (r) => r.type === 'AWS::EKS::Nodegroup' && r.stack === resource.stack,
    );
    const vcpus = groups.map((g) => nodegroupVcpus(g, context));
    if (vcpus.some((v) => v === undefined))
      return unpriced('runtime monitoring is priced per vCPU, and a node group does not state its size');
    lines.push(line(context, 'guardduty.runtimeVcpuMonth', sum(vcpus as number[])));
  }
  return priced(lines);
}

function priceTrail(resource: CfnResource, context: PricingContext): CostOutcome {
  const selectors = resource.properties.EventSelectors;
  const advanced = resource.properties.AdvancedEventSelectors;
  const dataEvents =
    (Array.isArray(selectors) &&
      selectors.some(
        (s) =>
          Array.isArray(getPath(s, 'DataResources')) && (getPath(s, 'DataResources') as unknown[]).length > 0,
      )) ||
    (Array.isArray(advanced) && advanced.length > 0);
  if (!dataEvents) return { status: 'free', reason: 'the first copy of management events carries no charge' };
  return priced([
    line(
      context,
      'cloudtrail.dataEventsHundredThousand',
      context.assumptions.cloudTrailDataEventsMillions * 10,
    ),
  ]);
}

/** Months of logs a group holds at steady state: its retention, or the assumption when it never expires. */
function retainedMonths(logGroup: CfnResource | undefined, context: PricingContext): number | undefined {
  const retention = logGroup?.properties.RetentionInDays;
  if (retention === undefined) return context.assumptions.neverExpiringLogMonths;
  return typeof retention === 'number' ? retention / 30 : undefined;
}

function priceFlowLog(resource: CfnResource, context: PricingContext): CostOutcome {
  const destination = resource.properties.LogDestinationType ?? 'cloud-watch-logs';
  if (destination !== 'cloud-watch-logs')
    return unpriced(`the price table has no price for flow logs delivered to ${String(destination)}`);
  const group = referenced(resource.properties.LogGroupName, context);
  const months = group ? retainedMonths(group, context) : undefined;
  if (months === undefined)
    return unpriced("the retention of the flow log's log group is not stated in the input");
  const gb = context.assumptions.flowLogGB;
  return priced([
    line(context, 'logs.vendedIngestionGB', gb),
    line(context, 'logs.storageGBMonth', gb * months),
  ]);
}

function priceLogGroup(resource: CfnResource, context: PricingContext): CostOutcome {
  const flowLog = flowLogWriting(resource, context);
  if (flowLog) return { status: 'free', reason: `what it holds is priced on the flow log ${flowLog.key}` };
  const gb = logGroupMonthlyGB(resource, context);
  const months = retainedMonths(resource, context);
  if (months === undefined) return unpriced('the retention of the log group is not stated in the template');
  return priced([line(context, 'logs.ingestionGB', gb), line(context, 'logs.storageGBMonth', gb * months)]);
}

function flowLogWriting(group: CfnResource, context: PricingContext): CfnResource | undefined {
  return [...context.resources.values()].find(
    (r) => r.type === 'AWS::EC2::FlowLog' && referenced(r.properties.LogGroupName, context) === group,
  );
}

/** The GB a log group ingests a month, as the assumptions state it for what writes into it. */
function logGroupMonthlyGB(group: CfnResource, context: PricingContext): number {
  const a = context.assumptions;
  if (flowLogWriting(group, context)) return a.flowLogGB;
  const trail = [...context.resources.values()].some(
    (r) =>
      r.type === 'AWS::CloudTrail::Trail' &&
      referenced(r.properties.CloudWatchLogsLogGroupArn, context) === group,
  );
  if (trail) return a.cloudTrailLogGB;
  const name = group.properties.LogGroupName;
  return typeof name === 'string' && /^\/aws\/eks\/[^/]+\/cluster$/.test(name)
    ? a.controlPlaneLogGB
    : a.logGroupGB;
}

/** A delivery stream: per GB ingested, the volume of the log groups subscribed to it. */
function priceDeliveryStream(resource: CfnResource, context: PricingContext): CostOutcome {
  const features = chargedFeatures(resource);
  if (features.length > 0)
    return unpriced(`the price table has no sourced Firehose price for ${features.join(', ')}`);
  const volume = streamVolume(resource, {
    resources: context.resources,
    resolve: (value) => referenced(value, context),
    logGroupGB: (group) => logGroupMonthlyGB(group, context),
  });
  if (volume.status === 'unpriced') return unpriced(volume.reason);
  return priced([line(context, 'firehose.ingestionGB', volume.monthlyGB)]);
}
