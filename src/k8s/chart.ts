/**
 * Turns typed kubernetes-models objects into a cdk8s chart and back into plain JSON. cdk8s gives us stable
 * ordering, name validation and the `toJson()` the GitOps output and the stack both consume; the models give
 * us typed construction and schema validation.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import type { RenderedChart } from './types.js';

/** Anything kubernetes-models builds (and hand-written objects for CRDs it has no model for). */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  toJSON?: () => unknown;
}

export function toChart(name: string, order: number, objects: readonly ManifestObject[]): RenderedChart {
  const app = new App({ outdir: '.' });
  const chart = new Chart(app, name, { disableResourceNameHashes: true });
  objects.forEach((object, i) => {
    const json = (object.toJSON ? object.toJSON() : object) as {
      apiVersion: string;
      kind: string;
      metadata?: Record<string, unknown>;
    } & Record<string, unknown>;
    const { apiVersion, kind, metadata, ...rest } = json;
    new ApiObject(chart, `${kind}-${i}`, { apiVersion, kind, metadata: metadata ?? {}, ...rest });
  });
  // JSON round trip: no class instances or undefined values reach YAML or CloudFormation.
  const plain = JSON.parse(JSON.stringify(chart.toJson())) as Record<string, unknown>[];
  return { name, order, objects: plain };
}
