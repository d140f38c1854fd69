/**
 * Each priced resource type against values computed by hand from the bundled price table (data/prices.json),
 * in both priced regions, with the default assumptions unless a test sets them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { costAssumptionsSchema, type CostAssumptions } from '../../src/blueprint/cost.js';
import {
  estimateCost,
  loadPriceTable,
  PRICED_TYPES,
  type CostEstimate,
  type ResourceCost,
} from '../../src/cost/index.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';

const table = loadPriceTable();
const defaults: CostAssumptions = costAssumptionsSchema.parse({});

function estimate(
  resources: Record<string, unknown>,
  region = 'us-east-1',
  assumptions: Partial<CostAssumptions> = {},
): CostEstimate {
  const inventory = inventoryFromObjects({ templates: { app: { Resources: resources } } });
  return estimateCost(inventory, {
    table,
    assumptions: { ...defaults, ...assumptions },
    placement: () => ({ environment: 'prod', region }),
    controls: [],
  });
}

function costOf(est: CostEstimate, logicalId: string): ResourceCost['outcome'] {
  const found = est.resources.find((r) => r.id === `app/${logicalId}`);
  assert.ok(found, `no cost for ${logicalId}`);
  return found.outcome;
}

function monthly(est: CostEstimate, logicalId: string): number {
  const outcome = costOf(est, logicalId);
  assert.equal(outcome.status, 'priced', JSON.stringify(outcome));
  return outcome.status === 'priced' ? outcome.monthly : NaN;
}

/** Equal to the cent fraction that floating point leaves. */
function near(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-6, `expected ${expected}, got ${actual}`);
}

