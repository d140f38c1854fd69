/** The reach controls: the reachability proof obligations, one per file under proofs/. */
export { proofControls as controls } from './proofs/index.js';
