/** The reach controls, in id order. Each control lives in its own file in this directory. */
import type { Control } from '../types.js';

export const controls: readonly Control[] = [];
