/**
 * The Weaviate database containers of an inventory (see workload.ts for how they are told apart from the
 * inference modules beside them), each with its environment and its config file.
 */
import type { Inventory } from '../../inventory/model.js';
import { isPlainObject } from '../../inventory/values.js';
import type { Status } from '../../findings/index.js';
import { podResource } from '../pss/control.js';
import type { ControlResult } from '../types.js';
import { configFileOf } from './config-file.js';
import { resolveEnv } from './env.js';
import type { WeaviateContainer } from './types.js';
import { isDatabaseContainer } from './workload.js';

export type { WeaviateContainer } from './types.js';

const containersByInventory = new WeakMap<Inventory, readonly WeaviateContainer[]>();

/**
 * Every container (not init containers) that is the Weaviate database. Found once per inventory: each of the
 * Weaviate controls asks, and finding them reads every container of every pod.
 */
export function weaviateContainers(inventory: Inventory): readonly WeaviateContainer[] {
  let containers = containersByInventory.get(inventory);
  if (!containers)
    containersByInventory.set(inventory, (containers = Object.freeze(findContainers(inventory))));
  return containers;
}

function findContainers(inventory: Inventory): WeaviateContainer[] {
  const out: WeaviateContainer[] = [];
  for (const pod of inventory.pods) {
    const list = Array.isArray(pod.spec.containers) ? pod.spec.containers : [];
    list.forEach((container: unknown, index) => {
      if (!isPlainObject(container) || !isDatabaseContainer(container)) return;
      const { env, incomplete } = resolveEnv(inventory, pod, container);
      out.push({
        pod,
        index,
        name: typeof container.name === 'string' ? container.name : '',
        image: typeof container.image === 'string' ? container.image : '',
        env,
        ...(incomplete ? { incomplete } : {}),
        configFile: configFileOf(inventory, pod, container),
      });
    });
  }
  return out;
}

/** A result for a container; `at` is the attribute's path relative to the pod spec (`containers.0.env.5`). */
export function containerResult(
  c: WeaviateContainer,
  status: Status,
  message: string,
  at?: string,
): ControlResult {
  const resource = podResource(c.pod);
  return {
    status,
    resource: at ? { ...resource, path: `${resource.path}.${at}` } : resource,
    message: `container "${c.name}": ${message}`,
  };
}

export const WEAVIATE_REFERENCES = [
  'https://docs.weaviate.io/deploy/configuration/env-vars',
  'https://docs.weaviate.io/deploy/configuration/authentication',
  'https://docs.weaviate.io/deploy/configuration/authorization',
];

export const WEAVIATE_KINDS = ['StatefulSet', 'Deployment', 'Pod'];
