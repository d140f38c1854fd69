/** Small Kubernetes objects for the connection tests: namespaces, workloads and NetworkPolicies. */
import { inventoryFromObjects } from '../../../src/inventory/index.js';
import type { Inventory } from '../../../src/inventory/model.js';

type Obj = Record<string, unknown>;

export function ns(name: string, labels: Record<string, string> = {}): Obj {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export interface WorkloadOptions {
  readonly kind?: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob' | 'ReplicaSet' | 'Pod';
  /** Container ports by name. */
  readonly ports?: Record<string, number | { port: number; protocol: string }>;
  readonly hostNetwork?: boolean;
  readonly ownerReferences?: Obj[];
}

/** A workload whose pods carry `labels` (and `app: name` when no labels are given). */
export function workload(
  namespace: string,
  name: string,
  labels: Record<string, string> = { app: name },
  options: WorkloadOptions = {},
): Obj {
  const kind = options.kind ?? 'Deployment';
  const ports = Object.entries(options.ports ?? {}).map(([portName, p]) =>
    typeof p === 'number'
      ? { name: portName, containerPort: p }
      : { name: portName, containerPort: p.port, protocol: p.protocol },
  );
  const podSpec = {
    ...(options.hostNetwork ? { hostNetwork: true } : {}),
    containers: [{ name: 'main', image: 'example.com/app@sha256:0', ports }],
  };
  const template = { metadata: { labels }, spec: podSpec };
  const metadata = {
    name,
    namespace,
    ...(options.ownerReferences ? { ownerReferences: options.ownerReferences } : {}),
  };
  const api = kind === 'Pod' ? 'v1' : kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  if (kind === 'Pod') return { apiVersion: api, kind, metadata: { ...metadata, labels }, spec: podSpec };
  if (kind === 'CronJob')
    return {
      apiVersion: api,
      kind,
      metadata,
      spec: { schedule: '@daily', jobTemplate: { spec: { template } } },
    };
  return { apiVersion: api, kind, metadata, spec: { selector: { matchLabels: labels }, template } };
}

export function netpol(namespace: string, name: string, spec: Obj): Obj {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

export function inventory(manifests: Obj[]): Inventory {
  return inventoryFromObjects({ manifests });
}
