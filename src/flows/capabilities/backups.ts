/**
 * Scheduled backups and the restore drill. The backup job and the backup role's reconciler only call Weaviate's
 * REST port through the mesh (Weaviate itself writes to S3). The drill lists the backups on Weaviate, scales its
 * scratch Weaviate through the Kubernetes API, restores into it through the mesh and writes its evidence to S3;
 * the scratch Weaviate reads the backup from S3. Prometheus scrapes the jobs' result metrics while they linger.
 */
import { dnsLookups, flow, type Capability } from '../capability.js';
import type { ComponentId } from '../ids.js';
import { ON_NODE_LAYERS, POD_LAYERS, podLayers } from '../layers.js';
import {
  AWS_API_TLS,
  GOSSIP_UDP_PLAINTEXT,
  ISTIOD_TLS,
  KUBE_API_TLS,
  meshOrPlaintext,
  POD_IDENTITY_AGENT_PLAINTEXT,
} from '../protection.js';
import type { Flow, FlowProtection } from '../types.js';
import { HTTPS_PORT, POD_IDENTITY_AGENT_PORT } from '../well-known.js';

/**
 * Prometheus scraping a finished job's outcome: the port is outside the job's sidecar (the job serves it for a
 * minute after its run, with no certificate of its own).
 */
const JOB_METRICS_PLAINTEXT: FlowProtection = {
  kind: 'none',
  terminatedBy: 'backup-job',
  acknowledged:
    "The job's outcome metrics only (success, duration, the backup's time), never data or credentials; NetworkPolicy admits only Prometheus to the port, for the minute the finished job lingers.",
};

