/**
 * Applies the Kubernetes side to the cluster: Weaviate's secrets in Secrets Manager and the Secrets Store CSI
 * driver that brings them into the pod, the service mesh (Istio's Helm charts), the Prometheus Operator CRDs the
 * monitoring chart needs, and the rendered charts themselves: the same objects `vectorfort synth` writes to
 * `<out>/k8s/`, applied in chart order, each after what it depends on.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import { CfnAddon } from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { LABEL_NODE_ROLE } from '../contract/keys.js';
import {
  INGRESS_GATEWAY_TLS,
  WEAVIATE_NODE_TAINT,
  type CertManagerNames,
  type WorkloadNames,
} from '../flows/index.js';
import { CHART_NAMES, type RenderedChart } from '../k8s/index.js';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../k8s/pod-security.js';
import { SECRET_FIELDS } from '../k8s/weaviate/secrets.js';
import type { MaintenanceWindow } from '../rotation/maintenance-window.js';
import { ApiKeyRotation } from './api-key-rotation.js';
import { addCertManager, CERT_MANAGER_CHART } from './cert-manager.js';
import type { PodIdentityRole } from './pod-identity-role.js';
import { secretsThroughSecretsManagerStatement } from './private/kms-statements.js';

/**
 * The Prometheus Operator CRDs chart (CRDs only, no workload), pinned to the operator the monitoring stack runs:
 * 31.0.1 carries the CRDs of operator v0.93.1, the version of kube-prometheus-stack 88.5.3 (24.0.2 had v0.86.2's,
 * whose schemas lack fields the newer operator writes and reads).
 */
export const PROMETHEUS_CRDS_CHART = {
  repository: 'https://prometheus-community.github.io/helm-charts',
  chart: 'prometheus-operator-crds',
  version: '31.0.1',
} as const;

/** Istio's mesh-wide access logs: one JSON line per request on each proxy's standard output. */
export const ISTIO_ACCESS_LOGS = { accessLogFile: '/dev/stdout', accessLogEncoding: 'JSON' } as const;

/** The user and group Istio's proxy images run as. */
const ISTIO_PROXY_ID = 1337;

/** The EKS add-on that installs the Secrets Store CSI driver with the AWS provider. */
export const SECRETS_STORE_ADDON = 'aws-secrets-store-csi-driver-provider';

/**
 * Add-on configuration: sync mounted secrets into Kubernetes Secrets (Weaviate reads them through `secretKeyRef`),
 * keep them following Secrets Manager (rotation: the API-key roster changes after every key rotation, and a
 * restarted pod must read the current one) and run the node plugins on the tainted Weaviate nodes too, where the
 * volumes are mounted.
 */
export function secretsStoreAddonConfiguration(): Record<string, unknown> {
  const tolerations = [{ ...WEAVIATE_NODE_TAINT, operator: 'Equal' }];
  return {
    tolerations,
    'secrets-store-csi-driver': {
      syncSecret: { enabled: true },
      enableSecretRotation: true,
      rotationPollInterval: SECRET_ROTATION_POLL_INTERVAL,
      linux: { tolerations },
    },
  };
}

/** How often the CSI driver re-reads the mounted secrets (the chart's default, stated). */
export const SECRET_ROTATION_POLL_INTERVAL = '2m';

/** What the stack applies to the cluster, kept for tests and for whoever adds more on top. */
export interface Workload {
  readonly charts: readonly RenderedChart[];
  readonly manifests: Readonly<Record<string, eks.KubernetesManifest>>;
  readonly helmCharts: Readonly<Record<string, eks.HelmChart>>;
  /** The API-key roster Weaviate reads (written by the rotation function). */
  readonly apiKeysSecret?: secretsmanager.Secret;
  /** Every user's key secret (the backup user's too), the roster and their rotation. */
  readonly apiKeyRotation: ApiKeyRotation;
  readonly clusterAuthSecret: secretsmanager.Secret;
}

