/**
 * Applies the Kubernetes side to the cluster: the service mesh (Istio Helm charts) and the rendered charts
 * (the same objects `vectorfort synth` writes to `<out>/k8s/`). Implemented by the workload work.
 */
import type { VectorfortStack } from './stack.js';

export function addWorkload(_stack: VectorfortStack): void {}
