/**
 * Interface endpoints of AWS services carry a policy narrower than full access: without one, any principal of
 * any account may use the endpoint, so credentials from another account carry data out over the VPC's own
 * private path. A statement that allows every action to everyone without a condition is full access too.
 */
import type { Inventory } from '../../inventory/model.js';
import { isUnknown, type SymbolicValue } from '../../inventory/values.js';
import { effectIs, includesAny, principalIsEveryone } from '../data/statement-terms.js';
import { allOf, type Maybe } from '../maybe.js';
import { isObject, prop, resourcesOfType, result } from './cfn.js';
import { endpointPolicy, openStatement } from './endpoint-policy.js';
import { endpointService, endpointType } from './endpoints.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

/** Whether a statement allows every action to everyone, without conditions. */
function fullAccess(statement: SymbolicValue): Maybe {
  if (!isObject(statement)) return 'no';
  const condition = statement.Condition;
  return allOf(
    effectIs(statement, 'Allow'),
    condition === undefined ? 'yes' : isUnknown(condition) ? 'maybe' : 'no',
    principalIsEveryone(statement.Principal),
    includesAny(statement.Action, ['*']),
  );
}

export const control: Control = {
  id: 'VF-NETWORK-014',
  area: 'network',
  title: 'Interface VPC endpoints carry a policy narrower than full access',
  severity: 'medium',
  rationale:
    "An interface endpoint without a policy gets AWS's default full-access policy: any principal of any account may call the service through it. Credentials of another account (an attacker's) then move data out of the private subnets over the endpoint, where no NAT, proxy or firewall sees it. A policy admitting only this account's principals and the actions the workloads use closes that path.",
  remediation:
    'Give each AWS::EC2::VPCEndpoint of type Interface a PolicyDocument that allows only the actions the workloads call, with Condition StringEquals aws:PrincipalAccount set to the account (or aws:PrincipalOrgID to the organization).',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
    'iso-27001-2022': ['A.8.3', 'A.8.20'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  appliesTo: ['AWS::EC2::VPCEndpoint'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::VPCEndpoint')
      .filter((e) => endpointType(e) === 'Interface')
      .map((e) => {
        const service = endpointService(e);
        if (service === undefined)
          return isUnknown(prop(e, 'ServiceName'))
            ? result(e, 'unknown', 'the service name is undetermined', 'ServiceName')
            : result(
                e,
                'not-applicable',
                'not an AWS service: endpoint policies do not apply',
                'ServiceName',
              );
        const policy = endpointPolicy(e);
        if (policy.kind === 'absent')
          return result(
            e,
            'fail',
            `no PolicyDocument: any principal of any account may call ${service} through the endpoint`,
            'PolicyDocument',
          );
        if (policy.kind === 'undetermined')
          return result(e, 'unknown', `the policy: ${policy.reason}`, 'PolicyDocument');
        const list = policy.statements;
        if (list.length === 0)
          return result(e, 'fail', 'the policy has no statement', 'PolicyDocument.Statement');
        const open = openStatement(list, fullAccess);
        if (open)
          return open.certainty === 'yes'
            ? result(
                e,
                'fail',
                `statement ${open.index} allows every action to everyone`,
                `PolicyDocument.Statement.${open.index}`,
              )
            : result(
                e,
                'unknown',
                `statement ${open.index} may allow every action to everyone: one of its terms is undetermined`,
                `PolicyDocument.Statement.${open.index}`,
              );
        return result(
          e,
          'pass',
          `the policy has ${list.length} scoped statement(s) for ${service}`,
          'PolicyDocument',
        );
      });
  },
};
