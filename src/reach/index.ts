/**
 * Reachability: proves the intended flows possible and every other flow impossible. The engine lives in
 * engine/ (network model, queries with witnesses, proof obligations); this is the entry point the CLI calls.
 */
export { analyseReachability } from './engine/index.js';
