/**
 * NetworkPolicy v1 semantics, one rule per case: each case's manifests and the exact connections `reach list`
 * must give for them (pairs between workloads, or the lines of one workload).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatConnections, listConnections, workloadsOf } from '../../../src/reach/workloads/index.js';
import { inventory, netpol, ns, workload } from './manifests.js';

type Obj = Record<string, unknown>;

const line = (c: { from: string; to: string; allowed: Parameters<typeof formatConnections>[0] }) =>
  `${c.from} => ${c.to} : ${formatConnections(c.allowed)}`;

/** Allowed pod-to-pod lines, and those with an address range, optionally only those touching `only`. */
function listed(manifests: Obj[], only?: string) {
  const list = listConnections(inventory(manifests));
  const touches = (c: { from: string; to: string }) => only === undefined || c.from === only || c.to === only;
  const external = (c: { from: string; to: string }) =>
    c.from.endsWith('[External]') || c.to.endsWith('[External]');
  return {
    pods: list.connections.filter((c) => !external(c) && touches(c)).map(line),
    external: list.connections.filter((c) => external(c) && touches(c)).map(line),
    unknown: list.unknown
      .filter(touches)
      .map((c) => ({ pair: `${c.from} => ${c.to}`, reasons: c.reasons.join('; ') })),
  };
}

const ALL = 'All Connections';
const INTERNET = '0.0.0.0-255.255.255.255[External]';
const DB = 'a/db[Deployment]';
const ingressTo = (from: unknown[], ports?: unknown[]) =>
  netpol('a', 'db', {
    podSelector: { matchLabels: { app: 'db' } },
    ingress: [{ from, ...(ports ? { ports } : {}) }],
  });

describe('reach list: pods selected by no policy', () => {
  it('admits every connection between them and from and to every address', () => {
    const got = listed([ns('a'), workload('a', 'web'), workload('a', 'db')]);
    assert.deepEqual(got.pods, [
      `${DB} => a/web[Deployment] : ${ALL}`,
      `a/web[Deployment] => ${DB} : ${ALL}`,
    ]);
    assert.deepEqual(got.external, [
      `${INTERNET} => ${DB} : ${ALL}`,
      `${INTERNET} => a/web[Deployment] : ${ALL}`,
      `${DB} => ${INTERNET} : ${ALL}`,
      `a/web[Deployment] => ${INTERNET} : ${ALL}`,
    ]);
    assert.deepEqual(got.unknown, []);
  });
});

