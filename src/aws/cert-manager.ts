/**
 * cert-manager (Helm chart, pinned), installed when the ingress gateway serves TLS: it issues the gateway's
 * certificate from a CA whose key is generated in the cluster (the issuers and certificates are in the mesh
 * chart, k8s/gateway-tls.ts).
 *
 * Why cert-manager rather than AWS Private CA: the load balancer validates no target certificate, so a public-
 * facing trust chain buys nothing on this hop, while a private CA costs USD 400 a month per CA in general-purpose
 * mode (USD 50 in short-lived mode, certificates valid 7 days at most) and would still need cert-manager and AWS's
 * issuer plugin to reach the gateway. Here the CA costs only its pods' share of the system nodes, and its key
 * never leaves the cluster (a Secret encrypted with the cluster's secrets key).
 *
 * It runs in its own namespace under the restricted Pod Security profile and default-deny NetworkPolicies; the
 * flow spec's `cert-manager*` components open exactly their Kubernetes API calls and the webhook. It needs no AWS
 * credentials (a CA issuer makes no AWS call), so it gets no Pod Identity role.
 */
import { Duration } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import type { Construct } from 'constructs';
import { LABEL_NODE_ROLE } from '../contract/keys.js';
import type { CertManagerNames } from '../flows/index.js';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../k8s/pod-security.js';

/** cert-manager's Helm chart and its images (the chart's appVersion), pinned together. */
export const CERT_MANAGER_CHART = {
  repository: 'https://charts.jetstack.io',
  chart: 'cert-manager',
  version: 'v1.21.1',
  upstreamRegistry: 'quay.io',
  imageNamespace: 'jetstack',
} as const;

export interface CertManagerProps {
  readonly cluster: eks.ICluster;
  /** cert-manager's namespace, release, webhook port and pods. */
  readonly names: CertManagerNames;
  /** Where the chart comes from: CERT_MANAGER_CHART's repository, or the OCI mirror (workload.ts chartSource). */
  readonly source: { readonly chart: string; readonly repository: string };
  /** Registry of the images: `quay.io` or the ECR mirror. */
  readonly imageRegistry: string;
  /** What must exist first: the namespace and its NetworkPolicies, the node groups. */
  readonly after: readonly Construct[];
}

/** The restricted profile on a component's pods and containers, and the system nodes. */
function hardenedComponent(): Record<string, unknown> {
  return {
    securityContext: restrictedPodSecurityContext(),
    containerSecurityContext: restrictedContainerSecurityContext(),
    nodeSelector: { [LABEL_NODE_ROLE]: 'system' },
  };
}

/** The chart's values: CRDs with the release, two replicas of the long-running parts, the restricted profile. */
export function certManagerValues(
  props: Pick<CertManagerProps, 'names' | 'imageRegistry'>,
): Record<string, unknown> {
  const disruptionBudget = { podDisruptionBudget: { enabled: true, maxUnavailable: 1 } };
  return {
    crds: { enabled: true, keep: true },
    imageRegistry: props.imageRegistry,
    imageNamespace: CERT_MANAGER_CHART.imageNamespace,
    replicaCount: 2,
    ...disruptionBudget,
    ...hardenedComponent(),
    resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } },
    // Nothing scrapes cert-manager (no flow admits it), so it advertises no scrape annotations.
    prometheus: { enabled: false },
    // The chart's own NetworkPolicies would open the webhook to every source; the flow spec's are narrower.
    webhook: {
      replicaCount: 2,
      securePort: props.names.webhookPort,
      ...disruptionBudget,
      ...hardenedComponent(),
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
    },
    cainjector: {
      replicaCount: 2,
      ...disruptionBudget,
      ...hardenedComponent(),
      resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '256Mi' } },
    },
    // The install waits until the webhook answers, so the issuers applied next are not refused.
    startupapicheck: { enabled: true, ...hardenedComponent() },
  };
}

/** Installs cert-manager once its namespace, its NetworkPolicies and the nodes exist. */
export function addCertManager(props: CertManagerProps): eks.HelmChart {
  const names = props.names;
  const chart = props.cluster.addHelmChart('CertManager', {
    ...props.source,
    version: CERT_MANAGER_CHART.version,
    release: names.release,
    namespace: names.namespace,
    createNamespace: false,
    wait: true,
    timeout: Duration.minutes(10),
    values: certManagerValues(props),
  });
  for (const dep of props.after) chart.node.addDependency(dep);
  return chart;
}
