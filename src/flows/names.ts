/**
 * Kubernetes names shared by the charts (k8s/) and the flow spec, so a NetworkPolicy selector and the pods it
 * selects cannot drift apart.
 */
import type { Blueprint } from '../blueprint/index.js';
import { LABEL_NODE_GROUP, LABEL_NODE_ROLE } from '../contract/keys.js';

export const WEAVIATE_APP_LABEL = 'app.kubernetes.io/name';

/** Node label carrying the node group's name (blueprint `cluster.nodeGroups[].name`). */
export const NODE_GROUP_LABEL = LABEL_NODE_GROUP;
/** Node label carrying the node group's role (`system` or `weaviate`); charts select nodes by it. */
export const NODE_ROLE_LABEL = LABEL_NODE_ROLE;
/**
 * Taint on the dedicated Weaviate nodes: only pods that tolerate it (Weaviate, and DaemonSets that tolerate
 * every taint) are scheduled there.
 */
export const WEAVIATE_NODE_TAINT = { key: 'dedicated', value: 'weaviate', effect: 'NoSchedule' } as const;

export interface WorkloadNames {
  readonly weaviate: {
    namespace: string;
    labels: Record<string, string>;
    serviceAccount: string;
    statefulSet: string;
    headlessService: string;
  };
  readonly ingressGateway: {
    namespace: string;
    labels: Record<string, string>;
    serviceAccount: string;
    httpPort: number;
    healthPort: number;
  };
  readonly istiod: {
    namespace: string;
    labels: Record<string, string>;
    serviceAccount: string;
    xdsPort: number;
    webhookPort: number;
  };
  readonly prometheus: { namespace: string; labels: Record<string, string> };
  /**
   * The AWS Load Balancer Controller (Helm release), which registers the ingress gateway's pods in the ALB's
   * target group. Its own namespace, so default deny and the restricted profile apply to it like to our workloads.
   */
  readonly loadBalancerController: {
    namespace: string;
    release: string;
    labels: Record<string, string>;
    serviceAccount: string;
    webhookPort: number;
  };
  readonly kubeDns: { namespace: string; labels: Record<string, string> };
  /** A namespace no policy names: the prover places a hypothetical pod there to show other namespaces are shut out. */
  readonly outsider: { namespace: string; labels: Record<string, string> };
  /** The backup CronJob, the backup role's reconciler and the restore drill (in Weaviate's namespace). */
  readonly backupJobs: {
    backup: JobNames;
    role: JobNames;
    drill: JobNames;
    /** Port the jobs serve their result metrics on while they linger. */
    metricsPort: number;
  };
  /** The drill's scratch Weaviate, in its own namespace; scaled to zero between drills. */
  readonly scratchWeaviate: {
    namespace: string;
    labels: Record<string, string>;
    serviceAccount: string;
    statefulSet: string;
    headlessService: string;
    clientService: string;
    /** The Secret the drill writes a fresh API key into before it scales the scratch up. */
    credentialsSecret: string;
  };
}

export interface JobNames {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly serviceAccount: string;
}

const job = (namespace: string, name: string): JobNames => ({
  namespace,
  name,
  labels: { [WEAVIATE_APP_LABEL]: name },
  serviceAccount: name,
});

export function workloadNames(bp: Blueprint): WorkloadNames {
  return {
    weaviate: {
      namespace: bp.weaviate.namespace,
      labels: { [WEAVIATE_APP_LABEL]: 'weaviate', 'app.kubernetes.io/instance': bp.name },
      serviceAccount: 'weaviate',
      statefulSet: 'weaviate',
      headlessService: 'weaviate-headless',
    },
    ingressGateway: {
      namespace: bp.mesh.ingressNamespace,
      labels: { istio: 'ingressgateway', 'app.kubernetes.io/name': 'ingress-gateway' },
      serviceAccount: 'ingress-gateway',
      httpPort: 8080,
      healthPort: 15021,
    },
    istiod: {
      namespace: 'istio-system',
      labels: { app: 'istiod' },
      serviceAccount: 'istiod',
      xdsPort: 15012,
      webhookPort: 15017,
    },
    prometheus: { namespace: bp.monitoring.namespace, labels: { ...bp.monitoring.prometheusPodLabels } },
    loadBalancerController: {
      namespace: 'aws-load-balancer-controller',
      release: 'aws-load-balancer-controller',
      // The chart labels its pods with its own name and the release (Helm's recommended labels).
      labels: {
        'app.kubernetes.io/name': 'aws-load-balancer-controller',
        'app.kubernetes.io/instance': 'aws-load-balancer-controller',
      },
      serviceAccount: 'aws-load-balancer-controller',
      webhookPort: 9443,
    },
    kubeDns: { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    outsider: { namespace: 'vectorfort-outsider', labels: { 'app.kubernetes.io/name': 'outsider' } },
    backupJobs: {
      backup: job(bp.weaviate.namespace, 'weaviate-backup'),
      role: job(bp.weaviate.namespace, 'weaviate-backup-role'),
      drill: job(bp.weaviate.namespace, 'weaviate-restore-drill'),
      metricsPort: 9464,
    },
    scratchWeaviate: {
      namespace: bp.backup.restoreDrill.namespace,
      labels: { [WEAVIATE_APP_LABEL]: 'weaviate-scratch', 'app.kubernetes.io/instance': bp.name },
      serviceAccount: 'weaviate-scratch',
      statefulSet: 'weaviate-scratch',
      headlessService: 'weaviate-scratch-headless',
      clientService: 'weaviate-scratch',
      credentialsSecret: 'weaviate-scratch-credentials',
    },
  };
}
