/** AutoScaling.3 / EC2.8: launch configurations require IMDSv2, whether or not a group in the input uses them. */
import type { Inventory } from '../../inventory/model.js';
import { ASSUMPTIONS, assuming } from '../assumptions.js';
import { isUnknownValue, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EKS-019',
  area: 'eks',
  title: 'Launch configurations require IMDSv2',
  severity: 'high',
  rationale:
    "IMDSv1 answers any GET, so a server-side request forgery on an instance launched from the configuration can read its role's credentials. A launch configuration may be used by a group in another stack, so it is checked on its own.",
  remediation:
    'Set MetadataOptions.HttpTokens to required on the AWS::AutoScaling::LaunchConfiguration, or better, replace it with an AWS::EC2::LaunchTemplate that requires IMDSv2.',
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-3',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-launchconfiguration-metadataoptions.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
  ],
  frameworks: {
    'aws-fsbp': ['AutoScaling.3', 'EC2.8'],
    'nist-csf-2.0': ['PR.AA-05', 'PR.PS-01'],
    'iso-27001-2022': ['A.8.9'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::AutoScaling::LaunchConfiguration'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::AutoScaling::LaunchConfiguration').map((r) => {
      const endpoint = stringOf(prop(r, 'MetadataOptions.HttpEndpoint'), 'HttpEndpoint');
      if (endpoint === 'disabled')
        return result(r, 'pass', 'the instance metadata service is disabled', 'MetadataOptions.HttpEndpoint');
      const path = 'MetadataOptions.HttpTokens';
      const tokens = stringOf(prop(r, path), 'HttpTokens');
      if (tokens === undefined)
        return assuming(
          result(
            r,
            'fail',
            'HttpTokens is not set: IMDSv1 stays available unless the AMI says otherwise',
            path,
          ),
          ASSUMPTIONS.imdsAmiDefault,
        );
      if (isUnknownValue(tokens)) return result(r, 'unknown', `HttpTokens: ${tokens.reason}`, path);
      return tokens === 'required'
        ? result(r, 'pass', 'IMDSv2 is required', path)
        : result(r, 'fail', `HttpTokens is ${tokens}: IMDSv1 is available`, path);
    });
  },
};
