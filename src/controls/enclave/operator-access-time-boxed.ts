/**
 * No standing operator access: every role the vendor's account may assume, other than the provisioner, is a
 * grant that ends (`DateLessThan aws:CurrentTime` on each trust statement), and a grant past its end fails
 * until it is closed.
 */
import type { Inventory } from '../../inventory/model.js';
import { isSymbolic } from '../../inventory/values.js';
import { resourcesOfType, result, tagOf } from '../network/cfn.js';
import { TAG_ENCLAVE_ROLE } from '../../contract/keys.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { ENCLAVE_FRAMEWORKS } from './scope.js';
import { condition, principalAccounts, trustStatements, vendorAccounts } from './operator-roles.js';

export const control: Control = {
  id: 'VF-ENCLAVE-005',
  area: 'enclave',
  title: 'Operators have no standing access: every grant ends, and none has ended unclosed',
  severity: 'high',
  rationale:
    "The tenant decides when the vendor's people may come in. A role the vendor's account can assume without an end date is standing access; a grant past its end that is still deployed is access someone forgot to close (its role remains, ready to be re-dated).",
  remediation:
    'Give every trust statement that names the vendor\'s account a {"DateLessThan": {"aws:CurrentTime": "<end>"}} condition, and close grants that have ended (`vectorfort grant close`, then deploy).',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-currenttime',
    'https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html',
  ],
  frameworks: { ...ENCLAVE_FRAMEWORKS, 'nist-csf-2.0': ['PR.AA-05'], soc2: ['CC6.2', 'CC6.3'] },
  appliesTo: ['AWS::IAM::Role'],
  since: '0.2.0',
  check(inventory: Inventory, context: CheckContext): ControlResult[] {
    const vendors = vendorAccounts(inventory);
    return resourcesOfType(inventory, 'AWS::IAM::Role').flatMap((role): ControlResult[] => {
      if (tagOf(role, TAG_ENCLAVE_ROLE) === 'provisioner') return [];
      const statements = trustStatements(role);
      const isGrant = tagOf(role, TAG_ENCLAVE_ROLE) === 'grant';
      if (statements === undefined)
        return isGrant
          ? [result(role, 'unknown', 'the trust policy is not determined', 'AssumeRolePolicyDocument')]
          : [];
      const operator = statements.filter((s) => isGrant || principalAccounts(s).some((a) => vendors.has(a)));
      if (operator.length === 0) return [];
      const path = 'AssumeRolePolicyDocument.Statement';
      const ends = operator.map((s) => condition(s, 'DateLessThan', 'aws:CurrentTime'));
      if (ends.some((e) => e === undefined))
        return [
          result(role, 'fail', "the vendor's account may assume it with no end date (standing access)", path),
        ];
      if (ends.some((e) => isSymbolic(e) || typeof e !== 'string' || Number.isNaN(Date.parse(e))))
        return [result(role, 'unknown', 'the end of the grant is not determined', path)];
      const last = (ends as string[]).map((e) => Date.parse(e)).reduce((a, b) => Math.max(a, b));
      const end = new Date(last).toISOString();
      if (last <= context.now.getTime())
        return [
          result(role, 'fail', `the grant ended at ${end} and is still deployed: close it and deploy`, path),
        ];
      return [result(role, 'pass', `a time-boxed grant, ending ${end}`, path)];
    });
  },
};