describe('the price of each resource type', () => {
  it('prices an EKS cluster at 0.10 per hour for 730 hours', () => {
    near(monthly(estimate({ C: { Type: 'AWS::EKS::Cluster', Properties: {} } }), 'C'), 73);
  });

  it('prices a NAT gateway per hour and per GB processed, by region', () => {
    const nat = { N: { Type: 'AWS::EC2::NatGateway', Properties: {} } };
    near(monthly(estimate(nat), 'N'), 0.045 * 730 + 0.045 * 100);
    near(monthly(estimate(nat, 'eu-west-1'), 'N'), 0.048 * 730 + 0.048 * 100);
  });

  it('prices the public IPv4 address of an Elastic IP', () => {
    near(
      monthly(estimate({ E: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } } }), 'E'),
      0.005 * 730,
    );
  });

  it('prices an interface endpoint per zone, and a gateway endpoint as free', () => {
    const est = estimate({
      I: {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: { VpcEndpointType: 'Interface', SubnetIds: ['a', 'b', 'c'] },
      },
      G: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Gateway' } },
    });
    near(monthly(est, 'I'), 3 * 730 * 0.01 + 10 * 0.01);
    assert.equal(costOf(est, 'G').status, 'free');
    const twoZones = {
      I: {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: { VpcEndpointType: 'Interface', SubnetIds: ['a', 'b'] },
      },
    };
    near(monthly(estimate(twoZones, 'eu-west-1'), 'I'), 2 * 730 * 0.011 + 10 * 0.01);
  });

  it('prices a node group: desired nodes × hours × the instance price, plus their gp3 root volumes', () => {
    const resources = {
      T: {
        Type: 'AWS::EC2::LaunchTemplate',
        Properties: {
          LaunchTemplateData: { BlockDeviceMappings: [{ Ebs: { VolumeSize: 100, VolumeType: 'gp3' } }] },
        },
      },
      N: {
        Type: 'AWS::EKS::Nodegroup',
        Properties: {
          InstanceTypes: ['r7i.xlarge'],
          ScalingConfig: { DesiredSize: 3, MinSize: 3, MaxSize: 6 },
          LaunchTemplate: { Id: { Ref: 'T' } },
        },
      },
    };
    near(monthly(estimate(resources), 'N'), 3 * 730 * 0.2646 + 3 * 100 * 0.08);
    near(monthly(estimate(resources, 'eu-west-1'), 'N'), 3 * 730 * 0.2961 + 3 * 100 * 0.088);
  });

  it('gives a node group without a launch template the 20 GiB EKS default volume', () => {
    const est = estimate({
      N: {
        Type: 'AWS::EKS::Nodegroup',
        Properties: { InstanceTypes: ['t3.large'], ScalingConfig: { DesiredSize: 2 } },
      },
    });
    near(monthly(est, 'N'), 2 * 730 * 0.0832 + 2 * 20 * 0.08);
  });

  it('prices Client VPN associations per hour and the endpoint per connection hour', () => {
    const est = estimate({
      V: { Type: 'AWS::EC2::ClientVpnEndpoint', Properties: {} },
      A: {
        Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
        Properties: { ClientVpnEndpointId: { Ref: 'V' } },
      },
    });
    near(monthly(est, 'V'), 160 * 0.05);
    near(monthly(est, 'A'), 730 * 0.1);
  });

  it('prices an application load balancer per hour and per LCU hour', () => {
    const est = estimate({ L: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: {} } });
    near(monthly(est, 'L'), 730 * 0.0225 + 730 * 1 * 0.008);
  });

  it('prices a web ACL, each of its rules and the requests it inspects', () => {
    const est = estimate({
      W: { Type: 'AWS::WAFv2::WebACL', Properties: { Rules: [{ Name: 'a' }, { Name: 'b' }, { Name: 'c' }] } },
    });
    near(monthly(est, 'W'), 5 + 3 * 1 + 10 * 0.6);
  });

  it('shares the Shield Advanced subscription among the protections of the input', () => {
    const est = estimate({
      P: { Type: 'AWS::Shield::Protection', Properties: {} },
      Q: { Type: 'AWS::Shield::Protection', Properties: {} },
    });
    near(monthly(est, 'P'), 1500);
    near(est.total.monthly, 3000);
  });

  it('prices GuardDuty by what it analyses, runtime monitoring per vCPU of the nodes', () => {
    const est = estimate({
      N: {
        Type: 'AWS::EKS::Nodegroup',
        Properties: { InstanceTypes: ['m7i.large'], ScalingConfig: { DesiredSize: 3 } },
      },
      D: {
        Type: 'AWS::GuardDuty::Detector',
        Properties: {
          Enable: true,
          Features: [
            { Name: 'EKS_AUDIT_LOGS', Status: 'ENABLED' },
            { Name: 'EKS_RUNTIME_MONITORING', Status: 'ENABLED' },
            { Name: 'S3_DATA_EVENTS', Status: 'DISABLED' },
          ],
        },
      },
    });
    // 1 M management events × 4.00 + 20 GB × 1.00 + 5 M audit events × 1.60 + 3 nodes × 2 vCPUs × 1.50
    near(monthly(est, 'D'), 4 + 20 + 8 + 9);
  });

  it('prices AWS Config per item recorded and per rule evaluation', () => {
    const est = estimate({
      R: { Type: 'AWS::Config::ConfigurationRecorder', Properties: {} },
      C: { Type: 'AWS::Config::ConfigRule', Properties: {} },
    });
    near(monthly(est, 'R'), 2000 * 0.003);
    near(monthly(est, 'C'), 1000 * 0.001);
  });

  it('prices the data events of a trail, and its first copy of management events as free', () => {
    const est = estimate({
      D: {
        Type: 'AWS::CloudTrail::Trail',
        Properties: {
          EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::b/'] }] }],
        },
      },
      M: {
        Type: 'AWS::CloudTrail::Trail',
        Properties: { EventSelectors: [{ IncludeManagementEvents: true }] },
      },
    });
    near(monthly(est, 'D'), 50 * 0.1);
    assert.equal(costOf(est, 'M').status, 'free');
  });

  it('prices a KMS key per month and per 10,000 requests', () => {
    near(monthly(estimate({ K: { Type: 'AWS::KMS::Key', Properties: {} } }), 'K'), 1 + 10 * 0.03);
  });

  it('prices flow logs as vended ingestion and storage over the retention of their log group', () => {
    const est = estimate(
      {
        G: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } },
        F: { Type: 'AWS::EC2::FlowLog', Properties: { LogGroupName: { Ref: 'G' }, TrafficType: 'ALL' } },
      },
      'eu-west-1',
    );
    near(monthly(est, 'F'), 50 * 0.57 + 50 * 3 * 0.03);
    assert.equal(costOf(est, 'G').status, 'free');
  });

  it('prices a log group by what writes to it, and assumes a year for one that never expires', () => {
    const est = estimate({
      P: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: '/aws/eks/x/cluster', RetentionInDays: 30 },
      },
      T: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } },
      Trail: {
        Type: 'AWS::CloudTrail::Trail',
        Properties: { CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['T', 'Arn'] } },
      },
      O: { Type: 'AWS::Logs::LogGroup', Properties: {} },
    });
    near(monthly(est, 'P'), 20 * 0.5 + 20 * 1 * 0.03);
    near(monthly(est, 'T'), 5 * 0.5 + (5 * 365 * 0.03) / 30);
    near(monthly(est, 'O'), 1 * 0.5 + 1 * 12 * 0.03);
  });

  it('prices alarms, metric filters, buckets with replication and secrets', () => {
    const est = estimate({
      A: { Type: 'AWS::CloudWatch::Alarm', Properties: {} },
      M: { Type: 'AWS::Logs::MetricFilter', Properties: { MetricTransformations: [{}, {}] } },
      B: { Type: 'AWS::S3::Bucket', Properties: { ReplicationConfiguration: { Role: 'r', Rules: [] } } },
      S: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
    });
    near(monthly(est, 'A'), 0.1);
    near(monthly(est, 'M'), 2 * 0.3);
    near(monthly(est, 'B'), 100 * 0.023 + 50 * 0.02);
    near(monthly(est, 'S'), 0.4 + 1 * 0.05);
  });

  it('prices CloudFront, Lambda, SNS, SQS, on-demand DynamoDB and Security Hub', () => {
    const est = estimate({
      CF: { Type: 'AWS::CloudFront::Distribution', Properties: {} },
      F: { Type: 'AWS::Lambda::Function', Properties: { MemorySize: 256 } },
      T: { Type: 'AWS::SNS::Topic', Properties: {} },
      Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'T' } } },
      Q: { Type: 'AWS::SQS::Queue', Properties: {} },
      D: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST' } },
      H: { Type: 'AWS::SecurityHub::Hub', Properties: {} },
    });
    near(monthly(est, 'CF'), 100 * 0.085 + 1000 * 0.01);
    near(monthly(est, 'F'), 0.1 * 0.2 + 100000 * 0.5 * 0.25 * 0.0000166667);
    near(monthly(est, 'T'), (10000 * 2 * 0.5) / 1_000_000);
    near(monthly(est, 'Q'), (10000 * 0.4) / 1_000_000);
    near(monthly(est, 'D'), 0.1 * 0.625 + 0.1 * 0.125 + 1 * 0.25);
    near(monthly(est, 'H'), 1 * 10);
  });

  it('follows the assumptions it is given', () => {
    const est = estimate({ N: { Type: 'AWS::EC2::NatGateway', Properties: {} } }, 'us-east-1', {
      hoursPerMonth: 100,
      natGatewayDataGB: 1000,
    });
    near(monthly(est, 'N'), 100 * 0.045 + 1000 * 0.045);
  });
});

