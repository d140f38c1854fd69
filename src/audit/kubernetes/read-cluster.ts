/**
 * Reads the cluster through the Kubernetes API (`@kubernetes/client-node`, with a kubeconfig): every audited
 * kind in every namespace, page by page. A kind the server does not serve (Istio not installed) is absent; a
 * list that is forbidden or fails is a gap, reported as unknown.
 */
import { dirname } from 'node:path';
import { readRegularTextSync } from '../../contract/regular-file.js';
import { InputError } from '../../errors.js';
import { AUDITED_KINDS, asManifest } from './kinds.js';

export interface ClusterObject {
  readonly object: Record<string, unknown>;
  /** Where it was read: the API path of the list. */
  readonly source: string;
  readonly index: number;
}

export interface ClusterRead {
  readonly server: string;
  readonly objects: readonly ClusterObject[];
  readonly gaps: readonly { readonly kind: string; readonly reason: string }[];
  readonly calls: readonly { readonly operation: string; readonly time: string; readonly outcome: string }[];
}

const PAGE = 500;

export async function readCluster(kubeconfig: string): Promise<ClusterRead> {
  const k8s = await import('@kubernetes/client-node');
  const config = new k8s.KubeConfig();
  try {
    // Read here rather than by the library: a FIFO or a device named as the kubeconfig is refused, not read.
    config.loadFromString(readRegularTextSync(kubeconfig));
    config.makePathsAbsolute(dirname(kubeconfig));
  } catch (error) {
    throw new InputError(`cannot read the kubeconfig: ${(error as Error).message}`, kubeconfig);
  }
  const cluster = config.getCurrentCluster();
  if (!cluster)
    throw new InputError('the kubeconfig names no current cluster', kubeconfig, 'current-context');
  const api = k8s.KubernetesObjectApi.makeApiClient(config);
  const objects: ClusterObject[] = [];
  const gaps: { kind: string; reason: string }[] = [];
  const calls: { operation: string; time: string; outcome: string }[] = [];
  // One kind at a time: a cluster's API server is shared with its workloads.
  for (const { apiVersion, kind } of AUDITED_KINDS) {
    const source = `${apiVersion}/${kind}`;
    let token: string | undefined;
    let index = 0;
    try {
      do {
        const time = new Date().toISOString();
        const page = await api.list(
          apiVersion,
          kind,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          PAGE,
          token,
        );
        calls.push({ operation: `list ${source}`, time, outcome: 'ok' });
        for (const item of page.items) {
          const object = asManifest(item, apiVersion, kind);
          if (object) objects.push({ object, source, index });
          index++;
        }
        token = page.metadata?._continue || undefined;
      } while (token);
    } catch (error) {
      const code = (error as { code?: number }).code;
      const message = (error as Error).message ?? String(error);
      const notServed = code === 404 || /Unrecognized API version and kind/.test(message);
      calls.push({
        operation: `list ${source}`,
        time: new Date().toISOString(),
        outcome: notServed ? 'not served' : 'failed',
      });
      if (notServed) continue;
      gaps.push({
        kind: source,
        reason:
          code === 403 || code === 401
            ? `listing ${source} was denied (HTTP ${code})`
            : `listing ${source} failed: ${code ? `HTTP ${code}` : message}`,
      });
    }
  }
  return { server: cluster.server, objects, gaps, calls };
}