/** Istio as the blueprint's `mesh` configures it. */
export interface MeshOptions {
  /** Version of Istio's charts. */
  readonly istioVersion: string;
  /** Istio's chart repository, or an OCI mirror that holds every chart the stack installs. */
  readonly chartRepository: string;
  /** Registry of Istio's images (`<mirror>/istio`). @default - the charts' own (public) registry */
  readonly imageHub?: string;
  /** Replicas (and autoscaling minimum) of the ingress gateway. */
  readonly ingressReplicas: number;
  /** Namespace of istiod and the CNI agent. */
  readonly istiodNamespace: string;
  /** The ingress gateway's namespace, service account, labels and ports. */
  readonly ingressGateway: WorkloadNames['ingressGateway'];
  /**
   * The gateway's TLS listener, with cert-manager to issue its certificate (cert-manager.ts).
   * @default - no TLS listener: nothing forwards to the gateway
   */
  readonly gatewayTls?: {
    readonly certManager: CertManagerNames;
    /** Registry of cert-manager's images: `quay.io` or the ECR mirror. */
    readonly imageRegistry: string;
  };
}

export interface WorkloadProps {
  /** The cluster the charts and Helm releases go to. */
  readonly cluster: eks.ICluster;
  /** The node groups: DaemonSets and the first pods wait for them. */
  readonly nodes: readonly Construct[];
  /** The rendered charts (namespaces, network policies, weaviate; mesh and monitoring when on). */
  readonly charts: readonly RenderedChart[];
  /** Encrypts Weaviate's secrets (the EKS secrets key: the same data lives as Kubernetes Secrets). */
  readonly secretsKey: kms.IKey;
  /** Weaviate's Pod Identity role, which reads the secrets through the Secrets Store CSI driver. */
  readonly weaviateIdentity: PodIdentityRole;
  /** Names of the API key and cluster credential secrets (the manifests reference them). */
  readonly secretNames: { readonly apiKeys: string; readonly clusterAuth: string };
  /**
   * API keys: one rotated key per user, and the roster Weaviate reads (api-key-rotation.ts). The roster and its
   * rotation exist even when clients use OIDC only (no users): the backup user's key is rotated through them.
   */
  readonly apiKeys: {
    /** The blueprint's name (names the rotation function's log group). */
    readonly name: string;
    /** The client users; none when API keys are off for clients. */
    readonly users: readonly string[];
    readonly rotationInterval: Duration;
    /** Key of the rotation function's log group. */
    readonly logsKey: kms.Key;
    /** Where the function runs: the application tier, with its generated security group. */
    readonly vpc: ec2.IVpc;
    readonly subnets: ec2.SubnetSelection;
    readonly securityGroup: ec2.ISecurityGroup;
    /** Weaviate's namespace and StatefulSet, which the function restarts. */
    readonly weaviate: { readonly namespace: string; readonly statefulSet: string };
    /** The cluster password's maintenance window, and the pods the function restarts together in it. */
    readonly clusterAuth: { readonly window: MaintenanceWindow; readonly pods: readonly string[] };
  };
  /** Where charts come from when it is an OCI mirror (see chartSource). */
  readonly chartRepository: string;
  /** Istio's charts before the mesh chart. @default - no mesh */
  readonly mesh?: MeshOptions;
  /** Namespace of the Prometheus Operator CRDs release (installed with the monitoring chart). */
  readonly prometheusNamespace: string;
}

/**
 * Applies the workload to the cluster. The Secrets Store add-on, Weaviate's secrets and their policy are created
 * in `scope` (the stack's cluster construct).
 */
