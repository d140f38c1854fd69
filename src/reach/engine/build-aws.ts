/**
 * Builds the AWS half of the network model from the inventory's CloudFormation resources: each resource type
 * has its builder in `aws/`, run in the registry's order.
 */
import type { Inventory } from '../../inventory/model.js';
import { type AwsModel, createBuildContext } from './aws/context.js';
import { AWS_MODEL_FINISHERS, AWS_RESOURCE_BUILDERS } from './aws/registry.js';

export type { AwsModel } from './aws/context.js';

export function buildAwsModel(inventory: Inventory): AwsModel {
  const context = createBuildContext(inventory);
  noteConditionalResources(inventory, context.model);
  for (const { type, build } of AWS_RESOURCE_BUILDERS) for (const r of context.of(type)) build(r, context);
  for (const finish of AWS_MODEL_FINISHERS) finish(context);
  return context.model;
}

/** Builders read only unconditional resources; the notes name the network resources left out. */
function noteConditionalResources(inventory: Inventory, model: AwsModel): void {
  for (const r of inventory.cfn)
    if (r.condition !== true && /EC2|EKS|Lambda|ElasticLoadBalancing/.test(r.type))
      model.notes.push(
        `${r.key} is created only under a condition the input does not determine; it is left out`,
      );
}
