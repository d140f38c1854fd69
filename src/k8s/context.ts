/**
 * What every chart needs to know, computed once from the blueprint and the flow spec so that names, labels and
 * ports cannot drift between the StatefulSet, the policies and the mesh objects.
 */
import type { Blueprint } from '../blueprint/index.js';
import { awsNames, workloadNames, type AwsNames, type FlowSpec, type WorkloadNames } from '../flows/index.js';

/** Pod Security Standards version the namespace labels pin (the cluster's minor version). */
export const PSS_LEVEL = 'restricted';

export interface RenderContext {
  readonly bp: Blueprint;
  readonly spec: FlowSpec;
  readonly names: WorkloadNames;
  readonly aws: AwsNames;
  /** Labels on every object we generate (selectors use the narrower component labels). */
  readonly commonLabels: Readonly<Record<string, string>>;
}

export function renderContext(bp: Blueprint, spec: FlowSpec): RenderContext {
  return {
    bp,
    spec,
    names: workloadNames(bp),
    aws: awsNames(bp),
    commonLabels: { 'app.kubernetes.io/managed-by': 'vectorfort', 'app.kubernetes.io/part-of': bp.name },
  };
}

/** The Kubernetes version the Pod Security labels pin, e.g. `v1.35`. */
export function pssVersion(bp: Blueprint): string {
  return `v${bp.cluster.kubernetesVersion}`;
}

/** The registry images are pulled from: the account's ECR mirror, or the upstream registry. */
export function imageRegistry(bp: Blueprint, upstream: string): string {
  if (bp.images.source === 'public') return upstream;
  const { account, region } = bp.environment;
  return `${account}.dkr.ecr.${region}.amazonaws.com/${bp.images.repositoryPrefix}`;
}

/** Weaviate's image reference: pinned tag, plus the digest when the blueprint gives one. */
export function weaviateImage(bp: Blueprint): string {
  const { repository, tag, digest } = bp.weaviate.image;
  const ref = `${imageRegistry(bp, 'cr.weaviate.io')}/${repository}:${tag}`;
  return digest ? `${ref}@${digest}` : ref;
}