describe('a Kinesis Data Firehose delivery stream of subscribed log groups', () => {
  const group = (name: string) => ({
    Type: 'AWS::Logs::LogGroup',
    Properties: { LogGroupName: name, RetentionInDays: 365 },
  });
  const subscription = (groupId: string, streamId: string) => ({
    Type: 'AWS::Logs::SubscriptionFilter',
    Properties: {
      LogGroupName: { Ref: groupId },
      DestinationArn: { 'Fn::GetAtt': [streamId, 'Arn'] },
      FilterPattern: '',
    },
  });
  const toS3 = { ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::archive' } };
  const archive = {
    Flow: { Type: 'AWS::EC2::FlowLog', Properties: { LogGroupName: { Ref: 'FlowGroup' } } },
    FlowGroup: group('/flow'),
    AppGroup: group('/app'),
    Stream: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: toS3 },
    SubFlow: subscription('FlowGroup', 'Stream'),
    SubApp: subscription('AppGroup', 'Stream'),
  };

  it('prices the ingestion of what its subscriptions deliver: the groups’ own monthly volumes', () => {
    // The flow log group ingests flowLogGB (50), the other group logGroupGB (1), at 0.029 per GB.
    near(monthly(estimate(archive), 'Stream'), (50 + 1) * 0.029);
    near(monthly(estimate(archive, 'us-west-2'), 'Stream'), (50 + 1) * 0.029);
    near(monthly(estimate(archive, 'us-east-1', { logGroupGB: 30 }), 'Stream'), (50 + 30) * 0.029);
  });

  it('lists it as unpriced in a region the table has no sourced Firehose figure for', () => {
    assert.deepEqual(costOf(estimate(archive, 'eu-west-1'), 'Stream'), {
      status: 'unpriced',
      reason: 'the price table has no sourced price for firehose.ingestionGB in eu-west-1',
    });
  });

  it('lists a stream that decompresses or converts records as unpriced, naming the feature', () => {
    const processors = [
      { Type: 'Decompression', Parameters: [{ ParameterName: 'CompressionFormat', ParameterValue: 'GZIP' }] },
      { Type: 'CloudWatchLogProcessing', Parameters: [] },
    ];
    const siem = {
      ...archive,
      Stream: {
        Type: 'AWS::KinesisFirehose::DeliveryStream',
        Properties: {
          HttpEndpointDestinationConfiguration: {
            ProcessingConfiguration: { Enabled: true, Processors: processors },
          },
        },
      },
    };
    assert.deepEqual(costOf(estimate(siem), 'Stream'), {
      status: 'unpriced',
      reason:
        'the price table has no sourced Firehose price for decompression of CloudWatch Logs records, CloudWatch Logs message extraction (with decompression)',
    });
    const converting = {
      ...archive,
      Stream: {
        Type: 'AWS::KinesisFirehose::DeliveryStream',
        Properties: {
          ExtendedS3DestinationConfiguration: { DataFormatConversionConfiguration: { Enabled: true } },
        },
      },
    };
    assert.deepEqual(costOf(estimate(converting), 'Stream'), {
      status: 'unpriced',
      reason: 'the price table has no sourced Firehose price for format conversion',
    });
  });

  it('lists a stream as unpriced when the input does not say what it ingests', () => {
    const alone = { Stream: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: toS3 } };
    assert.deepEqual(costOf(estimate(alone), 'Stream'), {
      status: 'unpriced',
      reason: 'no CloudWatch Logs subscription in the input delivers to it, so what it ingests is not stated',
    });
    const elsewhere = {
      Stream: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: toS3 },
      Sub: {
        Type: 'AWS::Logs::SubscriptionFilter',
        Properties: { LogGroupName: '/not/here', DestinationArn: { 'Fn::GetAtt': ['Stream', 'Arn'] } },
      },
    };
    assert.deepEqual(costOf(estimate(elsewhere), 'Stream'), {
      status: 'unpriced',
      reason: 'the log group subscription Sub delivers is not in the input, so its volume is not known',
    });
    const fromMsk = {
      Stream: {
        Type: 'AWS::KinesisFirehose::DeliveryStream',
        Properties: { DeliveryStreamType: 'MSKAsSource', ...toS3 },
      },
    };
    assert.deepEqual(costOf(estimate(fromMsk), 'Stream'), {
      status: 'unpriced',
      reason: 'it reads from a source (MSKAsSource) whose volume the estimate does not follow',
    });
  });
});

