/**
 * A stand-in for one Weaviate pod's static API-key authentication, because no Weaviate runs here. It follows what
 * Weaviate does (usecases/auth/authentication/apikey/client.go, see the reference notes): the allowed keys and
 * users are read once, when the process starts, from AUTHENTICATION_APIKEY_ALLOWED_KEYS / _USERS (here: the
 * values of the synced Kubernetes Secret at the pod's start); keys must be non-empty and unique; users are one
 * per key (same order) or a single user for all keys; a request is accepted when its key is in the list, as the
 * user at the same position.
 */

export class WeaviateStartupError extends Error {
  override readonly name = 'WeaviateStartupError';
}

export class WeaviatePod {
  private readonly users: Map<string, string>;

  /** Starts the pod with the environment's key and user lists; throws as Weaviate refuses to start. */
  constructor(keysVariable: string | undefined, usersVariable: string | undefined) {
    if (typeof keysVariable !== 'string' || typeof usersVariable !== 'string')
      throw new WeaviateStartupError('the roster has no keys or users yet');
    const keys = keysVariable.split(',');
    const users = usersVariable.split(',');
    if (keys.some((k) => k === '')) throw new WeaviateStartupError('empty API key');
    if (new Set(keys).size !== keys.length) throw new WeaviateStartupError('API keys must be unique');
    if (users.length !== 1 && users.length !== keys.length)
      throw new WeaviateStartupError('length of users and keys must match');
    this.users = new Map(keys.map((k, i) => [k, users.length === 1 ? users[0]! : users[i]!]));
  }

  /** The user a request with this key authenticates as; undefined when Weaviate answers 401. */
  authenticate(key: string | undefined): string | undefined {
    return key === undefined ? undefined : this.users.get(key);
  }
}
