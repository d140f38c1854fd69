/** Client VPN endpoints log every connection attempt to CloudWatch Logs. */
import type { Inventory } from '../../inventory/model.js';
import { boolOf, isUnknownValue, prop, resourcesOfType, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-ACCESS-002',
  area: 'access',
  title: 'Client VPN endpoints log connections to CloudWatch Logs',
  severity: 'medium',
  rationale:
    'Connection logs record who connected, from where, when and with which certificate, including failed attempts; without them a stolen client certificate leaves no trail on the only path to the cluster API.',
  remediation:
    'Set ConnectionLogOptions.Enabled to true with a CloudwatchLogGroup (KMS-encrypted, with retention).',
  references: ['https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/connection-logging.html'],
  frameworks: {
    'nist-csf-2.0': ['PR.PS-04', 'DE.CM-01'],
    'iso-27001-2022': ['A.8.15'],
    soc2: ['CC7.2'],
  },
  appliesTo: ['AWS::EC2::ClientVpnEndpoint'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::ClientVpnEndpoint').map((vpn) => {
      const path = 'ConnectionLogOptions';
      const enabled = boolOf(prop(vpn, `${path}.Enabled`), 'ConnectionLogOptions.Enabled');
      if (isUnknownValue(enabled)) return result(vpn, 'unknown', `Enabled: ${enabled.reason}`, path);
      if (enabled !== true) return result(vpn, 'fail', 'connection logging is off', path);
      if (prop(vpn, `${path}.CloudwatchLogGroup`) == null)
        return result(vpn, 'fail', 'connection logging names no log group', path);
      return result(vpn, 'pass', 'connections are logged to CloudWatch Logs', path);
    });
  },
};
