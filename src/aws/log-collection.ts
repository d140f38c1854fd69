/**
 * Container and node logs: the aws-for-fluent-bit chart, pinned, as a DaemonSet on every node, writing to three
 * log groups created here, encrypted with the logs key and kept for the preset's retention: every container's
 * output (the mesh's access logs among them), Weaviate's own in a group of their own, and the nodes' journal
 * (kubelet, container runtime, kernel). Fluent Bit never creates a log group, so none escapes the key or the
 * retention; it writes through the logs interface endpoint with its own Pod Identity role, which may only
 * create streams in and put events to these three groups.
 *
 * Why this chart and not the amazon-cloudwatch-observability add-on: both need hostPath (so the privileged Pod
 * Security level), but the add-on also runs the CloudWatch agent with host networking, an operator with an
 * admission webhook and Container Insights metrics (billed per metric), and chooses its own log group names;
 * the chart runs Fluent Bit alone, without host networking, with the security context and outputs set here.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { WEAVIATE_NODE_TAINT, type LogCollectionNames } from '../flows/index.js';
import { PodIdentityRole } from './pod-identity-role.js';
import { logGroupEncryptionStatement } from './private/kms-statements.js';
import { chartSource } from './workload.js';

/** The aws-for-fluent-bit chart, pinned, and the image it runs (the chart's own default for this version). */
export const FLUENT_BIT_CHART = {
  repository: 'https://aws.github.io/eks-charts',
  chart: 'aws-for-fluent-bit',
  version: '0.2.0',
  upstreamRegistry: 'public.ecr.aws',
  image: 'aws-observability/aws-for-fluent-bit',
  imageTag: '3.2.1',
} as const;

/** Where Fluent Bit keeps its read positions on each node, so a restart neither loses nor repeats lines. */
const STATE_DIRECTORY = '/var/fluent-bit/state';

export interface LogCollectionProps {
  readonly cluster: eks.ICluster;
  /** The cluster name as a plain string (Pod Identity trust conditions). */
  readonly clusterNameLiteral: string;
  readonly names: LogCollectionNames;
  /** Weaviate's namespace: its containers' logs go to their own log group. */
  readonly weaviateNamespace: string;
  /** Where the chart comes from when it is an OCI mirror (see chartSource). */
  readonly chartRepository: string;
  /** Registry of the image: the account's ECR mirror, or public.ecr.aws. */
  readonly imageRegistry: string;
  readonly logsKey: kms.IKey;
  readonly retention: logs.RetentionDays;
  /** What must exist first: the namespace and its policies, the nodes. */
  readonly after: readonly Construct[];
}

/** The log groups, by what they hold. */
export interface CollectedLogGroups {
  readonly containers: logs.LogGroup;
  readonly weaviate: logs.LogGroup;
  readonly nodes: logs.LogGroup;
}

export class LogCollection extends Construct {
  readonly logGroups: CollectedLogGroups;
  readonly identity: PodIdentityRole;
  readonly chart: eks.HelmChart;

  constructor(scope: Construct, id: string, props: LogCollectionProps) {
    super(scope, id);
    const { names } = props;
    const group = (groupId: string, logGroupName: string) => {
      props.logsKey.addToResourcePolicy(logGroupEncryptionStatement(this, logGroupName));
      return new logs.LogGroup(this, groupId, {
        logGroupName,
        encryptionKey: props.logsKey,
        retention: props.retention,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    };
    this.logGroups = {
      containers: group('ContainerLogs', names.logGroups.containers),
      weaviate: group('WeaviateLogs', names.logGroups.weaviate),
      nodes: group('NodeLogs', names.logGroups.nodes),
    };
    this.identity = new PodIdentityRole(this, 'Identity', {
      clusterName: props.cluster.clusterName,
      clusterNameLiteral: props.clusterNameLiteral,
      namespace: names.namespace,
      serviceAccount: names.serviceAccount,
      description: 'Fluent Bit: write container and node logs to their log groups (EKS Pod Identity)',
    });
    const groups = Object.values(this.logGroups);
    new iam.ManagedPolicy(this, 'WritePolicy', {
      description: 'Fluent Bit: create streams in and put events to the collected log groups, nothing else',
      roles: [this.identity.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'WriteCollectedLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          // The groups' ARNs end in `:*`, which also covers their streams.
          resources: groups.map((g) => g.logGroupArn),
        }),
      ],
    });
    this.chart = props.cluster.addHelmChart('FluentBit', {
      ...chartSource(props.chartRepository, FLUENT_BIT_CHART.chart, FLUENT_BIT_CHART.repository),
      version: FLUENT_BIT_CHART.version,
      release: names.release,
      namespace: names.namespace,
      createNamespace: false,
      wait: true,
      timeout: Duration.minutes(10),
      values: fluentBitValues({
        names,
        region: Stack.of(this).region,
        weaviateNamespace: props.weaviateNamespace,
        imageRegistry: props.imageRegistry,
      }),
    });
    for (const dep of [...props.after, ...groups]) this.chart.node.addDependency(dep);
    if (this.identity.association) this.chart.node.addDependency(this.identity.association);
  }
}

export interface FluentBitValuesProps {
  readonly names: LogCollectionNames;
  readonly region: string;
  readonly weaviateNamespace: string;
  readonly imageRegistry: string;
}