it('has a hand-computed test above for every type it prices', () => {
  const tested = [
    ...readFileSync(fileURLToPath(import.meta.url), 'utf8').matchAll(
      /Type: '(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)'/g,
    ),
  ].map((m) => m[1]);
  assert.ok(PRICED_TYPES.length > 20);
  for (const type of PRICED_TYPES) assert.ok(tested.includes(type), `no test prices ${type}`);
});

describe('what the estimate does not count', () => {
  it('lists a type the table has no price for as unpriced, and leaves it out of the total', () => {
    const est = estimate({
      K: { Type: 'AWS::KMS::Key', Properties: {} },
      X: { Type: 'AWS::RDS::DBInstance', Properties: {} },
    });
    assert.deepEqual(costOf(est, 'X'), {
      status: 'unpriced',
      reason: 'the price table has no price for AWS::RDS::DBInstance',
    });
    assert.deepEqual(est.total.unpriced, ['app/X']);
    near(est.total.monthly, 1.3);
    assert.deepEqual(est.environments, [
      { name: 'prod', region: 'us-east-1', monthly: 1.3, unpriced: ['app/X'] },
    ]);
  });

  it('lists a node group whose size is a parameter as unpriced, never as free', () => {
    const est = estimate({
      N: {
        Type: 'AWS::EKS::Nodegroup',
        Properties: { InstanceTypes: ['m7i.large'], ScalingConfig: { DesiredSize: { Ref: 'Size' } } },
      },
    });
    const outcome = costOf(est, 'N');
    assert.equal(outcome.status, 'unpriced');
    assert.deepEqual(est.total.unpriced, ['app/N']);
  });

  it('lists an instance type the table lacks as unpriced', () => {
    const est = estimate({
      N: {
        Type: 'AWS::EKS::Nodegroup',
        Properties: { InstanceTypes: ['x2iedn.32xlarge'], ScalingConfig: { DesiredSize: 1 } },
      },
    });
    assert.deepEqual(costOf(est, 'N'), {
      status: 'unpriced',
      reason: 'the price table has no price for instance type x2iedn.32xlarge',
    });
  });

  it('lists a resource in a region the table does not price as unpriced, naming the priced ones, never as free', () => {
    // The commands refuse an environment in such a region; a companion stack there (the backup replica's)
    // is listed instead of dropping the whole estimate.
    const result = estimate({ K: { Type: 'AWS::KMS::Key', Properties: {} } }, 'ap-south-2');
    assert.deepEqual(
      result.resources.map((r) => [r.id, r.outcome]),
      [
        [
          'app/K',
          {
            status: 'unpriced',
            reason:
              'its region ap-south-2 is not in the price table (priced: us-east-1, eu-west-1, us-west-2)',
          },
        ],
      ],
    );
    assert.equal(result.environments[0]!.monthly, 0);
    assert.deepEqual(result.environments[0]!.unpriced, ['app/K']);
  });
});

