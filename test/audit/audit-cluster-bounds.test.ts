/**
 * The cluster reader bounds what it lists: objects per kind, objects in all, pages per kind. Past a bound it
 * stops; the kind it was listing and every kind it did not get to are gaps naming the kind and the bound, which
 * the audit reports as unknown, so a cluster read in part never passes as if it had been read whole. Runs
 * against the stand-in API server on 127.0.0.1 with low bounds, which the real ones only scale.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gapFindings } from '../../src/audit/findings.js';
import { AUDITED_KINDS } from '../../src/audit/kubernetes/kinds.js';
import { readCluster } from '../../src/audit/kubernetes/read-cluster.js';
import { CLUSTER_LIST_LIMITS } from '../../src/contract/response-limits.js';
import { startFakeApiServer } from './fake-api-server.js';

const items = (prefix: string, n: number, namespaced = true) =>
  Array.from({ length: n }, (_, i) => ({
    metadata: { name: `${prefix}-${i}`, ...(namespaced ? { namespace: 'shop' } : {}) },
  }));

describe('the cluster reader, past its bounds', () => {
  it('keeps the bounds documented: 150,000 objects per kind, 300,000 in all, 10,000 pages per kind', () => {
    assert.deepEqual(
      { ...CLUSTER_LIST_LIMITS },
      { maxObjectsPerKind: 150_000, maxObjectsTotal: 300_000, maxPages: 10_000 },
    );
  });

  it('stops a kind at the bound per kind (pages followed one by one) and reports it, other kinds whole', async () => {
    const api = await startFakeApiServer({
      '/api/v1/pods': { items: items('pod', 50) },
      '/api/v1/services': { items: items('svc', 3) },
    });
    try {
      const read = await readCluster(api.kubeconfig, { limits: { maxObjectsPerKind: 3 } });
      assert.deepEqual(read.gaps, [
        {
          kind: 'v1/Pod',
          reason: 'listing v1/Pod stopped at 3 objects (the limit for one kind): the rest were not read',
        },
      ]);
      assert.equal(read.objects.filter((o) => o.source === 'v1/Service').length, 3);
      // The reader stopped at the fourth page of pods instead of following all fifty.
      assert.equal(api.requests.filter((p) => p === '/api/v1/pods').length, 4);
      assert.deepEqual(
        gapFindings(
          read.gaps.map((g) => ({ type: g.kind, id: read.server, reason: g.reason })),
          'eu-west-1',
        ).map((f) => [f.status, f.resource.type, f.message]),
        [['unknown', 'v1/Pod', read.gaps[0]!.reason]],
      );
    } finally {
      await api.close();
    }
  });

  it('counts items, not pages: one page with more items than asked for is stopped at the bound', async () => {
    const api = await startFakeApiServer({ '/api/v1/configmaps': { items: items('cm', 2_000) } }, [], 2_000);
    try {
      const read = await readCluster(api.kubeconfig, { limits: { maxObjectsPerKind: 10 } });
      assert.deepEqual(
        read.gaps.map((g) => g.kind),
        ['v1/ConfigMap'],
      );
      assert.match(read.gaps[0]!.reason, /stopped at 10 objects \(the limit for one kind\)/);
      assert.ok(read.objects.length <= 10, `${read.objects.length} objects kept`);
    } finally {
      await api.close();
    }
  });

  it('does not evaluate an object nested past the input limits, and follows every page of a custom resource', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 600; i++) deep = [deep];
    // A custom resource: the client keeps its spec as it comes (typed kinds drop fields they do not define).
    const api = await startFakeApiServer({
      '/apis/security.istio.io/v1/authorizationpolicies': {
        items: [{ metadata: { name: 'deep', namespace: 'shop' }, spec: { rules: deep } }, ...items('cm', 2)],
      },
    });
    try {
      const read = await readCluster(api.kubeconfig);
      assert.deepEqual(
        read.gaps.map((g) => g.kind),
        ['security.istio.io/v1/AuthorizationPolicy'],
      );
      assert.match(
        read.gaps[0]!.reason,
        /^shop\/deep of security\.istio\.io\/v1\/AuthorizationPolicy is not evaluated: the document is nested more than 512 levels deep at spec\.rules\.0/,
      );
      assert.deepEqual(
        read.objects.map((o) => (o.object.metadata as { name: string }).name),
        ['cm-0', 'cm-1'],
      );
      // Every page of the custom resource was followed (one item per page), not only the first.
      assert.equal(
        api.requests.filter((p) => p === '/apis/security.istio.io/v1/authorizationpolicies').length,
        3,
      );
    } finally {
      await api.close();
    }
  });

  it('stops at the bound in all: the kind being listed and every kind after it are gaps', async () => {
    const api = await startFakeApiServer({
      '/api/v1/namespaces': { items: items('ns', 2, false) },
      '/api/v1/services': { items: items('svc', 2) },
      '/api/v1/serviceaccounts': { items: items('sa', 2) },
      '/api/v1/configmaps': { items: items('cm', 2) },
    });
    try {
      const read = await readCluster(api.kubeconfig, { limits: { maxObjectsTotal: 5 } });
      assert.equal(read.objects.length, 5);
      const byKind = new Map(read.gaps.map((g) => [g.kind, g.reason]));
      assert.equal(
        byKind.get('v1/ServiceAccount'),
        'listing v1/ServiceAccount stopped at 5 objects in all (the limit for one cluster): the rest were not read',
      );
      const later = AUDITED_KINDS.slice(AUDITED_KINDS.findIndex((k) => k.kind === 'ConfigMap')).map(
        (k) => `${k.apiVersion}/${k.kind}`,
      );
      for (const kind of later)
        assert.equal(
          byKind.get(kind),
          `${kind} was not listed: the reader stopped at 5 objects in all (the limit for one cluster)`,
        );
      assert.equal(read.gaps.length, 1 + later.length);
      // Nothing was asked of the API server once the bound was reached.
      assert.ok(!api.requests.includes('/api/v1/configmaps'));
    } finally {
      await api.close();
    }
  });
});
