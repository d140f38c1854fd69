/**
 * A stand-in for the Kubernetes API server (no API server runs here): HTTPS with a self-signed certificate made
 * for the test, bearer-token authentication, discovery documents, and list endpoints answered from recorded
 * JSON, one item per page so the client must follow `continue` tokens (or `pageSize` items, whatever the client
 * asks for, as a server that ignores `limit` would). Lists named in `forbidden` answer 403.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Resource {
  readonly groupVersion: string;
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

const RESOURCES: readonly Resource[] = [
  { groupVersion: 'v1', name: 'namespaces', kind: 'Namespace', namespaced: false },
  { groupVersion: 'v1', name: 'pods', kind: 'Pod', namespaced: true },
  { groupVersion: 'v1', name: 'services', kind: 'Service', namespaced: true },
  { groupVersion: 'v1', name: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
  { groupVersion: 'v1', name: 'configmaps', kind: 'ConfigMap', namespaced: true },
  { groupVersion: 'apps/v1', name: 'deployments', kind: 'Deployment', namespaced: true },
  { groupVersion: 'apps/v1', name: 'statefulsets', kind: 'StatefulSet', namespaced: true },
  { groupVersion: 'apps/v1', name: 'daemonsets', kind: 'DaemonSet', namespaced: true },
  { groupVersion: 'apps/v1', name: 'replicasets', kind: 'ReplicaSet', namespaced: true },
  { groupVersion: 'networking.k8s.io/v1', name: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true },
  { groupVersion: 'networking.k8s.io/v1', name: 'ingresses', kind: 'Ingress', namespaced: true },
  {
    groupVersion: 'security.istio.io/v1',
    name: 'peerauthentications',
    kind: 'PeerAuthentication',
    namespaced: true,
  },
  {
    groupVersion: 'security.istio.io/v1',
    name: 'authorizationpolicies',
    kind: 'AuthorizationPolicy',
    namespaced: true,
  },
];

export interface FakeApiServer {
  readonly kubeconfig: string;
  /** API paths requested, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

const TOKEN = 'audit-test-token';

export async function startFakeApiServer(
  lists: Record<string, { items: unknown[] }>,
  forbidden: readonly string[] = [],
  pageSize = 1,
): Promise<FakeApiServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vf-audit-api-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const requests: string[] = [];
  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    requests.push(url.pathname);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { kind: 'Status', code: 401 });
    const groupVersion = url.pathname.replace(/^\/apis?\//, '');
    const discovered = RESOURCES.filter((r) => r.groupVersion === groupVersion);
    if (discovered.length > 0)
      return json(200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion,
        resources: discovered.map((r) => ({
          name: r.name,
          kind: r.kind,
          namespaced: r.namespaced,
          singularName: '',
          verbs: ['get', 'list'],
        })),
      });
    const resource = RESOURCES.find(
      (r) => url.pathname === `/${r.groupVersion === 'v1' ? 'api' : 'apis'}/${r.groupVersion}/${r.name}`,
    );
    if (!resource) return json(404, { kind: 'Status', code: 404, reason: 'NotFound' });
    if (forbidden.includes(url.pathname))
      return json(403, { kind: 'Status', code: 403, reason: 'Forbidden' });
    const items = lists[url.pathname]?.items ?? [];
    const start = Number(url.searchParams.get('continue') ?? '0');
    const next = start + pageSize < items.length ? String(start + pageSize) : undefined;
    return json(200, {
      kind: `${resource.kind}List`,
      apiVersion: resource.groupVersion,
      metadata: next ? { continue: next } : {},
      items: items.slice(start, start + pageSize),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: test\n  cluster:\n    server: https://127.0.0.1:${port}\n    certificate-authority: ${cert}`,
      'users:',
      `- name: auditor\n  user:\n    token: ${TOKEN}`,
      'contexts:',
      '- name: test\n  context:\n    cluster: test\n    user: auditor',
      'current-context: test',
      '',
    ].join('\n'),
  );
  return {
    kubeconfig,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
