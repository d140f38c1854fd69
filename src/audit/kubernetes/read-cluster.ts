/**
 * Reads the cluster through the Kubernetes API (`@kubernetes/client-node`, with a kubeconfig): every audited
 * kind in every namespace, page by page. A kind the server does not serve (Istio not installed) is absent; a
 * list that is forbidden or fails is a gap, reported as unknown. What is listed is bounded (objects per kind and
 * in all, pages per kind): past a bound the kind being listed, and every kind not yet listed, is a gap too. So is
 * an object nested past the input limits. Custom resources are listed through the custom objects API, which
 * keeps each page's continue token.
 */
import { dirname } from 'node:path';
import { readRegularTextSync } from '../../contract/regular-file.js';
import { checkValueLimits, InputLimitError } from '../../contract/input-limits.js';
import { CLUSTER_LIST_LIMITS, type ClusterListLimits } from '../../contract/response-limits.js';
import { InputError } from '../../errors.js';
import { AUDITED_KINDS, asManifest, type AuditedKind } from './kinds.js';

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
  /**
   * Bounds on what is listed (lower ones let tests reach them with a few objects).
   * @default CLUSTER_LIST_LIMITS
   */
  readonly limits?: Partial<ClusterListLimits>;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Why an object is past the input limits every parser applies (depth, values); undefined within them. */
function pastInputLimits(object: Record<string, unknown>): string | undefined {
  try {
    checkValueLimits(object);
    return undefined;
  } catch (error) {
    if (error instanceof InputLimitError) return error.describe();
    throw error;
  }
}

function describeItem(object: Record<string, unknown>): string {
  const metadata = (object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
  return typeof metadata.namespace === 'string' ? `${metadata.namespace}/${name}` : name;
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
  const limits = { ...CLUSTER_LIST_LIMITS, ...options.limits };
  // One kind at a time: a cluster's API server is shared with its workloads.
  const custom = config.makeApiClient(k8s.CustomObjectsApi);
  /** One page of a kind's list, with its continue token as the API server sent it. */
  const listPage = async (
    { apiVersion, kind, plural }: AuditedKind,
    token: string | undefined,
  ): Promise<{ items: unknown[]; token: string | undefined }> => {
    if (plural) {
      const [group, version] = apiVersion.split('/') as [string, string];
      const page = (await custom.listClusterCustomObject({
        group,
        version,
        plural,
        limit: PAGE,
        ...(token === undefined ? {} : { _continue: token }),
      })) as { items?: unknown; metadata?: { continue?: unknown } };
      return {
        items: Array.isArray(page.items) ? page.items : [],
        token: typeof page.metadata?.continue === 'string' ? page.metadata.continue : undefined,
      };
    }
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
    return { items: page.items, token: page.metadata?._continue };
  };
  for (const audited of AUDITED_KINDS) {
    const { apiVersion, kind } = audited;
    const source = `${apiVersion}/${kind}`;
    if (objects.length >= limits.maxObjectsTotal) {
      // Not listed at all: unknown like the kind the bound stopped, never checked as if it had no objects.
      gaps.push({
        kind: source,
        reason: `${source} was not listed: the reader stopped at ${count(limits.maxObjectsTotal)} objects in all (the limit for one cluster)`,
      });
      continue;
    }
    let token: string | undefined;
    let index = 0;
    const tokens = new Set<string>();
    try {
      do {
        if (tokens.size >= limits.maxPages)
          throw new ListingStopped(
            `the API server answered more than ${count(limits.maxPages)} pages of ${source}`,
          );
        const time = new Date().toISOString();
        const page = await within(
          listPage(audited, token),
          options.listTimeoutMs ?? LIST_TIMEOUT_MS,
          `listing ${source}`,
        );
        calls.push({ operation: `list ${source}`, time, outcome: 'ok' });
        for (const item of page.items) {
          // Counted per item, not per page: a page may hold more items than were asked for.
          if (index >= limits.maxObjectsPerKind)
            throw new ListingStopped(
              `listing ${source} stopped at ${count(limits.maxObjectsPerKind)} objects (the limit for one kind): the rest were not read`,
            );
          if (objects.length >= limits.maxObjectsTotal)
            throw new ListingStopped(
              `listing ${source} stopped at ${count(limits.maxObjectsTotal)} objects in all (the limit for one cluster): the rest were not read`,
            );
          const object = asManifest(item, apiVersion, kind);
          const refused = object ? pastInputLimits(object) : undefined;
          // An object nested past the input limits is not evaluated (what reads it recurses): a gap of its kind.
          if (refused)
            gaps.push({
              kind: source,
              reason: `${describeItem(object!)} of ${source} is not evaluated: ${refused}`,
            });
          else if (object) objects.push({ object, source, index });
          index++;
        }
        token = page.token || undefined;
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
