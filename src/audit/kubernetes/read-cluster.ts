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
/** How long one list call may take before the kind is reported as a gap (an API server that never answers). */
const LIST_TIMEOUT_MS = 60_000;
/** Pages read per kind: 10,000 pages of 500 is far beyond any cluster; an API server that never ends is a gap. */
const MAX_PAGES = 10_000;

/** Why a kind's listing stopped early: the API server's own answers made it endless. */
class ListingStopped extends Error {}

/** `work`, or a ListingStopped after `ms` (the library's requests have no deadline of their own). */
async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ListingStopped(`${what} did not answer within ${ms / 1000} s`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ReadClusterOptions {
  /** How long one list call may take. @default 60000 */
  readonly listTimeoutMs?: number;
}

export async function readCluster(
  kubeconfig: string,
  options: ReadClusterOptions = {},
): Promise<ClusterRead> {
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
    const tokens = new Set<string>();
    try {
      do {
        if (tokens.size >= MAX_PAGES)
          throw new ListingStopped(`the API server answered more than ${MAX_PAGES} pages of ${source}`);
        const time = new Date().toISOString();
        const page = await within(
          api.list(
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
          ),
          options.listTimeoutMs ?? LIST_TIMEOUT_MS,
          `listing ${source}`,
        );
        calls.push({ operation: `list ${source}`, time, outcome: 'ok' });
        for (const item of page.items) {
          const object = asManifest(item, apiVersion, kind);
          if (object) objects.push({ object, source, index });
          index++;
        }
        token = page.metadata?._continue || undefined;
        // A token seen before would list the same pages again, without end.
        if (token !== undefined && tokens.has(token))
          throw new ListingStopped(`the API server repeated a continue token of ${source}`);
        if (token !== undefined) tokens.add(token);
      } while (token);
    } catch (error) {
      if (error instanceof ListingStopped) {
        calls.push({ operation: `list ${source}`, time: new Date().toISOString(), outcome: 'failed' });
        gaps.push({ kind: source, reason: error.message });
        continue;
      }
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
