/**
 * The values of the key secrets, and how one version follows another.
 *
 * Each Weaviate user has its own secret. A complete version names the key the client uses now (`key`), the key
 * it used before (`previousKey`, absent until the second rotation) and the key it will use after the next
 * rotation (`nextKey`), and lists all three for Weaviate (`allowedKeys`, with `allowedUsers` the same user once
 * per key, the form Weaviate's AUTHENTICATION_APIKEY_ALLOWED_KEYS / _USERS take).
 *
 * Announcing the next key one rotation ahead is what lets Weaviate, which reads its keys only when it starts,
 * accept a new key the moment clients get it: the key a rotation hands out was already in the list of the
 * version before. A rotation therefore never needs Weaviate to reload to keep the current and the previous key
 * working; Weaviate must only have started once since the previous rotation (docs/api-key-rotation.md).
 *
 * The first version, which CloudFormation generates, holds only `user` and `key`; the first rotation completes
 * it without changing `key`, so a client that already fetched the key keeps it.
 */
export interface KeyVersion {
  readonly user: string;
  readonly key: string;
  readonly previousKey?: string;
  readonly nextKey?: string;
  readonly allowedKeys?: string;
  readonly allowedUsers?: string;
}

/** The roster Weaviate reads: every user's allowed keys, comma-separated, users in the same positions. */
export interface Roster {
  readonly keys: string;
  readonly users: string;
}

/** A secret value that is not what this function writes: rotation stops rather than guess. */
export class InvalidKeyVersionError extends Error {
  override readonly name = 'InvalidKeyVersionError';
}

const KEY = /^[A-Za-z0-9]{32,}$/;
const USER = /^[A-Za-z0-9@._-]+$/;

/**
 * Parses and checks a version of a user's key secret (`what` names it in errors). `expectedUser`, when given,
 * is the user the secret belongs to: a first version without `user` (a secret generated as `{"key"}`) takes it,
 * and a version naming another user is refused.
 */
export function parseKeyVersion(text: string | undefined, what: string, expectedUser?: string): KeyVersion {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    throw new InvalidKeyVersionError(`${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidKeyVersionError(`${what} is not a JSON object`);
  const v = { ...(value as Record<string, unknown>) };
  if (expectedUser !== undefined) {
    if (v.user === undefined) v.user = expectedUser;
    else if (v.user !== expectedUser)
      throw new InvalidKeyVersionError(`${what} belongs to ${String(v.user)}, not ${expectedUser}`);
  }
  const text_ = (field: string, required: boolean, pattern: RegExp): string | undefined => {
    const f = v[field];
    if (f === undefined && !required) return undefined;
    if (typeof f !== 'string' || !pattern.test(f))
      throw new InvalidKeyVersionError(`${what}: ${field} is missing or not of the expected form`);
    return f;
  };
  const version: KeyVersion = {
    user: text_('user', true, USER)!,
    key: text_('key', true, KEY)!,
    previousKey: text_('previousKey', false, KEY),
    nextKey: text_('nextKey', false, KEY),
    allowedKeys: typeof v.allowedKeys === 'string' ? v.allowedKeys : undefined,
    allowedUsers: typeof v.allowedUsers === 'string' ? v.allowedUsers : undefined,
  };
  if (version.nextKey !== undefined) checkComplete(version, what);
  return version;
}

/** A complete version: distinct keys, and the lists Weaviate reads exactly as the keys say. */
function checkComplete(v: KeyVersion, what: string): void {
  const keys = allowedOf(v);
  if (new Set(keys).size !== keys.length)
    throw new InvalidKeyVersionError(`${what}: its keys are not distinct`);
  if (v.allowedKeys !== keys.join(','))
    throw new InvalidKeyVersionError(`${what}: allowedKeys does not list previousKey, key and nextKey`);
  if (v.allowedUsers !== keys.map(() => v.user).join(','))
    throw new InvalidKeyVersionError(`${what}: allowedUsers does not name the user once per key`);
}

function allowedOf(v: { previousKey?: string; key: string; nextKey?: string }): string[] {
  return [v.previousKey, v.key, v.nextKey].filter((k): k is string => k !== undefined);
}

function complete(user: string, previousKey: string | undefined, key: string, nextKey: string): KeyVersion {
  const keys = allowedOf({ previousKey, key, nextKey });
  return {
    user,
    key,
    ...(previousKey !== undefined ? { previousKey } : {}),
    nextKey,
    allowedKeys: keys.join(','),
    allowedUsers: keys.map(() => user).join(','),
  };
}

/**
 * The version after `current`, with `fresh` as the key announced for the rotation after it. From a complete
 * version the announced key becomes the client's key; from the first (generated) version the key stays.
 */
export function nextVersion(current: KeyVersion, fresh: string): KeyVersion {
  if (!KEY.test(fresh)) throw new InvalidKeyVersionError('the generated key is not of the expected form');
  if (current.nextKey === undefined) return complete(current.user, undefined, current.key, fresh);
  return complete(current.user, current.key, current.nextKey, fresh);
}

/**
 * Whether Weaviate, running with `current`'s keys, already accepts the client key of `pending`: the key stays
 * the same (the first rotation), or it is the key `current` announced.
 */
export function announcedBy(current: KeyVersion, pending: KeyVersion): boolean {
  return pending.key === current.key || pending.key === current.nextKey;
}

/** Every user's allowed keys, in the given order. Users whose first rotation has not run hold back the roster. */
export function rosterOf(versions: readonly KeyVersion[]): Roster {
  if (versions.length === 0) throw new InvalidKeyVersionError('there are no user key secrets');
  const users = new Set<string>();
  for (const v of versions) {
    if (v.nextKey === undefined)
      throw new InvalidKeyVersionError(`the key of ${v.user} has not been rotated once yet`);
    if (users.has(v.user)) throw new InvalidKeyVersionError(`${v.user} has two key secrets`);
    users.add(v.user);
  }
  return {
    keys: versions.map((v) => v.allowedKeys!).join(','),
    users: versions.map((v) => v.allowedUsers!).join(','),
  };
}

/** Parses a roster version. */
export function parseRoster(text: string | undefined, what: string): Roster | undefined {
  try {
    const v = JSON.parse(text ?? '') as Record<string, unknown>;
    if (typeof v?.keys === 'string' && typeof v.users === 'string') return { keys: v.keys, users: v.users };
  } catch {
    // not a roster yet: the generated first version
  }
  void what;
  return undefined;
}
