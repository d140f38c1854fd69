/**
 * The cdk-nag quality gate: the AwsSolutions and NIST 800-53 rev 5 packs run as CDK validation plugins during
 * synthesis; their findings land in `cdk.out/validation-report.json`. Every exception is an acknowledgement on
 * one construct, for one rule (optionally one finding), with a reason; acknowledgements are copied into the
 * template Metadata (`cdk_nag.rules_to_suppress`) so they travel with it.
 */
import { Stack, Validations, type App, type Stage } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
// The helper cdk-nag's IAM4 rule uses to name its findings, so acknowledgements match them exactly.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';
import {
  assertAcknowledgementReason,
  MIN_ACKNOWLEDGEMENT_REASON_LENGTH,
} from '../contract/acknowledgement.js';
import { ValidationError } from './errors.js';

export const NAG_PACKS = ['AwsSolutions', 'NIST.800.53.R5'] as const;
export type NagPackName = (typeof NAG_PACKS)[number];
export const MIN_NAG_REASON_LENGTH = MIN_ACKNOWLEDGEMENT_REASON_LENGTH;

/** Registers both packs on the app (or a stage of it). */
export function addNagPacks(app: App | Stage): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }),
    new NIST80053R5Checks(app, { writeSuppressionsToCloudFormation: true }),
  );
}

/**
 * Acknowledges one cdk-nag rule (optionally one finding of it, such as `Policy::arn:…` for IAM4) on one
 * construct. `rule` is the rule id as cdk-nag prints it (`AwsSolutions-IAM4`, `NIST.800.53.R5-LambdaDLQ`).
 * Throws `InvalidAcknowledgementError` on a reason shorter than vectorfort's own acknowledgements accept.
 */
export function acknowledgeNag(scope: IConstruct, rule: string, reason: string, finding?: string): void {
  assertAcknowledgementReason(rule, reason);
  const pack = NAG_PACKS.find((p) => rule.startsWith(`${p}-`));
  if (!pack)
    throw new ValidationError(
      'nag-rule-of-unknown-pack',
      `${rule} is not a rule of ${NAG_PACKS.join(' or ')}`,
      scope,
    );
  Validations.of(scope).acknowledge({ id: `${pack}::${rule}${finding ? `[${finding}]` : ''}`, reason });
}

/**
 * Acknowledges AwsSolutions-IAM4 once per AWS-managed policy on a role, each with its own reason. A managed
 * policy without a reason (for example one a CDK upgrade adds) is not acknowledged, so it shows as an error.
 */
export function acknowledgeManagedPolicies(role: iam.IRole, reasons: Readonly<Record<string, string>>): void {
  const cfnRole = role.node.defaultChild;
  if (!(cfnRole instanceof iam.CfnRole)) return;
  const stack = Stack.of(cfnRole);
  const arns = (stack.resolve(cfnRole.managedPolicyArns) as unknown[] | undefined) ?? [];
  for (const arn of arns) {
    const flat = flattenCfnReference(stack.resolve(arn));
    const name = /:iam::aws:policy\/(?:[\w-]+\/)*([\w+=,.@-]+)/.exec(flat)?.[1];
    const reason = name ? reasons[name] : undefined;
    if (reason) acknowledgeNag(role, 'AwsSolutions-IAM4', reason, `Policy::${flat}`);
  }
}