describe('reach list: peers', () => {
  const three = [ns('a', { team: 'a' }), ns('b', { team: 'b' }), ns('c', { team: 'c' })];
  const clients = [
    workload('a', 'db'),
    workload('a', 'client', { role: 'client' }),
    workload('b', 'client', { role: 'client' }),
    workload('b', 'other', { role: 'other' }),
    workload('c', 'client', { role: 'client' }),
  ];
  const into = (from: unknown[], ports?: unknown[]) =>
    listed([...three, ...clients, ingressTo(from, ports)], DB).pods.filter((l) => l.includes(`=> ${DB}`));
  const cases: { name: string; from: unknown[]; ports?: unknown[]; expected: string[] }[] = [
    {
      name: 'a podSelector alone selects pods of the policy namespace only',
      from: [{ podSelector: { matchLabels: { role: 'client' } } }],
      ports: [{ port: 5432 }],
      expected: [`a/client[Deployment] => ${DB} : TCP 5432`],
    },
    {
      name: 'a namespaceSelector alone selects every pod of the selected namespaces',
      from: [{ namespaceSelector: { matchLabels: { team: 'b' } } }],
      expected: [`b/client[Deployment] => ${DB} : ${ALL}`, `b/other[Deployment] => ${DB} : ${ALL}`],
    },
    {
      name: 'namespaceSelector and podSelector in one peer select those pods in those namespaces',
      from: [
        {
          namespaceSelector: { matchLabels: { team: 'b' } },
          podSelector: { matchLabels: { role: 'client' } },
        },
      ],
      expected: [`b/client[Deployment] => ${DB} : ${ALL}`],
    },
    {
      name: 'the two as separate peers select either',
      from: [
        { namespaceSelector: { matchLabels: { team: 'b' } } },
        { podSelector: { matchLabels: { role: 'client' } } },
      ],
      expected: [
        `a/client[Deployment] => ${DB} : ${ALL}`,
        `b/client[Deployment] => ${DB} : ${ALL}`,
        `b/other[Deployment] => ${DB} : ${ALL}`,
      ],
    },
    {
      name: 'an empty namespaceSelector selects every namespace',
      from: [{ namespaceSelector: {}, podSelector: { matchLabels: { role: 'client' } } }],
      expected: [
        `a/client[Deployment] => ${DB} : ${ALL}`,
        `b/client[Deployment] => ${DB} : ${ALL}`,
        `c/client[Deployment] => ${DB} : ${ALL}`,
      ],
    },
    {
      name: 'matchExpressions In',
      from: [
        { namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['b', 'c'] }] } },
      ],
      expected: [
        `b/client[Deployment] => ${DB} : ${ALL}`,
        `b/other[Deployment] => ${DB} : ${ALL}`,
        `c/client[Deployment] => ${DB} : ${ALL}`,
      ],
    },
    {
      name: 'matchExpressions NotIn (a pod without the label is selected)',
      from: [{ podSelector: { matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['client'] }] } }],
      expected: [],
    },
    {
      name: 'matchExpressions Exists',
      from: [
        { namespaceSelector: {}, podSelector: { matchExpressions: [{ key: 'role', operator: 'Exists' }] } },
      ],
      expected: [
        `a/client[Deployment] => ${DB} : ${ALL}`,
        `b/client[Deployment] => ${DB} : ${ALL}`,
        `b/other[Deployment] => ${DB} : ${ALL}`,
        `c/client[Deployment] => ${DB} : ${ALL}`,
      ],
    },
    {
      name: 'matchExpressions DoesNotExist',
      from: [
        {
          namespaceSelector: {},
          podSelector: { matchExpressions: [{ key: 'role', operator: 'DoesNotExist' }] },
        },
      ],
      expected: [],
    },
    {
      name: 'a rule without peers admits every pod, on its ports',
      from: [],
      ports: [{ port: 80 }, { port: 81 }, { port: 8080 }, { port: 9090 }],
      expected: [
        `a/client[Deployment] => ${DB} : TCP 80-81,8080,9090`,
        `b/client[Deployment] => ${DB} : TCP 80-81,8080,9090`,
        `b/other[Deployment] => ${DB} : TCP 80-81,8080,9090`,
        `c/client[Deployment] => ${DB} : TCP 80-81,8080,9090`,
      ],
    },
    {
      name: 'endPort widens a port; UDP and SCTP are kept apart',
      from: [{ podSelector: { matchLabels: { role: 'client' } } }],
      ports: [
        { port: 8000, endPort: 8100 },
        { protocol: 'UDP', port: 53 },
        { protocol: 'SCTP', port: 9000 },
      ],
      expected: [`a/client[Deployment] => ${DB} : TCP 8000-8100;UDP 53;SCTP 9000`],
    },
    {
      name: 'a port rule without a port admits every port of its protocol',
      from: [{ podSelector: { matchLabels: { role: 'client' } } }],
      ports: [{ protocol: 'UDP' }],
      expected: [`a/client[Deployment] => ${DB} : UDP`],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      assert.deepEqual(into(c.from, c.ports), c.expected);
    });

  it('a NotIn selector selects the pods without the label too', () => {
    const got = listed(
      [
        ns('a'),
        workload('a', 'db'),
        workload('a', 'front', { tier: 'front' }),
        workload('a', 'back', { tier: 'back' }),
        workload('a', 'plain', { kind: 'plain' }),
        ingressTo([
          { podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] } },
        ]),
      ],
      DB,
    ).pods.filter((l) => l.includes(`=> ${DB}`));
    assert.deepEqual(got, [`a/back[Deployment] => ${DB} : ${ALL}`, `a/plain[Deployment] => ${DB} : ${ALL}`]);
  });
});

