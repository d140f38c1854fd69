/**
 * What counts as a credential in Weaviate's settings: the variables that carry API keys, passwords, tokens and
 * cloud keys (Weaviate's modules name theirs `<PROVIDER>_APIKEY` or `<PROVIDER>_TOKEN`), and the config file's
 * fields that hold secrets. Values are never shown: only names and counts.
 */
import { getPath } from '../../inventory/values.js';

const CREDENTIAL_VARIABLES = new Set([
  'AUTHENTICATION_APIKEY_ALLOWED_KEYS',
  'AUTHENTICATION_DB_USERS_ENABLED_KEYS',
  'AWS_SECRET_KEY',
  'AZURE_STORAGE_CONNECTION_STRING',
]);

const CREDENTIAL_SUFFIX =
  /_(?:APIKEY|API_KEY|TOKEN|SECRET|CLIENT_SECRET|PASSWORD|SECRET_ACCESS_KEY|SECRET_KEY|STORAGE_KEY|PRIVATE_KEY)$/;

/** Whether a variable (or a ConfigMap key used as one) holds a credential. */
export function isCredentialVariable(name: string): boolean {
  return CREDENTIAL_VARIABLES.has(name) || CREDENTIAL_SUFFIX.test(name);
}

/** The config file's fields that hold secrets (usecases/config `StaticAPIKey`, usecases/cluster `BasicAuth`). */
const CREDENTIAL_FIELDS = ['authentication.apikey.allowed_keys', 'cluster.auth.basic.password'];

/** The credential fields a parsed config file sets, each with how many values it holds. */
export function credentialFields(values: unknown): { path: string; count: number }[] {
  const out: { path: string; count: number }[] = [];
  for (const path of CREDENTIAL_FIELDS) {
    const value = getPath(values as never, path);
    const count = Array.isArray(value)
      ? value.filter((v) => v !== null && v !== '').length
      : value !== undefined && value !== null && value !== ''
        ? 1
        : 0;
    if (count > 0) out.push({ path, count });
  }
  return out;
}

export function describeFields(fields: readonly { path: string; count: number }[]): string {
  return fields.map((f) => `${f.path} (${f.count} ${f.count === 1 ? 'value' : 'values'})`).join(' and ');
}