export function addWorkload(scope: Construct, props: WorkloadProps): Workload {
  const cluster = props.cluster;
  const nodes = props.nodes;

  const secrets = addWeaviateSecrets(scope, props);
  const secretsStore = new CfnAddon(scope, 'SecretsStoreCsiDriver', {
    clusterName: cluster.clusterName,
    addonName: SECRETS_STORE_ADDON,
    resolveConflicts: 'OVERWRITE',
    configurationValues: JSON.stringify(secretsStoreAddonConfiguration()),
  });
  // DaemonSets: they need nodes to become healthy.
  for (const n of nodes) secretsStore.node.addDependency(n);

  const charts = [...props.charts].sort((a, b) => a.order - b.order);
  const manifests: Record<string, eks.KubernetesManifest> = {};
  const helmCharts: Record<string, eks.HelmChart> = {};
  const apply = (chart: RenderedChart, ...after: Construct[]) => {
    const manifest = cluster.addManifest(`Manifest-${chart.name}`, ...chart.objects);
    for (const dep of after) manifest.node.addDependency(dep);
    manifests[chart.name] = manifest;
    return manifest;
  };
  const byName = new Map(charts.map((c) => [c.name, c]));
  const namespaces = apply(byName.get(CHART_NAMES.namespaces)!);
  const policies = apply(byName.get(CHART_NAMES.networkPolicies)!, namespaces);

  // The pods mount the secrets at start through the Pod Identity association: all three must exist first.
  const association = props.weaviateIdentity.association;
  const weaviateAfter: Construct[] = [
    namespaces,
    policies,
    secretsStore,
    ...nodes,
    ...secrets.dependables,
    ...(association ? [association] : []),
  ];
  if (props.mesh) {
    Object.assign(helmCharts, addIstio(cluster, props.mesh, namespaces, nodes));
    const tls = props.mesh.gatewayTls;
    // The mesh chart holds the gateway's issuers and certificate: cert-manager's CRDs and webhook come first.
    if (tls)
      helmCharts.certManager = addCertManager({
        cluster,
        names: tls.certManager,
        source: chartSource(
          props.mesh.chartRepository,
          CERT_MANAGER_CHART.chart,
          CERT_MANAGER_CHART.repository,
        ),
        imageRegistry: tls.imageRegistry,
        after: [namespaces, policies, ...nodes],
      });
    const mesh = apply(
      byName.get(CHART_NAMES.mesh)!,
      namespaces,
      helmCharts.istiod!,
      helmCharts.gateway!,
      ...(helmCharts.certManager ? [helmCharts.certManager] : []),
    );
    // Pods created before the injection webhook exists would run without a sidecar; STRICT mTLS comes first.
    weaviateAfter.push(mesh, helmCharts.istiod!);
  }
  const weaviate = apply(byName.get(CHART_NAMES.weaviate)!, ...weaviateAfter);
  // The jobs read the backup user's key from the Secret Weaviate's pods sync, and call Weaviate.
  const backups = byName.get(CHART_NAMES.backups);
  if (backups) apply(backups, weaviate, ...weaviateAfter);

  const monitoring = byName.get(CHART_NAMES.monitoring);
  if (monitoring) {
    const crds = cluster.addHelmChart('PrometheusOperatorCrds', {
      ...chartSource(props.chartRepository, PROMETHEUS_CRDS_CHART.chart, PROMETHEUS_CRDS_CHART.repository),
      version: PROMETHEUS_CRDS_CHART.version,
      release: 'prometheus-operator-crds',
      namespace: props.prometheusNamespace,
      createNamespace: false,
      wait: true,
    });
    crds.node.addDependency(namespaces);
    helmCharts.prometheusOperatorCrds = crds;
    apply(monitoring, namespaces, policies, crds);
  }
  return {
    charts,
    manifests,
    helmCharts,
    apiKeysSecret: secrets.apiKeyRotation?.rosterSecret,
    apiKeyRotation: secrets.apiKeyRotation,
    clusterAuthSecret: secrets.clusterAuthSecret,
  };
}

/**
 * Where a chart comes from: the upstream repository, or, when the blueprint points the mesh at an OCI mirror
 * (a cluster with no internet access), the same mirror, which then holds every chart the stack installs.
 */
