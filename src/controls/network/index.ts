/** The network controls, in id order. Each control lives in its own file in this directory. */
import type { Control } from '../types.js';
import { control as defaultSecurityGroup } from './default-security-group.js';
import { control as endpointPrivateDns } from './endpoint-private-dns.js';
import { control as flowLogs } from './flow-logs.js';
import { control as interfaceEndpointPolicy } from './interface-endpoint-policy.js';
import { control as interfaceEndpoints } from './interface-endpoints.js';
import { control as isolatedNoInternetRoute } from './isolated-no-internet-route.js';
import { control as naclAdminPorts } from './nacl-admin-ports.js';
import { control as s3GatewayEndpointPolicy } from './s3-gateway-endpoint-policy.js';
import { control as sgEgressIntended } from './sg-egress-intended.js';
import { control as sgAdminPorts } from './sg-admin-ports.js';
import { control as sgOpenIngress } from './sg-open-ingress.js';
import { control as subnetCustomNacl } from './subnet-custom-nacl.js';
import { control as subnetNoPublicIp } from './subnet-no-public-ip.js';
import { control as subnetPublicIpTier } from './subnet-public-ip-tier.js';

export const controls: readonly Control[] = [
  flowLogs,
  subnetPublicIpTier,
  subnetNoPublicIp,
  isolatedNoInternetRoute,
  defaultSecurityGroup,
  sgOpenIngress,
  sgAdminPorts,
  naclAdminPorts,
  subnetCustomNacl,
  interfaceEndpoints,
  endpointPrivateDns,
  s3GatewayEndpointPolicy,
  sgEgressIntended,
  interfaceEndpointPolicy,
];