describe('reach list: which pods a policy isolates', () => {
  it('infers Ingress and Egress when policyTypes is omitted and egress rules are present', () => {
    const got = listed(
      [
        ns('a'),
        workload('a', 'web'),
        workload('a', 'db'),
        netpol('a', 'db', {
          podSelector: { matchLabels: { app: 'db' } },
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
        }),
      ],
      DB,
    );
    assert.deepEqual(got.pods, [`${DB} => a/web[Deployment] : ${ALL}`]);
    assert.deepEqual(got.external, []);
  });

  it('ignores egress rules when policyTypes names Ingress only', () => {
    const got = listed(
      [
        ns('a'),
        workload('a', 'web'),
        workload('a', 'db'),
        netpol('a', 'db', {
          podSelector: { matchLabels: { app: 'db' } },
          policyTypes: ['Ingress'],
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 1 }] }],
        }),
      ],
      DB,
    );
    assert.deepEqual(got.pods, [`${DB} => a/web[Deployment] : ${ALL}`]);
    assert.deepEqual(got.external, [`${DB} => ${INTERNET} : ${ALL}`]);
  });

  it('leaves pods alone that only policies of other namespaces select', () => {
    const got = listed([
      ns('a'),
      ns('b'),
      workload('a', 'web'),
      workload('a', 'db'),
      workload('b', 'x'),
      netpol('b', 'deny', { podSelector: {} }),
    ]);
    assert.deepEqual(got.pods, [
      `${DB} => a/web[Deployment] : ${ALL}`,
      `a/web[Deployment] => ${DB} : ${ALL}`,
      `b/x[Deployment] => ${DB} : ${ALL}`,
      `b/x[Deployment] => a/web[Deployment] : ${ALL}`,
    ]);
  });

  it('does not apply policies to host-network pods, and pod selectors do not select them', () => {
    const got = listed([
      ns('a'),
      workload('a', 'web'),
      workload('a', 'agent', { app: 'agent' }, { hostNetwork: true }),
      netpol('a', 'egress', { podSelector: {}, policyTypes: ['Egress'] }),
      netpol('a', 'ingress', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }),
    ]);
    assert.deepEqual(got.pods, []);
    assert.deepEqual(got.external, [
      `${INTERNET} => a/agent[Deployment] : ${ALL}`,
      `a/agent[Deployment] => ${INTERNET} : ${ALL}`,
    ]);
  });

  it('resolves a named port against each destination pod', () => {
    const got = listed(
      [
        ns('a'),
        workload('a', 'client'),
        workload('a', 'pg', { tier: 'db' }, { ports: { sql: 5432 } }),
        workload('a', 'maria', { tier: 'db' }, { ports: { sql: 3306 } }),
        workload('a', 'udp', { tier: 'db' }, { ports: { sql: { port: 53, protocol: 'UDP' } } }),
        netpol('a', 'client', {
          podSelector: { matchLabels: { app: 'client' } },
          policyTypes: ['Egress'],
          egress: [{ to: [{ podSelector: { matchLabels: { tier: 'db' } } }], ports: [{ port: 'sql' }] }],
        }),
      ],
      'a/client[Deployment]',
    );
    assert.deepEqual(
      got.pods.filter((l) => l.startsWith('a/client')),
      [
        'a/client[Deployment] => a/maria[Deployment] : TCP 3306',
        'a/client[Deployment] => a/pg[Deployment] : TCP 5432',
      ],
    );
  });
});

describe('reach list: ipBlocks', () => {
  const egressTo = (peers: unknown[], ports: unknown[]) => [
    ns('a'),
    workload('a', 'web'),
    workload('a', 'db'),
    netpol('a', 'web', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: peers, ports }],
    }),
  ];

  it('admits the cidr minus its except ranges, as maximal ranges, and no pod', () => {
    const got = listed(
      egressTo(
        [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.3.0.0/16'] } }],
        [{ port: 443 }],
      ),
      'a/web[Deployment]',
    );
    assert.deepEqual(got.pods, [`${DB} => a/web[Deployment] : ${ALL}`]);
    assert.deepEqual(got.external, [
      `${INTERNET} => a/web[Deployment] : ${ALL}`,
      'a/web[Deployment] => 10.0.0.0-10.0.255.255[External] : TCP 443',
      'a/web[Deployment] => 10.2.0.0-10.2.255.255[External] : TCP 443',
      'a/web[Deployment] => 10.4.0.0-10.255.255.255[External] : TCP 443',
    ]);
  });

  it('merges blocks of several rules with the same connections', () => {
    const got = listed(
      egressTo(
        [{ ipBlock: { cidr: '192.168.0.0/24' } }, { ipBlock: { cidr: '192.168.1.0/24' } }],
        [{ port: 22 }],
      ),
      'a/web[Deployment]',
    );
    assert.deepEqual(
      got.external.filter((l) => l.startsWith('a/web')),
      ['a/web[Deployment] => 192.168.0.0-192.168.1.255[External] : TCP 22'],
    );
  });

  it('handles IPv6 blocks, listing the IPv6 space once a policy names it', () => {
    const got = listed(
      egressTo(
        [{ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } }],
        [{ protocol: 'UDP', port: 53 }],
      ),
    );
    assert.deepEqual(
      got.external.filter((l) => l.startsWith('a/web')),
      [
        'a/web[Deployment] => 2001:db8::-2001:db8:0:ffff:ffff:ffff:ffff:ffff[External] : UDP 53',
        'a/web[Deployment] => 2001:db8:2::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff[External] : UDP 53',
      ],
    );
    assert.ok(
      got.external.includes(`${DB} => ::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] : ${ALL}`),
    );
  });
});

