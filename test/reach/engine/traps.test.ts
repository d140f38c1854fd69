import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inventoryFromObjects } from '../../../src/inventory/index.js';
import { buildNetworkModel } from '../../../src/reach/engine/build.js';
import type { NetworkModel } from '../../../src/reach/engine/model.js';
import { cidrRange } from '../../../src/reach/engine/net.js';
import { canReach, type Endpoint } from '../../../src/reach/engine/query.js';
import { namespace, NetworkBuilder, pod, policy } from './builder.js';

const model = (net: NetworkBuilder, manifests: Record<string, unknown>[] = []) =>
  buildNetworkModel(inventoryFromObjects({ templates: { Stack: net.template() }, manifests }));
const at = (m: NetworkModel, id: string): Endpoint => ({
  kind: 'attachments',
  id,
  attachments: [m.attachments.get(`Stack/${id}`)!],
});
const podAt = (m: NetworkModel, id: string): Endpoint => ({
  kind: 'pod',
  id,
  pod: m.k8s.pods.find((p) => p.id === id)!,
});
const external = (cidr: string): Endpoint => ({ kind: 'external', id: cidr, ranges: [cidrRange(cidr)!] });
const rules = (answer: { blockedBy?: readonly { rule: string }[]; path?: readonly { rule: string }[] }) =>
  [...(answer.blockedBy ?? []), ...(answer.path ?? [])].map((r) => r.rule).join('\n');

describe('security groups', () => {
  const net = new NetworkBuilder()
    .subnet('A', '10.0.1.0/24')
    .subnet('B', '10.0.2.0/24')
    .sg('AppSg', { egress: [{ port: 8080, sg: 'WebSg' }] })
    .sg('OtherSg', { egress: [{ port: 8080, cidr: '0.0.0.0/0' }] })
    .sg('WebSg')
    .ingressFromGroup('WebFromApp', 'WebSg', 'AppSg', 8080)
    .instance('App', 'A', ['AppSg'])
    .instance('Other', 'A', ['OtherSg'])
    .instance('Web', 'B', ['WebSg']);
  const m = model(net);

  it('admits a peer through a rule that refers to its group, naming the standalone rule', () => {
    const answer = canReach(m, at(m, 'App'), at(m, 'Web'), 8080, 'tcp');
    assert.equal(answer.verdict, 'allowed');
    assert.match(rules(answer), /ingress tcp 8080 from group AppSg \(Stack\/WebFromApp\)/);
    assert.match(rules(answer), /egress tcp 8080 to group WebSg/);
  });

  it('refuses a peer outside the referenced group even when its own egress is open', () => {
    const answer = canReach(m, at(m, 'Other'), at(m, 'Web'), 8080, 'tcp');
    assert.equal(answer.verdict, 'denied');
    assert.match(rules(answer), /no ingress rule of WebSg admits tcp\/8080 from Other/);
  });

  it('refuses another port', () => {
    assert.equal(canReach(m, at(m, 'App'), at(m, 'Web'), 8081, 'tcp').verdict, 'denied');
  });

  it('is unknown when a rule refers to a group outside the input', () => {
    const open = new NetworkBuilder()
      .subnet('A', '10.0.1.0/24')
      .subnet('B', '10.0.2.0/24')
      .sg('AppSg', { egress: [{ port: 80, cidr: '10.0.0.0/16' }] })
      .sg('WebSg');
    open.resources.Foreign = {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: { 'Fn::GetAtt': ['WebSg', 'GroupId'] },
        SourceSecurityGroupId: 'sg-0123456789',
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
      },
    };
    open.instance('App', 'A', ['AppSg']).instance('Web', 'B', ['WebSg']);
    const mm = model(open);
    assert.equal(canReach(mm, at(mm, 'App'), at(mm, 'Web'), 80, 'tcp').verdict, 'unknown');
  });
});