export function chartSource(
  chartRepository: string,
  chart: string,
  upstream: string,
): { chart: string; repository: string } {
  const repo = chartRepository.replace(/\/+$/, '');
  if (repo.startsWith('oci://')) return { chart, repository: `${repo}/${chart}` };
  return { chart, repository: upstream };
}

/**
 * Istio in sidecar mode with the CNI plugin: the CNI node agent sets up traffic redirection, so injected pods need
 * no privileged `istio-init` container and still pass the restricted profile. base (CRDs) → cni → istiod →
 * ingress gateway (a ClusterIP Service: traffic arrives from the load balancer's IP targets, never a second
 * LoadBalancer).
 */
export function addIstio(
  cluster: eks.ICluster,
  mesh: MeshOptions,
  namespaces: Construct,
  nodes: readonly Construct[],
): Record<string, eks.HelmChart> {
  const version = mesh.istioVersion;
  const istioRepo = mesh.chartRepository.replace(/\/+$/, '');
  const source = (chart: string) => chartSource(mesh.chartRepository, chart, istioRepo);
  const hub = mesh.imageHub === undefined ? {} : { hub: mesh.imageHub };
  const system = { [LABEL_NODE_ROLE]: 'system' };
  const istioSystem = mesh.istiodNamespace;
  const gatewayNames = mesh.ingressGateway;
  const common = { version, wait: true, timeout: Duration.minutes(10) };

  const base = cluster.addHelmChart('IstioBase', {
    ...source('base'),
    ...common,
    release: 'istio-base',
    namespace: istioSystem,
    createNamespace: true,
    values: { defaultRevision: 'default' },
  });
  const cni = cluster.addHelmChart('IstioCni', {
    ...source('cni'),
    ...common,
    release: 'istio-cni',
    namespace: istioSystem,
    values: { global: { ...hub } },
  });
  const istiod = cluster.addHelmChart('Istiod', {
    ...source('istiod'),
    ...common,
    release: 'istiod',
    namespace: istioSystem,
    values: {
      global: { ...hub },
      pilot: { cni: { enabled: true }, nodeSelector: system },
      // Every sidecar and gateway writes an access log line per request (JSON, to its container's output).
      meshConfig: { ...ISTIO_ACCESS_LOGS },
    },
  });
  const gateway = cluster.addHelmChart('IngressGateway', {
    ...source('gateway'),
    ...common,
    release: gatewayNames.serviceAccount,
    namespace: gatewayNames.namespace,
    createNamespace: false,
    values: {
      global: { ...hub },
      labels: { ...gatewayNames.labels },
      serviceAccount: { create: true, name: gatewayNames.serviceAccount },
      replicaCount: mesh.ingressReplicas,
      autoscaling: { minReplicas: mesh.ingressReplicas },
      nodeSelector: system,
      service: {
        type: 'ClusterIP',
        ports: [
          { name: 'status-port', port: gatewayNames.healthPort, protocol: 'TCP' },
          // The TLS listener the load balancer targets, else the plain one nothing reaches (no exposure).
          mesh.gatewayTls
            ? {
                name: INGRESS_GATEWAY_TLS.portName,
                port: INGRESS_GATEWAY_TLS.port,
                targetPort: INGRESS_GATEWAY_TLS.port,
                protocol: 'TCP',
              }
            : {
                name: 'http',
                port: gatewayNames.httpPort,
                targetPort: gatewayNames.httpPort,
                protocol: 'TCP',
              },
        ],
      },
      // The restricted profile: the gateway listens on an unprivileged port, so it needs no sysctl or capability.
      securityContext: restrictedPodSecurityContext(ISTIO_PROXY_ID),
      containerSecurityContext: restrictedContainerSecurityContext(ISTIO_PROXY_ID),
    },
  });
  cni.node.addDependency(base);
  istiod.node.addDependency(base);
  istiod.node.addDependency(cni);
  gateway.node.addDependency(istiod);
  gateway.node.addDependency(namespaces);
  for (const n of nodes) base.node.addDependency(n);
  return { base, cni, istiod, gateway };
}

