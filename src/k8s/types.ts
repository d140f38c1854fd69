/** What the Kubernetes side hands to the CDK stack and to `vectorfort synth`'s `k8s/` output. */

/** One chart's manifests: written to `<out>/k8s/<name>.yaml` and applied to the cluster by the stack. */
export interface RenderedChart {
  /** File-safe name, e.g. `weaviate`, `network-policies`; files are written in `order`. */
  readonly name: string;
  /** Apply order (namespaces and CRD-dependent objects after what they depend on). */
  readonly order: number;
  /** Plain Kubernetes objects (no tokens: the same objects go to GitOps and to the stack). */
  readonly objects: readonly Record<string, unknown>[];
}