describe('network ACLs', () => {
  const base = (aclEntries: Parameters<NetworkBuilder['nacl']>[1]) =>
    new NetworkBuilder()
      .nacl('DbAcl', aclEntries)
      .subnet('App', '10.0.1.0/24')
      .subnet('App2', '10.0.3.0/24')
      .subnet('Db', '10.0.2.0/24', { nacl: 'DbAcl' })
      .sg('AppSg', { egress: [{ port: 5432, cidr: '10.0.0.0/16' }] })
      .sg('DbSg', { ingress: [{ port: 5432, cidr: '10.0.0.0/16' }] })
      .instance('Client', 'App', ['AppSg'])
      .instance('Client2', 'App2', ['AppSg'])
      .instance('Database', 'Db', ['DbSg']);

  it('applies a deny ordered before an allow, and only to the addresses it names', () => {
    const m = model(
      base([
        { n: 100, egress: false, action: 'deny', cidr: '10.0.1.0/24', protocol: -1 },
        { n: 110, egress: false, action: 'allow', cidr: '10.0.0.0/16', from: 5432, to: 5432 },
        { n: 100, egress: true, action: 'allow', cidr: '10.0.0.0/16', from: 32768, to: 60999 },
      ]),
    );
    const denied = canReach(m, at(m, 'Client'), at(m, 'Database'), 5432, 'tcp');
    assert.equal(denied.verdict, 'denied');
    assert.match(
      rules(denied),
      /request enters the destination subnet: rule 100 deny all traffic 10\.0\.1\.0\/24/,
    );
    const allowed = canReach(m, at(m, 'Client2'), at(m, 'Database'), 5432, 'tcp');
    assert.equal(allowed.verdict, 'allowed');
    assert.match(rules(allowed), /rule 110 allow tcp 5432-5432/);
  });

  it('refuses a connection whose answer has no ephemeral-port rule', () => {
    const m = model(
      base([{ n: 100, egress: false, action: 'allow', cidr: '10.0.0.0/16', from: 5432, to: 5432 }]),
    );
    const answer = canReach(m, at(m, 'Client'), at(m, 'Database'), 5432, 'tcp');
    assert.equal(answer.verdict, 'denied');
    assert.match(
      rules(answer),
      /answer leaves the destination subnet .*no entry matches, the final \* rule denies/,
    );
  });

  it('refuses when the return range misses the Linux ephemeral ports', () => {
    const m = model(
      base([
        { n: 100, egress: false, action: 'allow', cidr: '10.0.0.0/16', from: 5432, to: 5432 },
        { n: 100, egress: true, action: 'allow', cidr: '10.0.0.0/16', from: 1024, to: 2048 },
      ]),
    );
    assert.equal(canReach(m, at(m, 'Client'), at(m, 'Database'), 5432, 'tcp').verdict, 'denied');
  });
});

describe('routes and the internet', () => {
  const net = new NetworkBuilder()
    .subnet('Public', '10.0.0.0/24', { internet: true })
    .subnet('Private', '10.0.1.0/24')
    .sg('OpenSg', { ingress: [{ port: 22, cidr: '0.0.0.0/0' }], egress: [{ port: 443, cidr: '0.0.0.0/0' }] })
    .instance('Bastion', 'Public', ['OpenSg'], true)
    .instance('Hidden', 'Private', ['OpenSg']);
  const m = model(net);

  it('reaches a public instance through the internet gateway', () => {
    const answer = canReach(m, external('0.0.0.0/0'), at(m, 'Bastion'), 22, 'tcp');
    assert.equal(answer.verdict, 'allowed');
    assert.match(rules(answer), /internet gateway/);
  });

  it('does not reach an instance in a subnet without an internet route, whatever its group says', () => {
    const answer = canReach(m, external('0.0.0.0/0'), at(m, 'Hidden'), 22, 'tcp');
    assert.equal(answer.verdict, 'denied');
    assert.match(rules(answer), /no internet gateway route/);
  });

  it('gives the private instance no path out', () => {
    assert.equal(canReach(m, at(m, 'Hidden'), external('0.0.0.0/0'), 443, 'tcp').verdict, 'denied');
  });
});

