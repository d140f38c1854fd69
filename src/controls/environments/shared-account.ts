/** VF-ENV-002: production has an AWS account of its own. */
import type { ControlResult } from '../types.js';
import { environmentLocator, productionOf, type EnvironmentControl } from './types.js';

export const control: EnvironmentControl = {
  id: 'VF-ENV-002',
  area: 'environment',
  title: 'Production does not share an AWS account with another environment',
  severity: 'high',
  rationale:
    "An account is AWS's strongest isolation boundary: IAM policies, service quotas, account-wide settings and the blast radius of a leaked credential all stop at it. A development or staging workload in production's account can be granted production's data by a single policy statement.",
  remediation:
    'Deploy production into an account of its own (`environments.<prod>.account`), separate from every development and staging account.',
  references: [
    'https://docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/benefits-of-using-multiple-aws-accounts.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.IR-01', 'PR.AA-05'],
    'iso-27001-2022': ['A.8.31'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['cloud assembly stack environments'],
  since: '0.1.0',
  check(environments): ControlResult[] {
    return productionOf(environments).map((prod) => {
      const resource = environmentLocator(prod);
      if (prod.account === undefined)
        return {
          status: 'unknown',
          resource,
          message: `the account of ${prod.name} is not stated by its stacks`,
        };
      const others = environments.filter((e) => e !== prod);
      const sharing = others.filter((e) => e.account === prod.account);
      if (sharing.length > 0)
        return {
          status: 'fail',
          resource,
          message: `${prod.name} shares account ${prod.account} with ${sharing.map((e) => e.name).join(', ')}`,
        };
      const undetermined = others.filter((e) => e.account === undefined);
      if (undetermined.length > 0)
        return {
          status: 'unknown',
          resource,
          message: `the accounts of ${undetermined.map((e) => e.name).join(', ')} are not stated by their stacks`,
        };
      return { status: 'pass', resource, message: `${prod.name} is alone in account ${prod.account}` };
    });
  },
};
