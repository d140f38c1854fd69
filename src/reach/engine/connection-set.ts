/**
 * Sets of connections (protocol and destination port) as sorted, merged port intervals per protocol, so a
 * policy's rules can be united and the two ends of a connection intersected without listing ports one by one.
 */

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Inclusive port interval. */
export type PortInterval = readonly [number, number];

export type ConnectionSet = Readonly<Record<Protocol, readonly PortInterval[]>>;

const FULL: readonly PortInterval[] = Object.freeze([[1, 65535]] as const);

export const NO_CONNECTIONS: ConnectionSet = Object.freeze({ TCP: [], UDP: [], SCTP: [] });
export const ALL_CONNECTIONS: ConnectionSet = Object.freeze({ TCP: FULL, UDP: FULL, SCTP: FULL });

/** Ports `from`-`to` of one protocol. */
export function portsOf(protocol: Protocol, from = 1, to = 65535): ConnectionSet {
  return { ...NO_CONNECTIONS, [protocol]: [[from, to]] };
}

export function isEmpty(set: ConnectionSet): boolean {
  return set === NO_CONNECTIONS || PROTOCOLS.every((p) => set[p].length === 0);
}

export function isAll(set: ConnectionSet): boolean {
  return set === ALL_CONNECTIONS || PROTOCOLS.every((p) => sameIntervals(set[p], FULL));
}

export function union(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (isEmpty(a) || b === ALL_CONNECTIONS) return b;
  if (isEmpty(b) || a === ALL_CONNECTIONS) return a;
  return combine(a, b, (x, y) => merge([...x, ...y]));
}

export function intersection(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (a === ALL_CONNECTIONS) return b;
  if (b === ALL_CONNECTIONS || a === NO_CONNECTIONS) return a;
  return combine(a, b, intersectIntervals);
}

/** `a` without the connections of `b`. */
export function difference(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  if (isEmpty(b) || isEmpty(a)) return a;
  if (b === ALL_CONNECTIONS) return NO_CONNECTIONS;
  return combine(a, b, (x, y) => intersectIntervals(x, complement(y)));
}

export function hasConnection(set: ConnectionSet, protocol: Protocol, port: number): boolean {
  return set[protocol].some(([lo, hi]) => lo <= port && port <= hi);
}

export function equalSets(a: ConnectionSet, b: ConnectionSet): boolean {
  return a === b || PROTOCOLS.every((p) => sameIntervals(a[p], b[p]));
}

/** `All Connections`, or `TCP 80,8000-8080;UDP 53` (protocols in a fixed order). */
export function formatConnections(set: ConnectionSet): string {
  if (isAll(set)) return 'All Connections';
  if (isEmpty(set)) return 'No Connections';
  return PROTOCOLS.filter((p) => set[p].length > 0)
    .map((p) => {
      if (sameIntervals(set[p], FULL)) return p;
      return `${p} ${set[p].map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(',')}`;
    })
    .join(';');
}

function combine(
  a: ConnectionSet,
  b: ConnectionSet,
  f: (x: readonly PortInterval[], y: readonly PortInterval[]) => PortInterval[],
): ConnectionSet {
  return { TCP: f(a.TCP, b.TCP), UDP: f(a.UDP, b.UDP), SCTP: f(a.SCTP, b.SCTP) };
}

function merge(intervals: PortInterval[]): PortInterval[] {
  const sorted = [...intervals].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function intersectIntervals(x: readonly PortInterval[], y: readonly PortInterval[]): PortInterval[] {
  const out: PortInterval[] = [];
  for (const a of x)
    for (const b of y) {
      const lo = Math.max(a[0], b[0]);
      const hi = Math.min(a[1], b[1]);
      if (lo <= hi) out.push([lo, hi]);
    }
  return merge(out);
}

function complement(x: readonly PortInterval[]): PortInterval[] {
  const out: PortInterval[] = [];
  let next = 1;
  for (const [lo, hi] of x) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 65535) out.push([next, 65535]);
  return out;
}

function sameIntervals(x: readonly PortInterval[], y: readonly PortInterval[]): boolean {
  return x.length === y.length && x.every((a, i) => a[0] === y[i]![0] && a[1] === y[i]![1]);
}
