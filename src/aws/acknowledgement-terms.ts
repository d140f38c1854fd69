/**
 * Gives every acknowledgement our constructs write the blueprint's owner and an expiry: vectorfort's own
 * (`Metadata.vectorfort.acknowledge`) and cdk-nag's (`Metadata.cdk_nag.rules_to_suppress`, which cdk-nag
 * writes with an id and a reason only). The expiry is the blueprint's `acknowledgements.expires`, or the
 * synthesis date plus its review period, so an exception nobody looks at again lapses and fails the run.
 */
import { AspectPriority, Aspects, CfnResource, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Blueprint } from '../blueprint/index.js';
import {
  expiryDateAfter,
  withAcknowledgementTerms,
  type AcknowledgementTerms,
} from '../contract/acknowledgement.js';
import { METADATA_VECTORFORT } from '../contract/keys.js';

/** The CloudFormation Metadata key cdk-nag writes its acknowledgements under. */
const METADATA_CDK_NAG = 'cdk_nag';

/**
 * The terms for a blueprint; `synthesizedAt` (injected: the synthesis never reads the clock) starts the review
 * period when the blueprint fixes no date.
 */
export function acknowledgementTermsOf(bp: Blueprint, synthesizedAt?: Date): AcknowledgementTerms {
  const { owner, expires, reviewPeriodDays } = bp.acknowledgements;
  const until = expires ?? (synthesizedAt ? expiryDateAfter(synthesizedAt, reviewPeriodDays) : undefined);
  return { owner, ...(until !== undefined ? { expires: until } : {}) };
}

/** Adds the terms to every acknowledgement in the app once every other aspect has written its own. */
export function applyAcknowledgementTerms(scope: IConstruct, terms: AcknowledgementTerms): void {
  // cdk-nag's aspect copies the acknowledgements into the template at the default priority; this one must
  // see them, so it runs after every aspect of default priority.
  Aspects.of(scope).add(new AcknowledgementTermsAspect(terms), { priority: AspectPriority.READONLY });
}

class AcknowledgementTermsAspect implements IAspect {
  constructor(private readonly terms: AcknowledgementTerms) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource)) return;
    const ours: unknown = node.getMetadata(METADATA_VECTORFORT);
    if (ours !== undefined) node.addMetadata(METADATA_VECTORFORT, withAcknowledgementTerms(ours, this.terms));
    const nag: unknown = node.getMetadata(METADATA_CDK_NAG);
    if (isRecord(nag) && Array.isArray(nag.rules_to_suppress))
      node.addMetadata(METADATA_CDK_NAG, {
        ...nag,
        rules_to_suppress: (nag.rules_to_suppress as unknown[]).map((rule) =>
          isRecord(rule) && rule.owner === undefined && rule.expires === undefined
            ? { ...rule, ...this.terms }
            : rule,
        ),
      });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
