/** Builds the network model from an inventory (once per inventory: the model is immutable). */
import type { Inventory } from '../../inventory/model.js';
import { buildAwsModel } from './build-aws.js';
import { buildKubernetesModel } from './build-k8s.js';
import type { NetworkModel } from './model.js';

const cache = new WeakMap<Inventory, NetworkModel>();

export function buildNetworkModel(inventory: Inventory): NetworkModel {
  const hit = cache.get(inventory);
  if (hit) return hit;
  const aws = buildAwsModel(inventory);
  const k8s = buildKubernetesModel(inventory, aws);
  const model: NetworkModel = {
    vpcRanges: aws.vpcRanges,
    subnets: aws.subnets,
    routeTables: aws.routeTables,
    nacls: aws.nacls,
    securityGroups: aws.securityGroups,
    attachments: aws.attachments,
    clusters: aws.clusters,
    clientVpns: aws.clientVpns,
    k8s,
    notes: aws.notes,
  };
  cache.set(inventory, model);
  return model;
}