/** The chart's values (exported for the tests). */
export function fluentBitValues(props: FluentBitValuesProps): Record<string, unknown> {
  const { names, region, weaviateNamespace } = props;
  const weaviatePath = `/var/log/containers/*_${weaviateNamespace}_*.log`;
  // A pod's `fluentbit.io/exclude` annotation would let it hide its own logs: off for every filter.
  const kubernetesFilter = (match: string, tagPrefix: string) =>
    section('FILTER', {
      Name: 'kubernetes',
      Match: match,
      Kube_URL: 'https://kubernetes.default.svc.cluster.local:443',
      Kube_Tag_Prefix: tagPrefix,
      Merge_Log: 'On',
      Keep_Log: 'On',
      'K8S-Logging.Parser': 'On',
      'K8S-Logging.Exclude': 'Off',
      Buffer_Size: '32k',
    });
  const cloudWatchOutput = (match: string, logGroupName: string, prefix: string) =>
    section('OUTPUT', {
      Name: 'cloudwatch_logs',
      Match: match,
      region,
      log_group_name: logGroupName,
      log_stream_prefix: prefix,
      auto_create_group: 'false',
    });
  return {
    fullnameOverride: names.release,
    image: {
      repository: `${props.imageRegistry}/${FLUENT_BIT_CHART.image}`,
      tag: FLUENT_BIT_CHART.imageTag,
    },
    serviceAccount: { create: true, name: names.serviceAccount },
    // Root only to read the root-owned log files (their owner's permission); no capability, no escalation.
    podSecurityContext: { runAsUser: 0, runAsGroup: 0, seccompProfile: { type: 'RuntimeDefault' } },
    containerSecurityContext: {
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    hostNetwork: false,
    dnsPolicy: 'ClusterFirst',
    input: {
      enabled: true,
      tag: 'kube.*',
      path: '/var/log/containers/*.log',
      db: `${STATE_DIRECTORY}/flb_kube.db`,
      multilineParser: 'docker, cri',
      memBufLimit: '5MB',
      skipLongLines: 'On',
      refreshInterval: 10,
      extraInputs: `Exclude_Path      ${weaviatePath}`,
    },
    additionalInputs: [
      section('INPUT', {
        Name: 'tail',
        Tag: 'weaviate.*',
        Path: weaviatePath,
        DB: `${STATE_DIRECTORY}/flb_weaviate.db`,
        'multiline.parser': 'docker, cri',
        Mem_Buf_Limit: '5MB',
        Skip_Long_Lines: 'On',
        Refresh_Interval: '10',
      }),
      // Node logs: the journal (kubelet, container runtime, kernel), where Amazon Linux 2023 writes them.
      section('INPUT', {
        Name: 'systemd',
        Tag: 'node.*',
        Path: '/var/log/journal',
        DB: `${STATE_DIRECTORY}/flb_journal.db`,
        Systemd_Filter: [
          '_SYSTEMD_UNIT=kubelet.service',
          '_SYSTEMD_UNIT=containerd.service',
          '_TRANSPORT=kernel',
        ],
        Systemd_Filter_Type: 'Or',
        Read_From_Tail: 'On',
      }),
    ].join(''),
    filter: {
      enabled: true,
      match: 'kube.*',
      kubeURL: 'https://kubernetes.default.svc.cluster.local:443',
      mergeLog: 'On',
      mergeLogKey: 'data',
      keepLog: 'On',
      k8sLoggingParser: 'On',
      k8sLoggingExclude: 'Off',
      bufferSize: '32k',
    },
    additionalFilters: kubernetesFilter('weaviate.*', 'weaviate.var.log.containers.'),
    cloudWatch: { enabled: false },
    cloudWatchLogs: {
      enabled: true,
      match: 'kube.*',
      region,
      logGroupName: names.logGroups.containers,
      logStreamPrefix: 'containers-',
      autoCreateGroup: false,
    },
    additionalOutputs: [
      cloudWatchOutput('weaviate.*', names.logGroups.weaviate, 'weaviate-'),
      cloudWatchOutput('node.*', names.logGroups.nodes, 'node-'),
    ].join(''),
    firehose: { enabled: false },
    kinesis: { enabled: false },
    kinesis_streams: { enabled: false },
    elasticsearch: { enabled: false },
    s3: { enabled: false },
    opensearch: { enabled: false },
    volumes: [
      { name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'state', hostPath: { path: STATE_DIRECTORY, type: 'DirectoryOrCreate' } },
      { name: 'tmp', emptyDir: {} },
    ],
    volumeMounts: [
      { name: 'varlog', mountPath: '/var/log', readOnly: true },
      { name: 'state', mountPath: STATE_DIRECTORY },
      { name: 'tmp', mountPath: '/tmp' },
    ],
    // Every node, the dedicated Weaviate nodes included.
    tolerations: [
      {
        key: WEAVIATE_NODE_TAINT.key,
        operator: 'Equal',
        value: WEAVIATE_NODE_TAINT.value,
        effect: WEAVIATE_NODE_TAINT.effect,
      },
    ],
    resources: { requests: { cpu: '50m', memory: '100Mi' }, limits: { memory: '250Mi' } },
    serviceMonitor: { enabled: false },
  };
}

/**
 * One section of Fluent Bit's classic configuration, in the layout the chart indents it into (its sections
 * start four spaces in, their keys eight): a key with several values is written once per value. Written by
 * hand: the chart takes these as text, and no maintained library writes Fluent Bit's format.
 */
function section(kind: string, entries: Record<string, string | readonly string[]>): string {
  const lines = Object.entries(entries).flatMap(([key, value]) =>
    (typeof value === 'string' ? [value] : value).map((v) => `    ${key.padEnd(18)} ${v}`),
  );
  return `[${kind}]\n${lines.join('\n')}\n`;
}
