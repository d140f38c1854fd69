/** The reachability proof controls, in id order (one per file). */
import type { Control } from '../../types.js';
import { control as apiAccess } from './api-access.js';
import { control as defenseInDepth } from './defense-in-depth.js';
import { control as exfiltration } from './exfiltration.js';
import { control as instanceMetadata } from './instance-metadata.js';
import { control as intendedFlows } from './intended-flows.js';
import { control as internetEgress } from './internet-egress.js';
import { control as internetExposure } from './internet-exposure.js';
import { control as internetIsolation } from './internet-isolation.js';
import { control as namespaceIsolation } from './namespace-isolation.js';
import { control as transit } from './transit.js';
import { control as unnamedFlows } from './unnamed-flows.js';
import { control as ipv6InternetIsolation } from './ipv6-internet-isolation.js';
import { control as enclaveEgress } from './enclave-egress.js';

export const proofControls: readonly Control[] = [
  intendedFlows,
  unnamedFlows,
  internetIsolation,
  exfiltration,
  instanceMetadata,
  namespaceIsolation,
  apiAccess,
  internetExposure,
  internetEgress,
  defenseInDepth,
  transit,
  ipv6InternetIsolation,
  enclaveEgress,
];
