/**
 * The cluster side of the audit: through `@kubernetes/client-node` against a stand-in API server (HTTPS,
 * recorded list answers, paged), and from a directory of `kubectl get -o json` dumps of the same objects. The
 * live objects go into the same inventory as manifests, the same controls judge them, and drift from the
 * baseline manifests is reported. The AWS side reads moto's empty account.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runAudit } from '../../src/cli/run-audit.js';
import type { Report } from '../../src/report/model.js';
import { startMoto, type Moto } from '../notifier/moto.js';
import { startFakeApiServer, type FakeApiServer } from './fake-api-server.js';
import { auditTarget } from './moto-account.js';

const fixtures = fileURLToPath(new URL('fixtures/', import.meta.url));
const lists = JSON.parse(readFileSync(join(fixtures, 'cluster', 'lists.json'), 'utf8')) as Record<
  string,
  { apiVersion: string; kind: string; items: Record<string, unknown>[] }
>;
const NOW = new Date('2026-12-01T00:00:00Z');

/** The same answers as `kubectl get -o json` writes them: a `List` whose items carry apiVersion and kind. */
function writeDump(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vf-audit-dump-'));
  for (const [path, list] of Object.entries(lists)) {
    const kind = list.kind.replace(/List$/, '');
    writeFileSync(
      join(dir, `${path.split('/').at(-1)}.json`),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: list.items.map((item) => ({ apiVersion: list.apiVersion, kind, ...item })),
      }),
    );
  }
  return dir;
}

describe('vectorfort audit of a cluster', () => {
  let moto: Moto;
  let api: FakeApiServer;
  let live: Report;
  let dumped: Report;

  before(async () => {
    moto = await startMoto();
    api = await startFakeApiServer(lists, ['/api/v1/configmaps']);
    const against = join(fixtures, 'baseline');
    live = (
      await runAudit({
        aws: auditTarget(moto.endpoint),
        stacks: [],
        kubeconfig: api.kubeconfig,
        against,
        now: NOW,
      })
    ).report;
    dumped = (
      await runAudit({ aws: auditTarget(moto.endpoint), stacks: [], k8sDump: writeDump(), against, now: NOW })
    ).report;
  });
  after(async () => {
    await api?.close();
    await moto?.stop();
  });

  it('lists through the real client, following continue tokens', () => {
    assert.equal(api.requests.filter((p) => p === '/apis/apps/v1/deployments').length, 2);
    assert.match(live.audit!.cluster!, /^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('runs the same controls on the live objects', () => {
    const web = live.findings.find((f) => f.ruleId === 'VF-K8S-001' && f.resource.id === 'shop/web');
    assert.equal(web?.status, 'fail');
    const pinned = live.findings.find((f) => f.ruleId === 'VF-K8S-005' && f.resource.id === 'shop/debug');
    assert.equal(pinned?.status, 'fail', 'busybox:latest is not pinned by digest');
  });

  it('leaves pods to the workload that owns them', () => {
    assert.ok(!live.findings.some((f) => f.resource.id === 'shop/web-6d4cf56db6-x2x7k'));
  });

  it('reports a forbidden list as unknown, never as empty', () => {
    const gap = live.findings.find(
      (f) => f.ruleId === 'audit-not-read' && f.resource.type === 'v1/ConfigMap',
    );
    assert.equal(gap?.status, 'unknown');
    assert.match(gap!.message, /denied \(HTTP 403\)/);
  });

  it('reports the deleted policy, the weakened mesh mode, the namespace label and the stray policy', () => {
    assert.deepEqual(
      live.audit!.drift.map((d) => ({ ...d })),
      [
        {
          kind: 'property',
          type: 'v1/Namespace',
          id: 'shop',
          property: 'metadata.labels.pod-security.kubernetes.io/enforce',
          expected: 'restricted',
          actual: 'privileged',
        },
        { kind: 'missing', type: 'networking.k8s.io/v1/NetworkPolicy', id: 'shop/default-deny' },
        {
          kind: 'property',
          type: 'security.istio.io/v1/PeerAuthentication',
          id: 'shop/default',
          property: 'spec',
          expected: { mtls: { mode: 'STRICT' } },
          actual: { mtls: { mode: 'PERMISSIVE' } },
        },
        { kind: 'unmanaged', type: 'networking.k8s.io/v1/NetworkPolicy', id: 'shop/allow-all' },
      ],
    );
  });

  it('reads kubectl dumps into the same result', () => {
    assert.deepEqual(dumped.audit!.drift, live.audit!.drift);
    const key = (r: Report) =>
      r.findings
        .filter((f) => f.resource.type !== 'v1/ConfigMap')
        .map((f) => `${f.ruleId} ${f.resource.id} ${f.status} ${f.message}`)
        .sort();
    assert.deepEqual(key(dumped), key(live));
  });
});
