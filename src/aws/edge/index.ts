/** The front door: ALB or CloudFront with WAF (blueprint `exposure`, `edge`). Implemented by the edge work. */
import type { VectorfortStack } from '../stack.js';

export function addEdge(_stack: VectorfortStack): void {}
