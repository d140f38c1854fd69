/**
 * Ask the prover about any input: every allowed connection between workloads (`list`), or one connection's
 * verdict with every layer's reason (`evaluate`). Kubernetes workloads are judged by their NetworkPolicies
 * (assumed enforced), CloudFormation components by security groups, routes and network ACLs.
 */
import { parseIpAddress, type IpAddress } from '../../contract/cidr.js';
import type { Inventory } from '../../inventory/model.js';
import { InputError } from '../../errors.js';
import { isEmpty } from '../engine/connection-set.js';
import { buildNetworkModel } from '../engine/build.js';
import { AwsReach } from './aws.js';
import { KubernetesReach, type Peer } from './kubernetes.js';
import type { Connection, ConnectionList, Evaluation, LayerVerdict, Query, Workload } from './types.js';

export type * from './types.js';
export { formatConnections } from '../engine/connection-set.js';
export { PROTOCOLS, type Protocol } from '../engine/connection-set.js';

export interface ListOptions {
  /**
   * Only connections from or to this workload (an id, or `<namespace>/<name>` when unambiguous).
   * @default - every connection
   */
  readonly focus?: string;
}

interface Tools {
  readonly k8s?: KubernetesReach;
  readonly aws?: AwsReach;
}

type Resolved =
  | { readonly side: 'k8s'; readonly index: number; readonly id: string }
  | { readonly side: 'aws'; readonly index: number; readonly id: string }
  | { readonly side: 'address'; readonly version: 4 | 6; readonly value: bigint; readonly id: string };

const cache = new WeakMap<Inventory, Tools>();

function toolsOf(inventory: Inventory): Tools {
  let tools = cache.get(inventory);
  if (!tools) {
    const model = buildNetworkModel(inventory);
    tools = {
      ...(model.k8s.present ? { k8s: new KubernetesReach(inventory, model.k8s) } : {}),
      ...(model.attachments.size > 0 ? { aws: new AwsReach(model) } : {}),
    };
    cache.set(inventory, tools);
  }
  return tools;
}

/** Every workload of the input, Kubernetes first. */
export function workloadsOf(inventory: Inventory): Workload[] {
  const { k8s, aws } = toolsOf(inventory);
  return [...(k8s?.workloads ?? []), ...(aws?.workloads ?? [])];
}

export function listConnections(inventory: Inventory, options: ListOptions = {}): ConnectionList {
  const { k8s, aws } = toolsOf(inventory);
  const focus = options.focus === undefined ? undefined : resolve(inventory, options.focus, 'focus');
  if (focus?.side === 'address')
    throw new InputError(`--focus ${options.focus} is an address; name a workload`);
  const all = [...(k8s?.connections() ?? []), ...(aws?.connections() ?? [])].filter(
    (c) => focus === undefined || c.from === focus.id || c.to === focus.id,
  );
  const sorted = sortPairs(all);
  return {
    connections: sorted.filter((c) => isEmpty(c.unknown) && !isEmpty(c.allowed)),
    unknown: sorted.filter((c) => !isEmpty(c.unknown)),
  };
}

export function evaluateConnection(inventory: Inventory, query: Query): Evaluation {
  const { k8s, aws } = toolsOf(inventory);
  const from = resolve(inventory, query.from, 'from');
  const to = resolve(inventory, query.to, 'to');
  if (from.side === 'address' && to.side === 'address')
    throw new InputError('--from and --to are both addresses; name a workload at one end at least');
  if (from.id === to.id) throw new InputError(`--from and --to both name ${from.id}`);
  if ((from.side === 'k8s' && to.side === 'aws') || (from.side === 'aws' && to.side === 'k8s'))
    throw new InputError(
      `${from.id} and ${to.id} are in different models (Kubernetes workloads and CloudFormation components are not paired)`,
    );
  let layers: LayerVerdict[];
  if (from.side === 'k8s' || to.side === 'k8s') {
    layers = k8s!.layers(peerOf(from), peerOf(to), query.port, query.protocol);
  } else {
    const end = (r: Resolved): number | readonly [number, number] => {
      if (r.side === 'aws') return r.index;
      if (r.side !== 'address' || r.version !== 4)
        throw new InputError(`${r.id}: CloudFormation components are modelled with IPv4 addresses only`);
      return [Number(r.value), Number(r.value)];
    };
    layers = aws!.layers(aws!.answer(end(from), end(to), query.port, query.protocol));
  }
  const verdict = layers.some((l) => l.verdict === 'denied')
    ? 'denied'
    : layers.some((l) => l.verdict === 'unknown')
      ? 'unknown'
      : 'allowed';
  return { query, from: from.id, to: to.id, verdict, layers };
}

function peerOf(r: Resolved): Peer {
  if (r.side === 'address') return { kind: 'address', version: r.version, value: r.value };
  return { kind: 'pod', index: r.index };
}

/** A workload by id (`ns/name[Kind]`), by `ns/name` when only one kind has that name, or an IP address. */
function resolve(inventory: Inventory, text: string, option: string): Resolved {
  const { k8s, aws } = toolsOf(inventory);
  const address = parseIpAddress(text);
  if (address) {
    const external = `${text}[External]`;
    return { side: 'address', version: address.version, value: address.value, id: external };
  }
  const candidates: Resolved[] = [];
  const scan = (side: 'k8s' | 'aws', workloads: readonly Workload[] | undefined) =>
    workloads?.forEach((w, index) => {
      if (w.id === text || `${w.namespace}/${w.name}` === text) candidates.push({ side, index, id: w.id });
    });
  scan('k8s', k8s?.workloads);
  scan('aws', aws?.workloads);
  const exact = candidates.find((c) => c.id === text);
  if (exact) return exact;
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1)
    throw new InputError(
      `--${option} ${text} names ${candidates.map((c) => c.id).join(', ')}; give one of them`,
    );
  throw new InputError(
    `--${option} ${text} is not a workload of the input nor an IP address (list them with \`vectorfort reach list\`)`,
  );
}

/**
 * By source, then destination: workloads by name, address ranges by family and first address (text order
 * would put `2001:db8:2::` before `2001:db8::`). Each end's key is computed once, not per comparison.
 */
function sortPairs(pairs: readonly Connection[]): Connection[] {
  const keys = new Map<string, { readonly text: string; readonly address?: IpAddress }>();
  const keyOf = (end: string) => {
    let key = keys.get(end);
    if (!key) {
      const address = end.endsWith('[External]') ? parseIpAddress(end.slice(0, end.indexOf('-'))) : undefined;
      key = { text: end, ...(address ? { address } : {}) };
      keys.set(end, key);
    }
    return key;
  };
  const compareEnds = (a: string, b: string) => {
    if (a === b) return 0;
    const x = keyOf(a).address;
    const y = keyOf(b).address;
    if (x && y) return x.version - y.version || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0);
    return compare(a, b);
  };
  return [...pairs].sort((a, b) => compareEnds(a.from, b.from) || compareEnds(a.to, b.to));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
