/** `vectorfort reach list|eval` as a user runs it: formats, focus, and the exit codes of eval. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { netpol, ns, workload } from '../reach/workloads/manifests.js';
import { vectorfort } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vf-reach-'));
const manifests = join(dir, 'shop.yaml');
writeFileSync(
  manifests,
  [
    ns('shop'),
    workload('shop', 'web', { app: 'web' }, { ports: { http: 8080 } }),
    workload('shop', 'db', { app: 'db' }, { ports: { pg: 5432 } }),
    netpol('shop', 'db', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'pg' }] }],
    }),
    netpol('shop', 'web', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: {} }] },
        { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }] },
      ],
    }),
  ]
    .map((o) => stringify(o))
    .join('---\n'),
);
const unknownFile = join(dir, 'unknown.yaml');
writeFileSync(
  unknownFile,
  [
    ns('shop'),
    workload('shop', 'web'),
    workload('shop', 'db'),
    netpol('shop', 'db', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [
        { from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] } }] },
      ],
    }),
  ]
    .map((o) => stringify(o))
    .join('---\n'),
);

describe('vectorfort reach list', () => {
  it('prints one sorted line per pair', () => {
    const run = vectorfort('reach', 'list', manifests);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        '0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections',
        'shop/db[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/db[Deployment] => shop/web[Deployment] : All Connections',
        'shop/web[Deployment] => 0.0.0.0-9.255.255.255[External] : TCP 443',
        'shop/web[Deployment] => 11.0.0.0-255.255.255.255[External] : TCP 443',
        'shop/web[Deployment] => shop/db[Deployment] : TCP 5432',
        '',
      ].join('\n'),
    );
  });

  it('keeps only the lines of the focused workload', () => {
    const run = vectorfort('reach', 'list', manifests, '--focus', 'shop/db');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), [
      'shop/db[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'shop/db[Deployment] => shop/web[Deployment] : All Connections',
      'shop/web[Deployment] => shop/db[Deployment] : TCP 5432',
    ]);
  });

  it('writes JSON, CSV, dot and SVG', () => {
    const json = JSON.parse(vectorfort('reach', 'list', manifests, '--format', 'json').stdout);
    assert.deepEqual(json.connections.at(-1), {
      src: 'shop/web[Deployment]',
      dst: 'shop/db[Deployment]',
      conn: 'TCP 5432',
    });
    assert.deepEqual(json.unknown, []);
    const csv = vectorfort('reach', 'list', manifests, '--format', 'csv').stdout.trim().split('\n');
    assert.equal(csv[0], 'src,dst,conn,status,unknown,reason');
    assert.equal(csv.at(-1), 'shop/web[Deployment],shop/db[Deployment],TCP 5432,allowed,,');
    const dot = vectorfort('reach', 'list', manifests, '--format', 'dot').stdout;
    assert.match(dot, /"shop\/web\[Deployment\]" -> "shop\/db\[Deployment\]" \[label="TCP 5432"\];/);
    const svg = vectorfort('reach', 'list', manifests, '--format', 'svg');
    assert.equal(svg.status, 0, svg.stderr);
    assert.match(svg.stdout, /<svg[^>]*>/);
    assert.match(svg.stdout, /TCP 5432/);
  });

  it('lists undetermined pairs apart, with the reason', () => {
    const run = vectorfort('reach', 'list', unknownFile);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /Not determined by the input \(1 pair\):\nshop\/web\[Deployment\] => shop\/db\[Deployment\] : unknown All Connections \(NetworkPolicy shop\/db ingress\[0\]: matchExpressions\[0\] has the unknown operator "Gt"\)/,
    );
  });
});

describe('vectorfort reach eval', () => {
  const evaluate = (...args: string[]) => vectorfort('reach', 'eval', manifests, ...args);

  it('exits 0 and prints the witness path when allowed', () => {
    const run = evaluate('--from', 'shop/web', '--to', 'shop/db[Deployment]', '--port', '5432');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      'allowed: shop/web[Deployment] => shop/db[Deployment] : TCP 5432\npath:\n' +
        '  egress of shop/web[Deployment]: NetworkPolicy shop/web egress[0]\n' +
        '  ingress of shop/db[Deployment]: NetworkPolicy shop/db ingress[0]\n',
    );
  });

  it('exits 0 and prints the blocking rule when denied; --explain shows every layer', () => {
    const run = evaluate('--from', 'shop/web', '--to', '10.1.1.1', '--port', '443', '--explain');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      'denied: shop/web[Deployment] => 10.1.1.1[External] : TCP 443\nlayers:\n' +
        '  [denied] egress of shop/web[Deployment]: NetworkPolicy shop/web isolates shop/web[Deployment] for egress; no rule admits 10.1.1.1[External] on TCP 443\n',
    );
    const udp = evaluate('--from', 'shop/web', '--to', 'shop/db', '--port', '5432', '--protocol', 'UDP');
    assert.equal(udp.status, 0);
    assert.match(
      udp.stdout,
      /^denied: .* : UDP 5432\nblocked by:\n {2}ingress of shop\/db\[Deployment\]: NetworkPolicy shop\/db isolates/,
    );
  });

  it('prints an IPv6 source as written, not escaped as a workflow command', () => {
    const run = evaluate('--from', '::ffff:10.1.1.1', '--to', 'shop/db', '--port', '5432');
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^denied: ::ffff:10\.1\.1\.1\[External\] => shop\/db\[Deployment\] : TCP 5432\n/,
    );
  });

  it('exits 1 when the input does not determine the answer', () => {
    const run = vectorfort(
      'reach',
      'eval',
      unknownFile,
      '--from',
      'shop/web',
      '--to',
      'shop/db',
      '--port',
      '80',
    );
    assert.equal(run.status, 1);
    assert.match(
      run.stdout,
      /^unknown: shop\/web\[Deployment\] => shop\/db\[Deployment\] : TCP 80\ndepends on:\n/,
    );
  });

  it('exits 2 for an unknown workload, a bad port or protocol, or a missing option', () => {
    const cases = [
      ['--from', 'shop/nope', '--to', 'shop/db', '--port', '80'],
      ['--from', 'shop/web', '--to', 'shop/db', '--port', '0'],
      ['--from', 'shop/web', '--to', 'shop/db', '--port', '80x'],
      ['--from', 'shop/web', '--to', 'shop/db', '--port', '80', '--protocol', 'ICMP'],
      ['--from', 'shop/web', '--port', '80'],
      ['--from', '10.0.0.1', '--to', '10.0.0.2', '--port', '80'],
    ];
    for (const args of cases) {
      const run = evaluate(...args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, /error/);
      assert.equal(run.stdout, '');
    }
  });

  it('documents the exit codes in --help', () => {
    const run = vectorfort('reach', 'eval', '--help');
    assert.equal(run.status, 0);
    assert.match(run.stdout, /0 the answer was computed \(allowed or denied, printed\), 1 unknown/);
  });
});
