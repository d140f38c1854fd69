/**
 * Security Hub with the AWS Foundational Security Best Practices standard (opt-in: Security Hub is enabled per
 * account and region, and a stack that owns it would disable it for everything else on deletion).
 */
import { Stack } from 'aws-cdk-lib';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';

export class SecurityHubStandards extends Construct {
  readonly hub: securityhub.CfnHub;
  readonly fsbp: securityhub.CfnStandard;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.hub = new securityhub.CfnHub(this, 'Hub', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
    this.fsbp = new securityhub.CfnStandard(this, 'Fsbp', {
      standardsArn: `arn:${Stack.of(this).partition}:securityhub:${Stack.of(this).region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
    });
    this.fsbp.node.addDependency(this.hub);
  }
}
