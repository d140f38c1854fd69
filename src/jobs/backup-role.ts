/**
 * Keeps the backup user's Weaviate RBAC role as it must be: exactly `manage_backups` on every collection, and the
 * only role the user holds. Weaviate has no setting that declares custom roles, so the role is made through its
 * authz API by a root user, the way Weaviate's RBAC documentation does it; running on a schedule also undoes a
 * role widened by hand (and says so).
 */
import { WeaviateApiError, type WeaviateApi } from './weaviate-api.js';

export const BACKUP_PERMISSIONS = [{ action: 'manage_backups', backups: { collection: '*' } }] as const;

export interface RoleReconcileResult {
  readonly changes: readonly string[];
}

interface Permission {
  action: string;
  backups?: { collection?: string };
}

const same = (a: readonly Permission[], b: readonly Permission[]) =>
  JSON.stringify(a.map((p) => [p.action, p.backups?.collection ?? null]).sort()) ===
  JSON.stringify(b.map((p) => [p.action, p.backups?.collection ?? null]).sort());

export async function reconcileBackupRole(
  api: WeaviateApi,
  role: string,
  user: string,
): Promise<RoleReconcileResult> {
  const changes: string[] = [];
  let existing: { permissions?: Permission[] } | undefined;
  try {
    existing = await api.request('GET', `/v1/authz/roles/${encodeURIComponent(role)}`, 'read role');
  } catch (error) {
    if (!(error instanceof WeaviateApiError && error.status === 404)) throw error;
  }
  if (existing && !same(existing.permissions ?? [], BACKUP_PERMISSIONS)) {
    await api.request('DELETE', `/v1/authz/roles/${encodeURIComponent(role)}`, 'delete widened role');
    changes.push(`role ${role} had other permissions; recreated with manage_backups only`);
    existing = undefined;
  }
  if (!existing) {
    await api.request('POST', '/v1/authz/roles', 'create role', {
      name: role,
      permissions: BACKUP_PERMISSIONS,
    });
    changes.push(`created role ${role}`);
  }
  const held = await api.request<string[] | { name: string }[]>(
    'GET',
    `/v1/authz/users/${encodeURIComponent(user)}/roles/db`,
    'read user roles',
  );
  const names = held.map((r) => (typeof r === 'string' ? r : r.name));
  const extra = names.filter((r) => r !== role);
  if (extra.length) {
    await api.request('POST', `/v1/authz/users/${encodeURIComponent(user)}/revoke`, 'revoke roles', {
      roles: extra,
      userType: 'db',
    });
    changes.push(`revoked ${extra.join(', ')} from ${user}`);
  }
  if (!names.includes(role)) {
    await api.request('POST', `/v1/authz/users/${encodeURIComponent(user)}/assign`, 'assign role', {
      roles: [role],
      userType: 'db',
    });
    changes.push(`assigned ${role} to ${user}`);
  }
  return { changes };
}
