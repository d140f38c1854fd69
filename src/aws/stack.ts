/**
 * The vectorfort stack: keys, network (with the flow-generated security groups and NACLs), the backup bucket
 * and the EKS cluster, composed from a blueprint. The template carries the flow spec in its Metadata
 * (`vectorfort:flowSpec`) so the verifier can check it without the blueprint.
 */
import { Duration, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { Blueprint } from '../blueprint/index.js';
import type { RenderedChart } from '../k8s/types.js';
import {
  awsNames,
  deriveFlowSpec,
  FLOW_SPEC_METADATA_KEY,
  workloadNames,
  type AwsNames,
  type FlowSpec,
  type WorkloadNames,
} from '../flows/index.js';
import { BackupBucket } from './backup-bucket.js';
import { Cluster } from './cluster.js';
import { Keys } from './keys.js';
import { Network } from './network.js';
import { addAdminAccess } from './admin-access/index.js';
import { addAlerting, type Alerting } from './alerting.js';
import { addDetection } from './detection/index.js';
import { addEdge } from './edge/index.js';
import type { VectorfortEdgeStack } from './edge/edge-stack.js';
import { addWorkload, type Workload } from './workload.js';

export interface VectorfortStackProps extends StackProps {
  readonly blueprint: Blueprint;
  /** @default - derived from the blueprint */
  readonly flowSpec?: FlowSpec;
  /**
   * The Kubernetes charts the stack applies, when the caller has rendered them already (synth writes the same
   * objects to `k8s/`). @default - rendered from the blueprint and the flow spec
   */
  readonly charts?: readonly RenderedChart[];
  /**
   * The us-east-1 companion stack holding CloudFront's certificate and web ACL, when the blueprint puts
   * CloudFront in front of a stack in another region (edge/edge-stack.ts). @default - none
   */
  readonly edgeStack?: VectorfortEdgeStack;
}

/** The stack's name for a blueprint. */
export function stackNameOf(bp: Blueprint): string {
  return `vectorfort-${bp.name}`;
}

export class VectorfortStack extends Stack {
  readonly blueprint: Blueprint;
  readonly flowSpec: FlowSpec;
  /** The charts given in the props, if any (see VectorfortStackProps.charts). */
  readonly charts?: readonly RenderedChart[];
  /** Deterministic names (key aliases, bucket, cluster, secrets) shared with the Kubernetes manifests. */
  readonly names: AwsNames;
  readonly workloadNames: WorkloadNames;
  readonly keys: Keys;
  readonly network: Network;
  readonly cluster: Cluster;
  readonly backup: BackupBucket;
  /** What the stack applies to the cluster (charts, manifests, Helm releases). */
  readonly workload: Workload;
  /** SNS topics for security events; undefined when alerting is off. */
  readonly alerting: Alerting | undefined;
  /** The us-east-1 companion stack, if any (see VectorfortStackProps.edgeStack). */
  readonly edgeStack?: VectorfortEdgeStack;

  constructor(scope: Construct, id: string, props: VectorfortStackProps) {
    const bp = props.blueprint;
    super(scope, id, {
      ...props,
      env: { account: bp.environment.account, region: bp.environment.region },
      description: `vectorfort: Weaviate on Amazon EKS (${bp.name}, ${bp.preset})`,
      // Only with the us-east-1 edge stack: CloudFront's certificate and web ACL ARNs come from there.
      ...(props.edgeStack ? { crossRegionReferences: true } : {}),
    });
    this.blueprint = bp;
    this.edgeStack = props.edgeStack;
    this.flowSpec = props.flowSpec ?? deriveFlowSpec(bp);
    this.charts = props.charts;
    this.names = awsNames(bp);
    this.workloadNames = workloadNames(bp);
    this.templateOptions.metadata = { [FLOW_SPEC_METADATA_KEY]: this.flowSpec };
    for (const [key, value] of Object.entries(bp.tags)) Tags.of(this).add(key, value);
    Tags.of(this).add('vectorfort:blueprint', bp.name);

    this.keys = new Keys(this, 'Keys', {
      aliases: this.names.keyAlias,
      rotationPeriod: Duration.days(bp.keys.rotationPeriodDays),
      pendingWindow: Duration.days(bp.keys.deletionWindowDays),
      administratorArns: bp.keys.administratorArns,
    });

    this.network = new Network(this, 'Network', {
      flowSpec: this.flowSpec,
      natGateways: bp.network.natGateways,
      allowDataTierInternetEgress: bp.network.allowDataTierInternetEgress,
      flowLogKey: this.keys.key('logs'),
      flowLogRetention: bp.network.flowLogs.retentionDays as logs.RetentionDays,
      additionalInterfaceEndpoints: bp.network.additionalInterfaceEndpoints,
    });

    this.cluster = new Cluster(this, 'Eks', {
      clusterName: this.names.clusterName,
      kubernetesVersion: bp.cluster.kubernetesVersion,
      network: this.network,
      secretsKey: this.keys.key('eks-secrets'),
      volumeKey: this.keys.key('ebs'),
      logsKey: this.keys.key('logs'),
      logRetention: bp.cluster.logRetentionDays as logs.RetentionDays,
      nodeGroups: bp.cluster.nodeGroups,
      allowPublicEndpoint: bp.cluster.allowPublicEndpoint,
      publicAccessCidrs: bp.cluster.publicAccessCidrs,
      allowPodInstanceMetadata: bp.cluster.allowPodInstanceMetadata,
      accessEntries: bp.cluster.accessEntries,
    });

    const lock = bp.backup.objectLock;
    this.backup = new BackupBucket(this, 'Backups', {
      bucketName: this.names.backupBucket,
      key: this.keys.key('backup'),
      s3Endpoint: this.network.s3Endpoint,
      prefix: bp.backup.prefix,
      transitionToInfrequentAccessAfter: Duration.days(bp.backup.transitionToInfrequentAccessDays),
      noncurrentVersionExpiration: Duration.days(bp.backup.noncurrentVersionExpirationDays),
      accessLogRetention: Duration.days(bp.backup.accessLogRetentionDays),
      objectLock: lock.enabled
        ? { mode: lock.mode, retention: Duration.days(lock.retentionDays) }
        : undefined,
      breakGlassRoleArn: bp.backup.breakGlassRoleArn,
      weaviate: {
        clusterName: this.cluster.cluster.clusterName,
        clusterNameLiteral: this.names.clusterName,
        namespace: this.workloadNames.weaviate.namespace,
        serviceAccount: this.workloadNames.weaviate.serviceAccount,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Each part owns its file; the order matters only where one part uses another's output. Everything the
    // parts need is a property of this stack: `cluster.cluster` (addManifest / addHelmChart),
    // `network.securityGroups.securityGroup(id)`, `network.subnets(tier)`, `keys.key(purpose)`, `backup`, `names`.
    this.workload = addWorkload(this);
    addEdge(this);
    addAdminAccess(this);
    this.alerting = addAlerting(this);
    addDetection(this, this.alerting);
  }
}
