/** The VPC Lattice controls: auth type, auth policies, access logs, listener TLS, and the consumers proved. */
import type { Control } from '../types.js';
import { control as accessLogs } from './access-logs.js';
import { control as authPolicyConditions } from './auth-policy-conditions.js';
import { control as authType } from './auth-type.js';
import { control as consumersProven } from './consumers-proven.js';
import { control as listenerTls } from './listener-tls.js';

export const controls: readonly Control[] = [
  authType,
  authPolicyConditions,
  accessLogs,
  listenerTls,
  consumersProven,
];
