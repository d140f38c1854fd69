/**
 * Records a reviewed exception to one vectorfort control on one resource, in the resource's CloudFormation
 * Metadata, where `vectorfort verify` reads it (`{"vectorfort": {"acknowledge": {"VF-DATA-013": "reason"}}}`).
 * The finding keeps its `fail` status and shows the reason; it no longer fails the run. The format and its
 * rules are the contract's, shared with the verifier, so an acknowledgement the verifier would not apply
 * fails the synthesis instead.
 */
import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { withAcknowledgement } from '../contract/acknowledgement.js';
import { METADATA_VECTORFORT } from '../contract/keys.js';
import { ValidationError } from './errors.js';

/**
 * Acknowledges `controlId` on the construct's CloudFormation resource. Throws `InvalidAcknowledgementError` when
 * the id is not a control id or the reason is shorter than ten characters.
 */
export function acknowledgeControl(
  construct: IConstruct,
  controlId: `VF-${string}-${number}`,
  reason: string,
): void {
  const resource = construct instanceof CfnResource ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnResource))
    throw new ValidationError(
      'no-cloudformation-resource',
      'has no CloudFormation resource to acknowledge a control on',
      construct,
    );
  resource.addMetadata(
    METADATA_VECTORFORT,
    withAcknowledgement(resource.getMetadata(METADATA_VECTORFORT), controlId, reason),
  );
}
