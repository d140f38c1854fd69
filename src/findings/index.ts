/**
 * The findings vocabulary shared by the controls, the reachability prover, the frameworks, the reporters and
 * the CLI. A leaf: it imports nothing else of ours, so the verifier's core does not depend on reporting.
 */
export * from './finding.js';
export * from './flow.js';
export * from './frameworks.js';
export * from './severity.js';
export * from './summary.js';
export * from './verdict.js';
export * from './acknowledgement.js';