describe('NetworkPolicies', () => {
  const net = () =>
    new NetworkBuilder()
      .subnet('Nodes', '10.0.1.0/24')
      .subnet('Other', '10.0.2.0/24')
      .subnet('Third', '10.0.3.0/24')
      .sg('NodeSg', {
        ingress: [{ protocol: '-1', cidr: '10.0.0.0/16' }],
        egress: [{ protocol: '-1', cidr: '0.0.0.0/0' }],
      })
      .instance('TargetA', 'Other', ['NodeSg'])
      .instance('TargetB', 'Third', ['NodeSg']);
  const pods = [
    namespace('app', { team: 'a' }),
    namespace('tools', { team: 'b' }),
    pod('server', 'app', { role: 'server' }),
    pod('client', 'app', { role: 'client' }),
    pod('tool', 'tools', { role: 'client' }),
  ];
  const build = (policies: Record<string, unknown>[], enforce = true) =>
    model(net().cluster({ subnets: ['Nodes'], nodeSgs: ['NodeSg'], enforcePolicies: enforce }), [
      ...pods,
      ...policies,
    ]);
  const reach = (m: NetworkModel, from: string, to: string, port = 8080) =>
    canReach(m, podAt(m, from), podAt(m, to), port, 'tcp');

  it('isolates every pod of the namespace with an empty podSelector', () => {
    const m = build([policy('deny', 'app', { podSelector: {} })]);
    const answer = reach(m, 'app/client', 'app/server');
    assert.equal(answer.verdict, 'denied');
    assert.match(rules(answer), /NetworkPolicy app\/deny isolate the pod for ingress/);
    assert.equal(
      reach(m, 'app/server', 'tools/tool').verdict,
      'allowed',
      'the tools namespace is not isolated',
    );
  });

  it('reads namespaceSelector and podSelector in one peer as "those pods in those namespaces"', () => {
    const m = build([
      policy('p', 'app', {
        podSelector: { matchLabels: { role: 'server' } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { team: 'b' } },
                podSelector: { matchLabels: { role: 'client' } },
              },
            ],
          },
        ],
      }),
    ]);
    assert.equal(reach(m, 'tools/tool', 'app/server').verdict, 'allowed');
    assert.equal(reach(m, 'app/client', 'app/server').verdict, 'denied', 'app is not team b');
  });

  it('reads them as two peers as "either"', () => {
    const m = build([
      policy('p', 'app', {
        podSelector: { matchLabels: { role: 'server' } },
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { team: 'b' } } },
              { podSelector: { matchLabels: { role: 'client' } } },
            ],
          },
        ],
      }),
    ]);
    assert.equal(reach(m, 'tools/tool', 'app/server').verdict, 'allowed');
    assert.equal(reach(m, 'app/client', 'app/server').verdict, 'allowed');
  });

  it('is unknown, naming the policy, when a podSelector uses an operator Kubernetes does not know', () => {
    const m = build([
      policy('odd', 'app', {
        podSelector: { matchExpressions: [{ key: 'role', operator: 'Equals', values: ['server'] }] },
      }),
    ]);
    const answer = reach(m, 'app/client', 'app/server');
    assert.equal(answer.verdict, 'unknown');
    assert.match(
      JSON.stringify(answer),
      /NetworkPolicy app\/odd: podSelector matchExpressions\[0\] has the unknown operator \\"Equals\\"/,
    );
  });

  it('is unknown when only a peer with an unknown operator could admit the connection', () => {
    const m = build([
      policy('p', 'app', {
        podSelector: { matchLabels: { role: 'server' } },
        ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'role', operator: 'Gt' }] } }] }],
      }),
    ]);
    assert.equal(reach(m, 'app/client', 'app/server').verdict, 'unknown');
    const admitted = build([
      policy('p', 'app', {
        podSelector: { matchLabels: { role: 'server' } },
        ingress: [
          { from: [{ podSelector: { matchExpressions: [{ key: 'role', operator: 'Gt' }] } }] },
          { from: [{ podSelector: { matchLabels: { role: 'client' } } }] },
        ],
      }),
    ]);
    assert.equal(reach(admitted, 'app/client', 'app/server').verdict, 'allowed', 'another rule admits it');
  });

  it('matches ipBlock cidr but not its except ranges', () => {
    const m = build([
      policy('p', 'app', {
        podSelector: { matchLabels: { role: 'client' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.2.0/24'] } }] }],
      }),
    ]);
    const toA = canReach(m, podAt(m, 'app/client'), at(m, 'TargetA'), 443, 'tcp');
    assert.equal(toA.verdict, 'denied');
    assert.match(rules(toA), /isolate the pod for egress/);
    assert.equal(canReach(m, podAt(m, 'app/client'), at(m, 'TargetB'), 443, 'tcp').verdict, 'allowed');
  });

  it('defaults policyTypes to Ingress plus Egress when only egress rules are written, isolating ingress too', () => {
    const m = build([
      policy('p', 'app', {
        podSelector: { matchLabels: { role: 'server' } },
        egress: [{ to: [{ ipBlock: { cidr: '10.0.3.0/24' } }] }],
      }),
    ]);
    assert.equal(
      reach(m, 'app/client', 'app/server').verdict,
      'denied',
      'ingress is isolated with no ingress rule',
    );
    assert.equal(canReach(m, podAt(m, 'app/server'), at(m, 'TargetA'), 443, 'tcp').verdict, 'denied');
    assert.equal(canReach(m, podAt(m, 'app/server'), at(m, 'TargetB'), 443, 'tcp').verdict, 'allowed');
  });

  it('does not isolate egress for an explicitly empty egress list without policyTypes', () => {
    const m = build([policy('p', 'app', { podSelector: { matchLabels: { role: 'client' } }, egress: [] })]);
    assert.equal(canReach(m, podAt(m, 'app/client'), at(m, 'TargetA'), 443, 'tcp').verdict, 'allowed');
  });

  it('resolves named ports against the destination pod', () => {
    const m = build([
      policy('p', 'app', {
        podSelector: { matchLabels: { role: 'server' } },
        ingress: [{ ports: [{ port: 'http' }] }],
      }),
    ]);
    assert.equal(reach(m, 'app/client', 'app/server', 8080).verdict, 'allowed');
    assert.equal(reach(m, 'app/client', 'app/server', 9090).verdict, 'denied');
  });

  it('lets everything through when the CNI does not enforce policies', () => {
    const m = build([policy('deny', 'app', { podSelector: {} })], false);
    const answer = reach(m, 'app/client', 'app/server');
    assert.equal(answer.verdict, 'allowed');
    assert.match(rules(answer), /NetworkPolicies not enforced/);
  });

  it('is unknown without any Kubernetes manifest', () => {
    const m = model(net().cluster({ subnets: ['Nodes'], nodeSgs: ['NodeSg'] }));
    const hypothetical = {
      ...model(net().cluster({ subnets: ['Nodes'], nodeSgs: ['NodeSg'] }), pods).k8s.pods[0]!,
    };
    assert.equal(
      canReach(m, { kind: 'pod', id: 'p', pod: hypothetical }, at(m, 'TargetA'), 443, 'tcp').verdict,
      'unknown',
    );
  });
});

