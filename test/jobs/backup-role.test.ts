/**
 * The backup role reconciler against a local stand-in for Weaviate's authz endpoints (no Weaviate runs here):
 * roles by name with their permissions, and each db user's roles, as `/v1/authz/...` documents them.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { BACKUP_PERMISSIONS, reconcileBackupRole } from '../../src/jobs/backup-role.js';
import { WeaviateApi } from '../../src/jobs/weaviate-api.js';

const ROOT_KEY = 'root-key';

class AuthzStandIn {
  roles = new Map<string, unknown[]>();
  userRoles = new Map<string, Set<string>>();
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const send = (status: number, payload?: unknown) =>
          res
            .writeHead(status, { 'content-type': 'application/json' })
            .end(payload === undefined ? '' : JSON.stringify(payload));
        if (req.headers.authorization !== `Bearer ${ROOT_KEY}`)
          return send(401, { error: [{ message: 'unauthorized' }] });
        const url = req.url ?? '';
        const role = /^\/v1\/authz\/roles\/([^/]+)$/.exec(url)?.[1];
        const user = /^\/v1\/authz\/users\/([^/]+)\/(roles\/db|assign|revoke)$/.exec(url);
        if (role && req.method === 'GET')
          return this.roles.has(role)
            ? send(200, { name: role, permissions: this.roles.get(role) })
            : send(404);
        if (role && req.method === 'DELETE') {
          this.roles.delete(role);
          for (const r of this.userRoles.values()) r.delete(role);
          return send(204);
        }
        if (url === '/v1/authz/roles' && req.method === 'POST') {
          const { name, permissions } = JSON.parse(body) as { name: string; permissions: unknown[] };
          if (this.roles.has(name)) return send(409, { error: [{ message: 'role exists' }] });
          this.roles.set(name, permissions);
          return send(201);
        }
        if (user) {
          const held = this.userRoles.get(user[1]!) ?? new Set<string>();
          this.userRoles.set(user[1]!, held);
          if (user[2] === 'roles/db')
            return send(
              200,
              [...held].map((name) => ({ name, permissions: this.roles.get(name) })),
            );
          const { roles } = JSON.parse(body) as { roles: string[] };
          for (const r of roles) {
            if (user[2] === 'assign') held.add(r);
            else held.delete(r);
          }
          return send(200);
        }
        return send(404);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server?.close(() => r()));
  }
}

describe('the backup role reconciler', () => {
  const authz = new AuthzStandIn();
  let api: WeaviateApi;

  before(async () => {
    api = new WeaviateApi({ baseUrl: await authz.start(), apiKey: ROOT_KEY });
  });
  after(() => authz.stop());
  beforeEach(() => {
    authz.roles.clear();
    authz.userRoles.clear();
  });

  it('creates the role with manage_backups only and assigns it to the backup user', async () => {
    const result = await reconcileBackupRole(api, 'vectorfort-backup', 'backup');
    assert.deepEqual(result.changes, [
      'created role vectorfort-backup',
      'assigned vectorfort-backup to backup',
    ]);
    assert.deepEqual(authz.roles.get('vectorfort-backup'), BACKUP_PERMISSIONS);
    assert.deepEqual([...authz.userRoles.get('backup')!], ['vectorfort-backup']);
    // A second run finds everything in place and changes nothing.
    assert.deepEqual((await reconcileBackupRole(api, 'vectorfort-backup', 'backup')).changes, []);
  });

  it('recreates a role widened by hand and revokes roles the backup user should not hold', async () => {
    authz.roles.set('vectorfort-backup', [
      { action: 'manage_backups', backups: { collection: '*' } },
      { action: 'read_data', data: { collection: '*' } },
    ]);
    authz.roles.set('root', []);
    authz.userRoles.set('backup', new Set(['vectorfort-backup', 'root']));
    const result = await reconcileBackupRole(api, 'vectorfort-backup', 'backup');
    assert.deepEqual(result.changes, [
      'role vectorfort-backup had other permissions; recreated with manage_backups only',
      'created role vectorfort-backup',
      'revoked root from backup',
      'assigned vectorfort-backup to backup',
    ]);
    assert.deepEqual(authz.roles.get('vectorfort-backup'), BACKUP_PERMISSIONS);
    assert.deepEqual([...authz.userRoles.get('backup')!], ['vectorfort-backup']);
  });

  it('fails loudly with a wrong root key', async () => {
    const wrong = new WeaviateApi({ baseUrl: (api as unknown as { base: string }).base, apiKey: 'nope' });
    await assert.rejects(reconcileBackupRole(wrong, 'vectorfort-backup', 'backup'), /HTTP 401 unauthorized/);
  });
});
