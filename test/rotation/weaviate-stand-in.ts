/**
 * A stand-in for Weaviate's static API-key authentication, because no Weaviate runs here. It follows what
 * Weaviate does (usecases/auth/authentication/apikey/client.go, see the reference notes): the allowed keys and
 * users are read once, when the process starts, from AUTHENTICATION_APIKEY_ALLOWED_KEYS / _USERS (here: the
 * roster secret's AWSCURRENT version, which the Secrets Store CSI driver delivers into those variables); keys
 * must be non-empty and unique; users are one per key (same order) or a single user for all keys; a request
 * is accepted when its key is in the list, as the user at the same position.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export class WeaviateStartupError extends Error {
  override readonly name = 'WeaviateStartupError';
}

export class WeaviateStandIn {
  private users = new Map<string, string>();
  /** How many times the stand-in started (each start reads the roster anew). */
  starts = 0;

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly rosterSecretId: string,
  ) {}

  /** A (rolling) restart: the pods read the roster as it is now. */
  async restart(): Promise<void> {
    // The stage is named: moto answers a request without one from the version last written, not the one
    // AWSCURRENT was moved to (the CSI provider names AWSCURRENT too, its default).
    const value = await this.client.send(
      new GetSecretValueCommand({ SecretId: this.rosterSecretId, VersionStage: 'AWSCURRENT' }),
    );
    const roster = JSON.parse(value.SecretString ?? '{}') as { keys?: string; users?: string };
    if (typeof roster.keys !== 'string' || typeof roster.users !== 'string')
      throw new WeaviateStartupError('the roster has no keys or users yet');
    const keys = roster.keys.split(',');
    const users = roster.users.split(',');
    if (keys.some((k) => k === '')) throw new WeaviateStartupError('empty API key');
    if (new Set(keys).size !== keys.length) throw new WeaviateStartupError('API keys must be unique');
    if (users.length !== 1 && users.length !== keys.length)
      throw new WeaviateStartupError('length of users and keys must match');
    this.users = new Map(keys.map((k, i) => [k, users.length === 1 ? users[0]! : users[i]!]));
    this.starts++;
  }

  /** The user a request with this key authenticates as; undefined when Weaviate answers 401. */
  authenticate(key: string | undefined): string | undefined {
    return key === undefined ? undefined : this.users.get(key);
  }
}