describe('instance metadata', () => {
  const build = (hopLimit: number | undefined, extra: Record<string, unknown> = {}) =>
    model(
      new NetworkBuilder()
        .subnet('Nodes', '10.0.1.0/24')
        .sg('NodeSg')
        .cluster({ subnets: ['Nodes'], nodeSgs: ['NodeSg'], hopLimit }),
      [pod('app', 'default', { app: 'x' }, extra)],
    );
  const imds: Endpoint = {
    kind: 'link-local',
    id: 'instance-metadata',
    range: cidrRange('169.254.169.254/32')!,
  };

  it('is out of reach for pods with hop limit 1', () => {
    const m = build(1);
    const answer = canReach(m, podAt(m, 'default/app'), imds, 80, 'tcp');
    assert.equal(answer.verdict, 'denied');
    assert.match(rules(answer), /HttpPutResponseHopLimit 1/);
  });

  it('is reachable with hop limit 2, and when the launch template leaves it at the default', () => {
    for (const limit of [2, undefined]) {
      const m = build(limit);
      assert.equal(canReach(m, podAt(m, 'default/app'), imds, 80, 'tcp').verdict, 'allowed', String(limit));
    }
  });

  it('is reachable from a host-network pod whatever the hop limit', () => {
    const m = build(1, { hostNetwork: true });
    assert.equal(canReach(m, podAt(m, 'default/app'), imds, 80, 'tcp').verdict, 'allowed');
  });

  it('is blocked by an egress policy even with hop limit 2', () => {
    const m = model(
      new NetworkBuilder()
        .subnet('Nodes', '10.0.1.0/24')
        .sg('NodeSg')
        .cluster({ subnets: ['Nodes'], nodeSgs: ['NodeSg'], hopLimit: 2 }),
      [
        pod('app', 'default', { app: 'x' }),
        policy('egress', 'default', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
        }),
      ],
    );
    assert.equal(canReach(m, podAt(m, 'default/app'), imds, 80, 'tcp').verdict, 'denied');
  });
});

describe('EKS API endpoint', () => {
  const build = (publicAccess: boolean, publicCidrs?: string[]) =>
    model(
      new NetworkBuilder()
        .subnet('Nodes', '10.0.1.0/24')
        .sg('NodeSg')
        .cluster({ subnets: ['Nodes'], nodeSgs: ['NodeSg'], publicAccess, publicCidrs }),
    );

  it('is out of reach from the internet with the public endpoint off', () => {
    const m = build(false);
    assert.equal(canReach(m, external('0.0.0.0/0'), at(m, 'Cluster'), 443, 'tcp').verdict, 'denied');
  });

  it('is reachable from the internet with the public endpoint on and default CIDRs', () => {
    const m = build(true);
    const answer = canReach(m, external('0.0.0.0/0'), at(m, 'Cluster'), 443, 'tcp');
    assert.equal(answer.verdict, 'allowed');
    assert.match(rules(answer), /publicAccessCidrs 0\.0\.0\.0\/0/);
  });

  it('honours publicAccessCidrs', () => {
    const m = build(true, ['203.0.113.0/24']);
    assert.equal(canReach(m, external('198.51.100.0/24'), at(m, 'Cluster'), 443, 'tcp').verdict, 'denied');
    assert.equal(canReach(m, external('203.0.113.5/32'), at(m, 'Cluster'), 443, 'tcp').verdict, 'allowed');
  });
});
