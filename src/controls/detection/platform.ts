/**
 * Account-level detection services are often run by the organisation rather than by the stack. When a stack
 * that runs a workload (an EKS cluster) declares none, the controls report `unknown` on the cluster: the
 * templates cannot show whether an organisation-wide trail, detector or recorder covers the account.
 */
import type { Inventory } from '../../inventory/model.js';
import { resourcesOfType, result } from '../network/cfn.js';
import type { ControlResult } from '../types.js';

export function absentResults(inventory: Inventory, what: string): ControlResult[] {
  return resourcesOfType(inventory, 'AWS::EKS::Cluster').map((c) =>
    result(
      c,
      'unknown',
      `no ${what} in these templates; an organisation-wide one may cover the account, which the templates cannot show`,
    ),
  );
}