export const backups: Capability = ({ blueprint, names }) => {
  const meshEnabled = blueprint.mesh.enabled;
  const drill = blueprint.backup.restoreDrill.enabled;
  const ports = blueprint.weaviate.ports;
  const jobs = names.backupJobs;
  const scratch = names.scratchWeaviate;
  const viaMesh = (from: ComponentId, to: ComponentId, purpose: string, description: string) =>
    flow({
      from,
      to,
      port: ports.http,
      purpose,
      description,
      enforcedBy: podLayers(meshEnabled),
      viaMesh: meshEnabled,
      protection: meshOrPlaintext(meshEnabled),
    });
  const jobComponent = (id: ComponentId, j: typeof jobs.backup, description: string) => ({
    id,
    description,
    tier: 'data' as const,
    k8s: { namespace: j.namespace, labels: j.labels, serviceAccount: j.serviceAccount },
    nodeGroup: 'system' as const,
    meshed: meshEnabled,
  });
  const scraped = (to: ComponentId): Flow<ComponentId>[] =>
    blueprint.monitoring.enabled
      ? [
          flow({
            from: 'prometheus',
            to,
            port: jobs.metricsPort,
            purpose: 'job-metrics',
            description: "Prometheus scrapes the job's result metrics",
            enforcedBy: POD_LAYERS,
            protection: JOB_METRICS_PLAINTEXT,
          }),
        ]
      : [];
  const xds = (from: ComponentId): Flow<ComponentId>[] =>
    meshEnabled
      ? [
          flow({
            from,
            to: 'istiod',
            port: names.istiod.xdsPort,
            purpose: 'xds',
            description: 'Sidecar configuration and certificates',
            enforcedBy: POD_LAYERS,
            protection: ISTIOD_TLS,
          }),
        ]
      : [];
  const awsAccess = (from: ComponentId, purpose: string, description: string): Flow<ComponentId>[] => [
    flow({
      from,
      to: 's3-endpoint',
      port: HTTPS_PORT,
      purpose,
      description,
      enforcedBy: POD_LAYERS,
      protection: AWS_API_TLS,
    }),
    flow({
      from,
      to: 'pod-identity-agent',
      port: POD_IDENTITY_AGENT_PORT,
      purpose: 'credentials',
      description: 'Pod Identity credentials',
      enforcedBy: ON_NODE_LAYERS,
      protection: POD_IDENTITY_AGENT_PLAINTEXT,
    }),
  ];
  const scratchCluster = (
    port: number,
    purpose: string,
    description: string,
    protocol: 'tcp' | 'udp' = 'tcp',
  ) =>
    flow({
      from: 'scratch-weaviate',
      to: 'scratch-weaviate',
      port,
      protocol,
      purpose,
      description,
      // As for Weaviate's own cluster: TCP through the mesh, memberlist's UDP probes outside it.
      enforcedBy: protocol === 'tcp' ? podLayers(meshEnabled) : POD_LAYERS,
      viaMesh: protocol === 'tcp' && meshEnabled,
      protection: protocol === 'tcp' ? meshOrPlaintext(meshEnabled) : GOSSIP_UDP_PLAINTEXT,
    });

  const components = [
    jobComponent('backup-job', jobs.backup, 'The scheduled backup job (CronJob)'),
    jobComponent('backup-role-setup', jobs.role, "The backup user's RBAC role reconciler (CronJob)"),
    ...(drill
      ? [
          jobComponent('restore-drill', jobs.drill, 'The restore drill (CronJob)'),
          {
            id: 'scratch-weaviate' as const,
            description: "The restore drill's scratch Weaviate (scaled to zero between drills)",
            tier: 'data' as const,
            k8s: {
              namespace: scratch.namespace,
              labels: scratch.labels,
              serviceAccount: scratch.serviceAccount,
            },
            nodeGroup: 'weaviate' as const,
            meshed: meshEnabled,
          },
        ]
      : []),
  ];
  const clients: ComponentId[] = [
    'backup-job',
    'backup-role-setup',
    ...(drill ? (['restore-drill', 'scratch-weaviate'] as const) : []),
  ];
  return {
    components,
    flows: {
      scraping: [...scraped('backup-job'), ...(drill ? scraped('restore-drill') : [])],
      dns: clients.flatMap((c) => dnsLookups(c)),
      'mesh-control': clients.flatMap(xds),
      backups: [
        viaMesh('backup-job', 'weaviate', 'backups', 'The backup job starts and watches backups'),
        viaMesh('backup-role-setup', 'weaviate', 'rbac', "The reconciler keeps the backup user's role"),
        ...(drill
          ? [
              viaMesh('restore-drill', 'weaviate', 'backups', 'The drill finds the latest successful backup'),
              flow({
                from: 'restore-drill',
                to: 'scratch-weaviate',
                port: ports.http,
                purpose: 'restore',
                description: 'The drill restores into the scratch Weaviate and checks it',
                enforcedBy: podLayers(meshEnabled),
                viaMesh: meshEnabled,
                protection: meshOrPlaintext(meshEnabled),
              }),
              flow({
                from: 'restore-drill',
                to: 'eks-api',
                port: HTTPS_PORT,
                purpose: 'scale-scratch',
                description: 'The drill scales the scratch Weaviate up and back to zero',
                enforcedBy: POD_LAYERS,
                protection: KUBE_API_TLS,
              }),
              ...awsAccess('restore-drill', 'evidence', "The drill's result document to the backups bucket"),
              ...awsAccess('scratch-weaviate', 'restore', 'The scratch Weaviate reads the backup'),
              flow({
                from: 'scratch-weaviate',
                to: 'aws-endpoints',
                port: HTTPS_PORT,
                purpose: 'aws-apis',
                description: 'STS and KMS through interface endpoints',
                enforcedBy: POD_LAYERS,
                protection: AWS_API_TLS,
              }),
              ...(blueprint.weaviate.replicas > 1
                ? [
                    scratchCluster(ports.gossip, 'gossip', 'memberlist gossip (TCP)'),
                    scratchCluster(ports.gossip, 'gossip-udp', 'memberlist gossip (UDP)', 'udp'),
                    scratchCluster(ports.data, 'data', 'Intra-cluster data'),
                    scratchCluster(ports.raft, 'raft', 'Raft consensus'),
                    scratchCluster(ports.raftRpc, 'raft-rpc', 'Raft internal RPC'),
                  ]
                : []),
            ]
          : []),
      ],
    },
    denials: [],
    workloads: clients,
  };
};
