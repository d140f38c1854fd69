/**
 * Records a reviewed exception to one vectorfort control on one resource, in the resource's CloudFormation
 * Metadata, where `vectorfort verify` reads it (`{"vectorfort": {"acknowledge": {"VF-DATA-013": "reason"}}}`).
 * The finding keeps its `fail` status and shows the reason; it no longer fails the run. The format is the
 * verifier's contract (controls/acknowledge.ts); it is written out here because the constructs never import
 * the verifier.
 */
import { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { ValidationError } from './errors.js';

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
  const existing = (resource.getMetadata('vectorfort') ?? {}) as { acknowledge?: Record<string, string> };
  resource.addMetadata('vectorfort', {
    ...existing,
    acknowledge: { ...existing.acknowledge, [controlId]: reason },
  });
}