/**
 * Weaviate's API keys and intra-cluster credentials, generated by Secrets Manager (never in a template or
 * manifest), encrypted with the EKS secrets key (the same data lives as Kubernetes Secrets), readable by
 * Weaviate's Pod Identity role only.
 */
function addWeaviateSecrets(
  scope: Construct,
  props: WorkloadProps,
): Pick<Workload, 'apiKeyRotation' | 'clusterAuthSecret'> & { dependables: Construct[] } {
  const key = props.secretsKey;
  const names = props.secretNames;
  const clusterAuthSecret = new secretsmanager.Secret(scope, 'WeaviateClusterAuth', {
    secretName: names.clusterAuth,
    description: 'Weaviate intra-cluster basic auth for the data port (JSON {"username", "password"})',
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ [SECRET_FIELDS.clusterAuth.username]: 'weaviate-cluster' }),
      generateStringKey: SECRET_FIELDS.clusterAuth.password,
      passwordLength: 48,
      excludePunctuation: true,
    },
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // The key is set on the L1: passing it to the L2 would also grant the whole account use of the key through
  // Secrets Manager for any secret; the statement below limits that to these secrets.
  (clusterAuthSecret.node.defaultChild as secretsmanager.CfnSecret).kmsKeyId = key.keyArn;

  // Each user's own key, rotated with the previous one kept valid; Weaviate reads the roster of all of them.
  const apiKeyRotation = new ApiKeyRotation(scope, 'WeaviateApiKeys', {
    name: props.apiKeys.name,
    rosterSecretName: names.apiKeys,
    users: props.apiKeys.users,
    key,
    logsKey: props.apiKeys.logsKey,
    rotationInterval: props.apiKeys.rotationInterval,
    vpc: props.apiKeys.vpc,
    subnets: props.apiKeys.subnets,
    securityGroup: props.apiKeys.securityGroup,
    cluster: props.cluster,
    weaviate: props.apiKeys.weaviate,
  });
  // Weaviate's cluster API accepts one password, read at start: it rotates in the maintenance window, every pod
  // restarting together (docs/api-key-rotation.md).
  apiKeyRotation.rotateClusterAuth(clusterAuthSecret, clusterAuthSecret, props.apiKeys.clusterAuth);
  const apiKeysSecret = apiKeyRotation?.rosterSecret;

  // The Secrets Store CSI provider fetches with the pod's own Pod Identity role: the backup role, which is the
  // one association the Weaviate service account can have.
  const role = props.weaviateIdentity.role;
  const secretNames = [...(apiKeyRotation?.secretNames ?? []), names.clusterAuth];
  const arns = [apiKeysSecret, clusterAuthSecret].filter((s) => s !== undefined).map((s) => s.secretArn);
  const region = Stack.of(scope).region;
  const policy = new iam.ManagedPolicy(scope, 'WeaviateSecretsPolicy', {
    description:
      'Weaviate: read its API keys and cluster credentials (Secrets Store CSI driver, Pod Identity)',
    roles: [role],
    statements: [
      new iam.PolicyStatement({
        sid: 'ReadWeaviateSecrets',
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: arns,
      }),
      new iam.PolicyStatement({
        sid: 'DecryptWeaviateSecrets',
        actions: ['kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } },
      }),
    ],
  });
  // Whoever IAM lets write these secrets (CloudFormation creating them, an operator rotating them) may use the
  // key for them, through Secrets Manager only.
  key.addToResourcePolicy(
    secretsThroughSecretsManagerStatement(scope, 'WeaviateSecretsThroughSecretsManager', secretNames),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'WeaviateReadsItsSecrets',
      principals: [role],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } },
    }),
  );
  // The pods mount the roster, which the first rotations write: the whole rotation comes first.
  const dependables = [policy, clusterAuthSecret, ...(apiKeyRotation ? [apiKeyRotation] : [])];
  return { apiKeyRotation, clusterAuthSecret, dependables };
}
