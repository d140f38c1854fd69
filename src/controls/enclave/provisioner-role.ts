/** The vendor's provisioner role requires the tenant's external ID and carries a permissions boundary. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknownValue, prop, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { ENCLAVE_FRAMEWORKS } from './scope.js';
import { condition, provisionerRoles, trustStatements } from './operator-roles.js';

export const control: Control = {
  id: 'VF-ENCLAVE-004',
  area: 'enclave',
  title: "The vendor's provisioner role requires an external ID and has a permissions boundary",
  severity: 'high',
  rationale:
    "Without an external ID a vendor serving many tenants can be tricked into using one tenant's role for another (the confused deputy); without a permissions boundary the role's own policies are its only limit, and whoever can edit them owns the account.",
  remediation:
    'Add Condition {"StringEquals": {"sts:ExternalId": "<per-tenant id>"}} to every trust statement of the role and set PermissionsBoundary to the enclave boundary policy.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  ],
  frameworks: { ...ENCLAVE_FRAMEWORKS, 'nist-csf-2.0': ['PR.AA-05'] },
  appliesTo: ['AWS::IAM::Role'],
  since: '0.2.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return provisionerRoles(inventory).map((role) => {
      const statements = trustStatements(role);
      if (statements === undefined)
        return result(role, 'unknown', 'the trust policy is not determined', 'AssumeRolePolicyDocument');
      const withoutId = statements.filter((s) => {
        const id = condition(s, 'StringEquals', 'sts:ExternalId');
        return id === undefined || (typeof id === 'string' && id.length < 2);
      });
      const boundary = prop(role, 'PermissionsBoundary');
      const problems = [
        ...(statements.length === 0 ? ['no trust statement'] : []),
        ...(withoutId.length
          ? [`${withoutId.length} trust statement(s) without an sts:ExternalId condition`]
          : []),
        ...(boundary === undefined ? ['no permissions boundary'] : []),
      ];
      if (problems.length)
        return result(role, 'fail', problems.join('; '), 'AssumeRolePolicyDocument.Statement');
      if (isUnknownValue(stringOf(boundary)) && typeof boundary !== 'object')
        return result(role, 'unknown', 'the permissions boundary is not determined', 'PermissionsBoundary');
      return result(role, 'pass', 'assumable only with the external ID; capped by a permissions boundary');
    });
  },
};