describe('the cost of each control', () => {
  it('sums the resources of the types a control evaluates, and lists the unpriced ones', () => {
    const inventory = inventoryFromObjects({
      templates: {
        app: {
          Resources: {
            V: { Type: 'AWS::EC2::VPC', Properties: {} },
            G: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } },
            F: { Type: 'AWS::EC2::FlowLog', Properties: { LogGroupName: { Ref: 'G' } } },
            X: { Type: 'AWS::Custom::Thing', Properties: {} },
          },
        },
      },
    });
    const est = estimateCost(inventory, {
      table,
      assumptions: defaults,
      placement: () => ({ environment: 'prod', region: 'us-east-1' }),
      controls: [
        { id: 'VF-NETWORK-001', appliesTo: ['AWS::EC2::VPC', 'AWS::EC2::FlowLog'] },
        { id: 'VF-X-001', appliesTo: ['AWS::Custom::Thing'] },
      ],
    });
    const flowLogs = est.controls.find((c) => c.ruleId === 'VF-NETWORK-001')!;
    assert.deepEqual(flowLogs.resources, ['app/F']);
    near(flowLogs.monthly, Math.round((50 * 0.5 + 50 * 1 * 0.03) * 100) / 100);
    const other = est.controls.find((c) => c.ruleId === 'VF-X-001')!;
    assert.deepEqual(other, { ruleId: 'VF-X-001', resources: ['app/X'], monthly: 0, unpriced: ['app/X'] });
  });
});
