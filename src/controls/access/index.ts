/** The access controls, in id order. Each control lives in its own file in this directory. */
import type { Control } from '../types.js';
import { control as adminRoleMfa } from './admin-role-mfa.js';
import { control as apiFromAdminRanges } from './api-from-admin-ranges.js';
import { control as clientVpnLogging } from './client-vpn-logging.js';
import { control as clientVpnMutualTls } from './client-vpn-mutual-tls.js';

export const controls: readonly Control[] = [
  clientVpnMutualTls,
  clientVpnLogging,
  adminRoleMfa,
  apiFromAdminRanges,
];
