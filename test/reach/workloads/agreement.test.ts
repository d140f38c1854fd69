/**
 * `eval` and `list` agree: for random clusters and random connections (seeded, so a failure replays), the
 * verdict of `evaluateConnection` is exactly membership in the pair's sets from `listConnections`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIpAddress } from '../../../src/contract/cidr.js';
import { hasConnection } from '../../../src/reach/engine/connection-set.js';
import {
  evaluateConnection,
  listConnections,
  PROTOCOLS,
  workloadsOf,
  type Connection,
} from '../../../src/reach/workloads/index.js';
import { inventory, netpol, ns, workload } from './manifests.js';
import { prng } from '../../seeded-random.js';

type Obj = Record<string, unknown>;

/** A seeded generator with a picker, enough for test data. */
function random(seed: number) {
  const next = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick };
}

const NAMESPACES = ['a', 'b', 'c'];
const APPS = ['web', 'api', 'db', 'cache'];
const PORTS = [53, 80, 443, 5432, 8080, 9000];
const ADDRESSES = ['8.8.8.8', '10.0.0.1', '10.1.2.3', '192.168.1.1', '2001:db8::1', '2001:db8:1::5'];

function cluster(seed: number): Obj[] {
  const r = random(seed);
  const selector = (): Obj =>
    r.pick([
      {},
      { matchLabels: { app: r.pick(APPS) } },
      {
        matchExpressions: [
          { key: 'app', operator: r.pick(['In', 'NotIn']), values: [r.pick(APPS), r.pick(APPS)] },
        ],
      },
      { matchExpressions: [{ key: 'tier', operator: r.pick(['Exists', 'DoesNotExist']) }] },
    ]);
  const peer = (): Obj =>
    r.pick([
      { podSelector: selector() },
      { namespaceSelector: { matchLabels: { team: r.pick(NAMESPACES) } } },
      { namespaceSelector: { matchLabels: { team: r.pick(NAMESPACES) } }, podSelector: selector() },
      { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
      { ipBlock: { cidr: '2001:db8::/32' } },
    ]);
  const ports = (): Obj[] | undefined =>
    r.pick([
      undefined,
      [{ port: r.pick(PORTS) }],
      [{ port: 'http' }],
      [
        { port: 8000, endPort: 9000 },
        { protocol: 'UDP', port: 53 },
      ],
      [{ protocol: 'SCTP' }],
    ]);
  const rules = (field: 'from' | 'to') =>
    Array.from({ length: Math.floor(r.next() * 3) }, () => {
      const p = ports();
      return {
        [field]: r.next() < 0.2 ? [] : [peer(), ...(r.next() < 0.3 ? [peer()] : [])],
        ...(p ? { ports: p } : {}),
      };
    });
  const objects: Obj[] = NAMESPACES.map((n) => ns(n, { team: n }));
  for (let i = 0; i < 7; i++) {
    const labels: Record<string, string> = { app: r.pick(APPS), ...(r.next() < 0.5 ? { tier: 'x' } : {}) };
    objects.push(
      workload(r.pick(NAMESPACES), `w${i}`, labels, {
        ports: { http: r.pick([80, 8080, 9000]) },
        hostNetwork: r.next() < 0.1,
      }),
    );
  }
  for (let i = 0; i < 6; i++) {
    const types = r.pick([undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
    objects.push(
      netpol(r.pick(NAMESPACES), `p${i}`, {
        podSelector: selector(),
        ...(types ? { policyTypes: types } : {}),
        ingress: rules('from'),
        egress: rules('to'),
      }),
    );
  }
  return objects;
}

/** The listed pair containing `from` → `to` (a workload id or an address), if any. */
function listedPair(pairs: readonly Connection[], from: string, to: string): Connection | undefined {
  const matches = (end: string, query: string) => {
    if (!end.endsWith('[External]') || parseIpAddress(query) === undefined) return end === query;
    const [first, last] = end
      .slice(0, -'[External]'.length)
      .split('-')
      .map((t) => parseIpAddress(t)!);
    const q = parseIpAddress(query)!;
    return first!.version === q.version && first!.value <= q.value && q.value <= last!.value;
  };
  return pairs.find((c) => matches(c.from, from) && matches(c.to, to));
}

describe('reach eval agrees with reach list', () => {
  it('gives, for random connections of random clusters, the verdict membership in the list gives', () => {
    const seen = { allowed: 0, denied: 0, unknown: 0 };
    for (let seed = 1; seed <= 40; seed++) {
      const inv = inventory(cluster(seed));
      const list = listConnections(inv);
      const pairs = [...list.connections, ...list.unknown];
      const ids = workloadsOf(inv).map((w) => w.id);
      assert.ok(ids.length > 1, `seed ${seed}: workloads`);
      const r = random(seed * 7919);
      for (let q = 0; q < 60; q++) {
        const from = r.next() < 0.8 ? r.pick(ids) : r.pick(ADDRESSES);
        const to = parseIpAddress(from) || r.next() < 0.8 ? r.pick(ids) : r.pick(ADDRESSES);
        if (from === to) continue;
        const query = { from, to, port: r.pick(PORTS), protocol: r.pick(PROTOCOLS) };
        const answer = evaluateConnection(inv, query);
        const pair = listedPair(pairs, from, to);
        const expected =
          pair && hasConnection(pair.allowed, query.protocol, query.port)
            ? 'allowed'
            : pair && hasConnection(pair.unknown, query.protocol, query.port)
              ? 'unknown'
              : 'denied';
        assert.equal(answer.verdict, expected, `seed ${seed}: ${JSON.stringify(query)}`);
        seen[answer.verdict]++;
      }
    }
    // Every verdict occurs, so the agreement is not vacuous.
    assert.ok(seen.allowed > 50 && seen.denied > 50 && seen.unknown > 0, JSON.stringify(seen));
  });
});
