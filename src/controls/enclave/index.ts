/** The enclave controls, in id order. Each control lives in its own file in this directory. */
import type { Control } from '../types.js';
import { control as noNatGateway } from './no-nat-gateway.js';
import { control as noPublicIpv4 } from './no-public-ipv4.js';
import { control as noInternetGateway } from './no-internet-gateway.js';
import { control as provisionerRole } from './provisioner-role.js';
import { control as operatorAccessTimeBoxed } from './operator-access-time-boxed.js';

export const controls: readonly Control[] = [
  noNatGateway,
  noPublicIpv4,
  noInternetGateway,
  provisionerRole,
  operatorAccessTimeBoxed,
];
