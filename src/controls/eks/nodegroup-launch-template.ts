/** Managed node groups use a launch template that locks the metadata service down (IMDSv2, one hop). */
import type { Inventory } from '../../inventory/model.js';
import {
  isUnknownValue,
  numberOf,
  passIfCertain,
  prop,
  resourcesOfType,
  result,
  show,
  stringOf,
  target,
} from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EKS-016',
  area: 'eks',
  title: 'EKS node groups use a launch template requiring IMDSv2 with a hop limit of 1',
  severity: 'high',
  rationale:
    "Without a launch template, EKS launches nodes with its own template, which leaves the metadata hop limit at 2 so every pod can obtain the node role's credentials. The node group is only as locked down as the template it names.",
  remediation:
    'Give the AWS::EKS::Nodegroup a LaunchTemplate whose MetadataOptions set HttpTokens required and HttpPutResponseHopLimit 1.',
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html',
    'https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.170'],
    'cis-eks-1.8': ['5.2.1'],
    'nist-csf-2.0': ['PR.AA-05'],
    'iso-27001-2022': ['A.8.9'],
    soc2: ['CC6.3'],
  },
  appliesTo: ['AWS::EKS::Nodegroup', 'AWS::EC2::LaunchTemplate'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EKS::Nodegroup').map((r) => {
      const spec = prop(r, 'LaunchTemplate');
      if (spec === undefined)
        return result(
          r,
          'fail',
          "no launch template: EKS's default template leaves the metadata hop limit at 2",
          'LaunchTemplate',
        );
      const lt = target(inventory, prop(r, 'LaunchTemplate.Id') ?? prop(r, 'LaunchTemplate.Name'));
      if (!lt || lt.type !== 'AWS::EC2::LaunchTemplate')
        return result(
          r,
          'unknown',
          `the launch template ${show(spec)} is not in the inventory`,
          'LaunchTemplate',
        );
      const base = 'LaunchTemplateData.MetadataOptions';
      if (stringOf(prop(lt, `${base}.HttpEndpoint`)) === 'disabled')
        return passIfCertain(r, lt, `${lt.key} disables the metadata service`, 'LaunchTemplate');
      const tokens = stringOf(prop(lt, `${base}.HttpTokens`), 'HttpTokens');
      const hops = numberOf(prop(lt, `${base}.HttpPutResponseHopLimit`), 'HttpPutResponseHopLimit');
      if (isUnknownValue(tokens))
        return result(r, 'unknown', `${lt.key} HttpTokens: ${tokens.reason}`, 'LaunchTemplate');
      if (isUnknownValue(hops))
        return result(r, 'unknown', `${lt.key} hop limit: ${hops.reason}`, 'LaunchTemplate');
      const problems = [
        ...(tokens !== 'required' ? [`HttpTokens is ${tokens ?? 'not set'}`] : []),
        ...(hops === undefined || hops > 1
          ? [`the hop limit is ${hops ?? 'not set (the AMI decides, 2 for EKS AMIs)'}`]
          : []),
      ];
      return problems.length > 0
        ? result(r, 'fail', `${lt.key}: ${problems.join('; ')}`, 'LaunchTemplate')
        : passIfCertain(r, lt, `${lt.key} requires IMDSv2 with a hop limit of 1`, 'LaunchTemplate');
    });
  },
};
