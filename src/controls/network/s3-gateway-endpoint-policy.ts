/** S3 gateway endpoints carry a policy narrower than full access. */
import type { Inventory } from '../../inventory/model.js';
import { isUnknown, type SymbolicValue } from '../../inventory/values.js';
import { effectIs, includesAny, principalIsEveryone } from '../data/statement-terms.js';
import { allOf, type Maybe } from '../maybe.js';
import { isObject, resourcesOfType, result } from './cfn.js';
import { endpointPolicy, openStatement } from './endpoint-policy.js';
import { endpointService, endpointType } from './endpoints.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

/** Whether a statement allows every S3 action on every resource to everyone, without conditions. */
function fullAccess(statement: SymbolicValue): Maybe {
  if (!isObject(statement)) return 'no';
  const condition = statement.Condition;
  return allOf(
    effectIs(statement, 'Allow'),
    condition === undefined ? 'yes' : isUnknown(condition) ? 'maybe' : 'no',
    principalIsEveryone(statement.Principal),
    includesAny(statement.Action, ['*', 's3:*']),
    includesAny(statement.Resource, ['*']),
  );
}

export const control: Control = {
  id: 'VF-NETWORK-012',
  area: 'network',
  title: 'S3 gateway endpoints restrict which buckets and actions they serve',
  severity: 'medium',
  rationale:
    'An S3 gateway endpoint without a policy lets anything in the VPC write to any bucket in any account: the classic exfiltration path from a private subnet. A policy naming the needed buckets (ECR layers, own backups) closes it.',
  remediation:
    "Give the AWS::EC2::VPCEndpoint for s3 a PolicyDocument that allows only the needed actions on the needed bucket ARNs (ECR's prod-<region>-starport-layer-bucket, the backup bucket).",
  references: [
    'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html#vpc-endpoints-policies-s3',
    'https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-01', 'PR.IR-01'],
    'iso-27001-2022': ['A.8.12', 'A.8.21'],
    soc2: ['CC6.7', 'C1.1'],
  },
  appliesTo: ['AWS::EC2::VPCEndpoint'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::VPCEndpoint')
      .filter((e) => endpointService(e) === 's3' && endpointType(e) === 'Gateway')
      .map((e) => {
        const policy = endpointPolicy(e);
        if (policy.kind === 'absent')
          return result(
            e,
            'fail',
            'no PolicyDocument: the endpoint allows every S3 action on every bucket',
            'PolicyDocument',
          );
        if (policy.kind === 'undetermined')
          return result(e, 'unknown', `the policy: ${policy.reason}`, 'PolicyDocument');
        const list = policy.statements;
        const open = openStatement(list, fullAccess);
        if (open)
          return open.certainty === 'yes'
            ? result(
                e,
                'fail',
                `statement ${open.index} allows s3:* on * to everyone`,
                `PolicyDocument.Statement.${open.index}`,
              )
            : result(
                e,
                'unknown',
                `statement ${open.index} may allow s3:* on * to everyone: one of its terms is undetermined`,
                `PolicyDocument.Statement.${open.index}`,
              );
        return result(e, 'pass', `the policy has ${list.length} scoped statement(s)`, 'PolicyDocument');
      });
  },
};