describe('reach list: what is not modelled is unknown, listed apart', () => {
  const base = [ns('a'), ns('b'), workload('a', 'web'), workload('a', 'db'), workload('b', 'x')];

  it('makes the pods of a policy with an unknown field unknown', () => {
    const got = listed([
      ...base,
      netpol('a', 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [], priority: 5 }),
    ]);
    assert.ok(got.unknown.length > 0);
    for (const u of got.unknown) {
      assert.ok(u.pair.includes(DB), u.pair);
      assert.match(u.reasons, /NetworkPolicy a\/db: spec\.priority is not modelled/);
    }
    assert.ok(!got.pods.some((l) => l.includes(DB)));
  });

  it('makes a selector with an unknown operator unknown, never a match or a non-match', () => {
    const got = listed([
      ...base,
      ingressTo([{ podSelector: { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] } }]),
    ]);
    assert.deepEqual(
      got.unknown.map((u) => u.pair),
      [`a/web[Deployment] => ${DB}`],
    );
    assert.match(got.unknown[0]!.reasons, /unknown operator "Gt"/);
  });

  it('makes every pair unknown when an AdminNetworkPolicy is present', () => {
    const got = listed([
      ...base,
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha1',
        kind: 'AdminNetworkPolicy',
        metadata: { name: 'anp' },
        spec: {},
      },
    ]);
    assert.deepEqual(got.pods, []);
    assert.deepEqual(got.external, []);
    assert.equal(got.unknown.length, 6 + 6);
    assert.match(got.unknown[0]!.reasons, /AdminNetworkPolicy anp/);
  });

  it('makes the pods of a namespace with a Cilium policy unknown, and no other', () => {
    const got = listed([
      ...base,
      {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name: 'c', namespace: 'b' },
        spec: {},
      },
    ]);
    assert.deepEqual(got.pods, [
      `${DB} => a/web[Deployment] : ${ALL}`,
      `a/web[Deployment] => ${DB} : ${ALL}`,
    ]);
    assert.ok(got.unknown.length > 0);
    for (const u of got.unknown) assert.ok(u.pair.includes('b/x[Deployment]'), u.pair);
  });

  it('reads only the name label of a namespace the input does not declare', () => {
    const manifests = (selector: Obj) => [
      ns('a'),
      workload('a', 'db'),
      workload('b', 'x'),
      ingressTo([{ namespaceSelector: selector }]),
    ];
    const byTeam = listed(manifests({ matchLabels: { team: 'b' } }), DB);
    assert.deepEqual(
      byTeam.unknown.map((u) => u.pair),
      [`b/x[Deployment] => ${DB}`],
    );
    assert.match(byTeam.unknown[0]!.reasons, /namespace b is not in the input/);
    const byName = listed(manifests({ matchLabels: { 'kubernetes.io/metadata.name': 'b' } }), DB);
    assert.deepEqual(byName.unknown, []);
    assert.ok(byName.pods.includes(`b/x[Deployment] => ${DB} : ${ALL}`));
  });

  it('makes a policy the API server would reject unknown (endPort below port)', () => {
    const got = listed([...base, ingressTo([], [{ port: 90, endPort: 80 }])]);
    assert.ok(got.unknown.length > 0);
    assert.match(got.unknown[0]!.reasons, /endPort 80 is not a port at or above 90/);
  });
});

describe('reach list: workloads', () => {
  it('lists pod owners, and an owned ReplicaSet or Job as its owner only', () => {
    const inv = inventory([
      ns('a'),
      workload('a', 'd'),
      workload('a', 's', { app: 's' }, { kind: 'StatefulSet' }),
      workload('a', 'ds', { app: 'ds' }, { kind: 'DaemonSet' }),
      workload('a', 'j', { app: 'j' }, { kind: 'Job' }),
      workload('a', 'cj', { app: 'cj' }, { kind: 'CronJob' }),
      workload('a', 'p', { app: 'p' }, { kind: 'Pod' }),
      workload('a', 'rs', { app: 'rs' }, { kind: 'ReplicaSet' }),
      workload(
        'a',
        'd-123',
        { app: 'd' },
        { kind: 'ReplicaSet', ownerReferences: [{ kind: 'Deployment', name: 'd' }] },
      ),
      workload(
        'a',
        'cj-1',
        { app: 'cj' },
        { kind: 'Job', ownerReferences: [{ kind: 'CronJob', name: 'cj' }] },
      ),
    ]);
    assert.deepEqual(
      workloadsOf(inv)
        .map((w) => w.id)
        .sort(),
      [
        'a/cj[CronJob]',
        'a/d[Deployment]',
        'a/ds[DaemonSet]',
        'a/j[Job]',
        'a/p[Pod]',
        'a/rs[ReplicaSet]',
        'a/s[StatefulSet]',
      ],
    );
  });
});
