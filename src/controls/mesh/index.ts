/** The mesh controls, in id order. Each control lives in its own file in this directory. */
import type { Control } from '../types.js';
import { control as defaultDenyAuthorization } from './default-deny-authorization.js';
import { control as noAllowAllAuthorization } from './no-allow-all-authorization.js';
import { control as peerAuthenticationStrict } from './peer-authentication-strict.js';
import { control as sidecarInjection } from './sidecar-injection.js';
import { control as accessLogs } from './access-logs.js';

export const controls: readonly Control[] = [
  peerAuthenticationStrict,
  noAllowAllAuthorization,
  defaultDenyAuthorization,
  sidecarInjection,
  accessLogs,
];
