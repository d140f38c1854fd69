/** Every control, by area. Ids are unique and never reused (test/controls/catalog.test.ts checks it). */
import { controls as access } from './access/index.js';
import { controls as data } from './data/index.js';
import { controls as detection } from './detection/index.js';
import { controls as edge } from './edge/index.js';
import { controls as eks } from './eks/index.js';
import { controls as k8s } from './k8s/index.js';
import { controls as lattice } from './lattice/index.js';
import { controls as mesh } from './mesh/index.js';
import { controls as network } from './network/index.js';
import { controls as pss } from './pss/index.js';
import { controls as reach } from './reach/index.js';
import type { Control } from './types.js';
import { controls as weaviate } from './weaviate/index.js';
import { controls as enclave } from './enclave/index.js';

export const CONTROLS: readonly Control[] = [
  ...eks,
  ...network,
  ...data,
  ...k8s,
  ...pss,
  ...mesh,
  ...weaviate,
  ...edge,
  ...access,
  ...detection,
  ...reach,
  ...enclave,
  ...lattice,
];

/**
 * Controls that judge how the input is put together (each object defined once), not what it deploys: they give
 * a verdict on anything, so they do not make a run count as having checked something.
 */
export const STRUCTURAL_CONTROLS: ReadonlySet<string> = new Set(['VF-K8S-014']);
