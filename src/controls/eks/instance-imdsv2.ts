/** EC2.8: instances and auto scaling groups (self-managed nodes) require IMDSv2 with a hop limit of 1. */
import type { CfnResource, Inventory } from '../../inventory/model.js';
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

/** Problems with metadata options (`MetadataOptions` of a launch template's data or a launch configuration). */
function metadataProblems(owner: CfnResource, base: string): string[] | string {
  const get = (k: string) => prop(owner, `${base}.${k}`);
  if (stringOf(get('HttpEndpoint')) === 'disabled') return [];
  const tokens = stringOf(get('HttpTokens'), 'HttpTokens');
  const hops = numberOf(get('HttpPutResponseHopLimit'), 'HttpPutResponseHopLimit');
  if (isUnknownValue(tokens)) return `HttpTokens: ${tokens.reason}`;
  if (isUnknownValue(hops)) return `HttpPutResponseHopLimit: ${hops.reason}`;
  return [
    ...(tokens !== 'required' ? [`HttpTokens is ${tokens ?? 'not set (IMDSv1 available)'}`] : []),
    ...(hops !== undefined && hops > 1 ? [`the hop limit is ${hops}`] : []),
  ];
}

export const control: Control = {
  id: 'VF-EKS-017',
  area: 'eks',
  title: 'EC2 instances and auto scaling groups (self-managed nodes) require IMDSv2',
  severity: 'high',
  rationale:
    "IMDSv1 hands the instance role's credentials to any server-side request forgery. CloudFormation instances can only set metadata options through a launch template, so an instance or auto scaling group without one (or with a launch configuration that does not require tokens) keeps IMDSv1.",
  remediation:
    'Launch instances and auto scaling groups from an AWS::EC2::LaunchTemplate with MetadataOptions HttpTokens required and HttpPutResponseHopLimit 1 (or set MetadataOptions on the launch configuration).',
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.8'],
    'nist-csf-2.0': ['PR.AA-05', 'PR.PS-01'],
    'iso-27001-2022': ['A.8.9'],
    soc2: ['CC6.1'],
  },
  appliesTo: [
    'AWS::EC2::Instance',
    'AWS::AutoScaling::AutoScalingGroup',
    'AWS::AutoScaling::LaunchConfiguration',
  ],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const evaluate = (r: CfnResource, templatePath: string): ControlResult => {
      const spec = prop(r, templatePath);
      const configName =
        r.type === 'AWS::AutoScaling::AutoScalingGroup' ? prop(r, 'LaunchConfigurationName') : undefined;
      const source = target(
        inventory,
        spec !== undefined
          ? (prop(r, `${templatePath}.LaunchTemplateId`) ?? prop(r, `${templatePath}.LaunchTemplateName`))
          : configName,
      );
      if (spec === undefined && configName === undefined)
        return result(
          r,
          'fail',
          'no launch template: CloudFormation cannot require IMDSv2 on this instance otherwise',
        );
      if (!source)
        return result(
          r,
          'unknown',
          `the launch template ${show(spec ?? configName)} is not in the inventory`,
        );
      const base =
        source.type === 'AWS::EC2::LaunchTemplate' ? 'LaunchTemplateData.MetadataOptions' : 'MetadataOptions';
      const problems = metadataProblems(source, base);
      if (typeof problems === 'string') return result(r, 'unknown', `${source.key}: ${problems}`);
      return problems.length > 0
        ? result(r, 'fail', `${source.key}: ${problems.join('; ')}`)
        : passIfCertain(r, source, `${source.key} requires IMDSv2`);
    };
    return [
      ...resourcesOfType(inventory, 'AWS::EC2::Instance').map((r) => evaluate(r, 'LaunchTemplate')),
      ...resourcesOfType(inventory, 'AWS::AutoScaling::AutoScalingGroup').map((r) =>
        evaluate(
          r,
          prop(r, 'MixedInstancesPolicy') !== undefined
            ? 'MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification'
            : 'LaunchTemplate',
        ),
      ),
    ];
  },
};
