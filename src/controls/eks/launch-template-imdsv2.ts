/** EC2.170 / EC2.8: launch templates require IMDSv2 session tokens. */
import type { Inventory } from '../../inventory/model.js';
import { ASSUMPTIONS, assuming } from '../assumptions.js';
import { isUnknownValue, prop, resourcesOfType, result, stringOf } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

export const control: Control = {
  id: 'VF-EKS-010',
  area: 'eks',
  title: 'Launch templates require IMDSv2',
  severity: 'high',
  rationale:
    "IMDSv1 answers any GET, so a server-side request forgery in any pod or process can read the node role's credentials. IMDSv2 needs a PUT-obtained session token that such requests cannot get.",
  remediation:
    'Set LaunchTemplateData.MetadataOptions.HttpTokens to required on the AWS::EC2::LaunchTemplate (CDK: requireImdsv2: true).',
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-170',
  ],
  frameworks: {
    'aws-fsbp': ['EC2.170', 'EC2.8'],
    'nist-csf-2.0': ['PR.AA-05', 'PR.PS-01'],
    'iso-27001-2022': ['A.8.9'],
    soc2: ['CC6.1'],
  },
  appliesTo: ['AWS::EC2::LaunchTemplate'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return resourcesOfType(inventory, 'AWS::EC2::LaunchTemplate').map((r) => {
      const base = 'LaunchTemplateData.MetadataOptions';
      const endpoint = stringOf(prop(r, `${base}.HttpEndpoint`), 'HttpEndpoint');
      if (endpoint === 'disabled')
        return result(r, 'pass', 'the instance metadata service is disabled', `${base}.HttpEndpoint`);
      const tokens = stringOf(prop(r, `${base}.HttpTokens`), 'HttpTokens');
      if (tokens === undefined)
        return assuming(
          result(
            r,
            'fail',
            'HttpTokens is not set: IMDSv1 stays available unless the AMI says otherwise',
            `${base}.HttpTokens`,
          ),
          ASSUMPTIONS.imdsAmiDefault,
        );
      if (isUnknownValue(tokens))
        return result(r, 'unknown', `HttpTokens: ${tokens.reason}`, `${base}.HttpTokens`);
      return tokens === 'required'
        ? result(r, 'pass', 'IMDSv2 is required', `${base}.HttpTokens`)
        : result(r, 'fail', `HttpTokens is ${tokens}: IMDSv1 is available`, `${base}.HttpTokens`);
    });
  },
};
