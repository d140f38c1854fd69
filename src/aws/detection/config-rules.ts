/**
 * AWS Config: a recorder for every supported resource type (global IAM types included), a delivery channel to
 * the audit bucket, and the managed rules that watch what this architecture promises. Only one recorder can
 * exist per account and region: turn `detection.config` off where the organisation already records.
 */
import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeManagedPolicies } from '../nag.js';
import { CONFIG_PREFIX } from './audit-bucket.js';

export interface ConfigRuleSpec {
  readonly identifier: string;
  readonly parameters?: Record<string, string>;
  /** Periodic rules need a frequency; change-triggered ones have a scope. */
  readonly periodic?: boolean;
  readonly scope?: readonly string[];
}

/** The managed rules for a deployment (ALB_WAF_ENABLED only with a regional web ACL on an ALB). */
export function configRulesFor(options: {
  albWaf: boolean;
  authorizedTcpPorts: readonly number[];
}): ConfigRuleSpec[] {
  return [
    { identifier: 'INCOMING_SSH_DISABLED', scope: ['AWS::EC2::SecurityGroup'] },
    {
      identifier: 'RESTRICTED_INCOMING_TRAFFIC',
      scope: ['AWS::EC2::SecurityGroup'],
      parameters: {
        blockedPort1: '20',
        blockedPort2: '21',
        blockedPort3: '3389',
        blockedPort4: '3306',
        blockedPort5: '4333',
      },
    },
    {
      identifier: 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS',
      scope: ['AWS::EC2::SecurityGroup'],
      ...(options.authorizedTcpPorts.length
        ? { parameters: { authorizedTcpPorts: options.authorizedTcpPorts.join(',') } }
        : {}),
    },
    { identifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED', scope: ['AWS::S3::Bucket'] },
    { identifier: 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED', scope: ['AWS::S3::Bucket'] },
    { identifier: 'S3_BUCKET_SSL_REQUESTS_ONLY', scope: ['AWS::S3::Bucket'] },
    { identifier: 'EKS_ENDPOINT_NO_PUBLIC_ACCESS', periodic: true },
    { identifier: 'EKS_SECRETS_ENCRYPTED', periodic: true },
    { identifier: 'CLOUD_TRAIL_ENABLED', periodic: true },
    { identifier: 'CMK_BACKING_KEY_ROTATION_ENABLED', periodic: true },
    { identifier: 'VPC_FLOW_LOGS_ENABLED', periodic: true, parameters: { trafficType: 'ALL' } },
    ...(options.albWaf
      ? [{ identifier: 'ALB_WAF_ENABLED', scope: ['AWS::ElasticLoadBalancingV2::LoadBalancer'] }]
      : []),
  ];
}

export interface ConfigRecordingProps {
  readonly name: string;
  readonly bucket: s3.IBucket;
  readonly kmsKeyArn: string;
  readonly rules: readonly ConfigRuleSpec[];
}

export class ConfigRecording extends Construct {
  readonly recorder: config.CfnConfigurationRecorder;
  readonly rules: readonly config.ManagedRule[];

  constructor(scope: Construct, id: string, props: ConfigRecordingProps) {
    super(scope, id);
    const role = new iam.Role(this, 'RecorderRole', {
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    acknowledgeManagedPolicies(role, {
      AWS_ConfigRole:
        'AWS_ConfigRole is the read-only policy AWS maintains for the Config recorder; it follows new resource types.',
    });
    this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      name: `${props.name}-recorder`,
      roleArn: role.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    const channel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      name: `${props.name}-delivery`,
      s3BucketName: props.bucket.bucketName,
      s3KeyPrefix: CONFIG_PREFIX,
      s3KmsKeyArn: props.kmsKeyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    // A delivery channel needs its recorder, and AWS Config checks the bucket policy when the channel is created.
    channel.node.addDependency(this.recorder);
    if (props.bucket instanceof s3.Bucket && props.bucket.policy)
      channel.node.addDependency(props.bucket.policy);
    this.rules = props.rules.map((spec) => {
      const rule = new config.ManagedRule(this, spec.identifier, {
        configRuleName: `${props.name}-${spec.identifier.toLowerCase().replace(/_/g, '-')}`,
        identifier: spec.identifier,
        inputParameters: spec.parameters,
        maximumExecutionFrequency: spec.periodic
          ? config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS
          : undefined,
        ruleScope: spec.scope
          ? config.RuleScope.fromResources(spec.scope.map((t) => config.ResourceType.of(t)))
          : undefined,
      });
      rule.node.addDependency(this.recorder, channel);
      return rule;
    });
  }
}
