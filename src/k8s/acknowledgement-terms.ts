/**
 * Gives the acknowledgements our manifests carry (`vectorfort.dev/acknowledge`) the blueprint's owner and
 * expiry, as the AWS parts do for the templates' metadata: an exception of ours lapses when nobody reviews it.
 */
import { withAcknowledgementTerms, type AcknowledgementTerms } from '../contract/acknowledgement.js';
import { ANNOTATION_ACKNOWLEDGE } from '../contract/keys.js';
import type { RenderedChart } from './types.js';

export function withTermsOnObjects(chart: RenderedChart, terms: AcknowledgementTerms): RenderedChart {
  return { ...chart, objects: chart.objects.map((object) => withTerms(object, terms)) };
}

function withTerms(object: Record<string, unknown>, terms: AcknowledgementTerms): Record<string, unknown> {
  const metadata = object.metadata as { annotations?: Record<string, string> } | undefined;
  const text = metadata?.annotations?.[ANNOTATION_ACKNOWLEDGE];
  if (text === undefined) return object;
  // Our own annotation, written by acknowledgementAnnotation: always a JSON object.
  const entries = JSON.parse(text) as Record<string, unknown>;
  const { acknowledge } = withAcknowledgementTerms({ acknowledge: entries }, terms) as {
    acknowledge: Record<string, unknown>;
  };
  return {
    ...object,
    metadata: {
      ...metadata,
      annotations: { ...metadata!.annotations, [ANNOTATION_ACKNOWLEDGE]: JSON.stringify(acknowledge) },
    },
  };
}
