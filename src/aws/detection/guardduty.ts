/**
 * GuardDuty: a detector with EKS audit-log monitoring, EKS runtime monitoring and S3 protection.
 *
 * The runtime agent (the `aws-guardduty-agent` EKS add-on) is installed by this stack rather than by GuardDuty's
 * automated agent management, and it reports through a `guardduty-data` interface endpoint in the endpoints
 * tier with the flow-generated endpoint security group. GuardDuty's own management would create a second
 * endpoint with a security group of its own that the nodes' generated egress rules do not reach (nodes may only
 * talk to what the flow spec names), so the agent could not deliver anything. Only one detector can exist per
 * account and region: turn `detection.guardDuty` off where the organisation already runs one.
 */
import { Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import { Construct } from 'constructs';
import { COMPONENT_TAG } from '../../flows/index.js';
import { restrictInterfaceEndpoint } from '../endpoint-policies.js';

/** Detector features vectorfort turns on. */
export const GUARDDUTY_FEATURES = ['EKS_AUDIT_LOGS', 'EKS_RUNTIME_MONITORING', 'S3_DATA_EVENTS'] as const;

export interface ThreatDetectionProps {
  readonly vpc: ec2.IVpc;
  readonly endpointSubnets: ec2.SubnetSelection;
  readonly endpointSecurityGroup: ec2.ISecurityGroup;
  readonly clusterName: string;
  /** Install the agent after these (the node groups: the agent is a DaemonSet). */
  readonly agentAfter: readonly Construct[];
}

export class ThreatDetection extends Construct {
  readonly detector: guardduty.CfnDetector;
  readonly agent: eks.CfnAddon;

  constructor(scope: Construct, id: string, props: ThreatDetectionProps) {
    super(scope, id);
    this.detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      features: [
        { name: 'EKS_AUDIT_LOGS', status: 'ENABLED' },
        {
          name: 'EKS_RUNTIME_MONITORING',
          status: 'ENABLED',
          // The stack installs the agent itself (see above).
          additionalConfiguration: [{ name: 'EKS_ADDON_MANAGEMENT', status: 'DISABLED' }],
        },
        { name: 'S3_DATA_EVENTS', status: 'ENABLED' },
      ],
    });
    const endpoint = new ec2.InterfaceVpcEndpoint(this, 'AgentEndpoint', {
      vpc: props.vpc,
      service: new ec2.InterfaceVpcEndpointAwsService('guardduty-data'),
      privateDnsEnabled: true,
      subnets: props.endpointSubnets,
      securityGroups: [props.endpointSecurityGroup],
      open: false,
    });
    Tags.of(endpoint).add(COMPONENT_TAG, 'vpc-endpoints');
    restrictInterfaceEndpoint(endpoint, 'guardduty-data');
    this.agent = new eks.CfnAddon(this, 'Agent', {
      clusterName: props.clusterName,
      addonName: 'aws-guardduty-agent',
      resolveConflicts: 'OVERWRITE',
    });
    this.agent.node.addDependency(this.detector, endpoint, ...props.agentAfter);
  }
}
