/** Client VPN endpoints authenticate every client with a certificate (mutual TLS). */
import type { Inventory } from '../../inventory/model.js';
import { isObject, isUnknownValue, listOf, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-ACCESS-001',
  area: 'access',
  title: 'Client VPN endpoints require mutual TLS (a client certificate) for every connection',
  severity: 'high',
  rationale:
    "The VPN is the only way to the private cluster API. Password or federated login alone can be phished or sprayed from anywhere; requiring a certificate from the organisation's client CA binds every connection to an issued device credential (SAML can be added on top).",
  remediation:
    'Add an AuthenticationOptions entry of Type certificate-authentication with MutualAuthentication.ClientRootCertificateChainArn (the client root CA in ACM); keep federated-authentication as the second factor if used.',
  references: [
    'https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/mutual.html',
    'https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/client-authentication.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.AA-03'],
    'iso-27001-2022': ['A.8.5'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::EC2::ClientVpnEndpoint'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::ClientVpnEndpoint').map((vpn) => {
      const path = 'AuthenticationOptions';
      const options = listOf(prop(vpn, path), path);
      if (isUnknownValue(options))
        return result(vpn, 'unknown', `AuthenticationOptions: ${options.reason}`, path);
      const types: string[] = [];
      for (const o of options ?? []) {
        if (!isObject(o)) return result(vpn, 'unknown', 'an authentication option is not determined', path);
        const type = stringOf(o.Type, 'Type');
        if (isUnknownValue(type)) return result(vpn, 'unknown', `Type: ${type.reason}`, path);
        if (type !== 'certificate-authentication') {
          if (type) types.push(type);
          continue;
        }
        const root = isObject(o.MutualAuthentication)
          ? stringOf(o.MutualAuthentication.ClientRootCertificateChainArn, 'ClientRootCertificateChainArn')
          : undefined;
        if (root === undefined)
          return result(vpn, 'fail', 'certificate authentication names no client root CA', path);
        return result(
          vpn,
          'pass',
          `clients present a certificate of the client root CA${types.length ? ` (plus ${types.join(', ')})` : ''}`,
          path,
        );
      }
      return result(
        vpn,
        'fail',
        types.length
          ? `clients authenticate with ${types.join(', ')} only, without a certificate`
          : 'no authentication option',
        path,
      );
    });
  },
};
