/** The shapes the Weaviate controls share: a database container with its environment and config file. */
import type { PodTemplate } from '../../inventory/model.js';
import type { ConfigFile } from './config-file.js';

/** A variable's source; `at` is where it is set, relative to the container (`env.5`, `envFrom.0`). */
export type EnvValue = (
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'secret'; readonly from: string }
  | { readonly kind: 'configmap'; readonly value: string; readonly from: string }
  | { readonly kind: 'unknown'; readonly reason: string }
) & { readonly at?: string };

export interface WeaviateContainer {
  readonly pod: PodTemplate;
  /** Position in the pod spec's `containers`. */
  readonly index: number;
  readonly name: string;
  readonly image: string;
  /** Variables by name. */
  readonly env: ReadonlyMap<string, EnvValue>;
  /** Why variables not in `env` might still be set (an unresolved envFrom source), or undefined when complete. */
  readonly incomplete?: string;
  /** The config file Weaviate reads at start. */
  readonly configFile: ConfigFile;
}
