/**
 * Log retention shorter than a year is a blueprint choice (the development preset's, or a retention field the
 * blueprint sets): every log group of ours takes its retention from the blueprint and defaults to a year. The
 * verifier's retention control still reports each such group, acknowledged with this reason, so the choice is
 * visible in the report without failing the run the blueprint asked for.
 */
import { Stack, type IAspect } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';
import { acknowledgeControl } from '../acknowledge-control.js';

/** The retention the control asks for, in days. */
const YEAR_IN_DAYS = 365;

export class AcknowledgeChosenRetention implements IAspect {
  /** @param preset the blueprint's preset, named in the reason */
  constructor(private readonly preset: string) {}

  visit(node: IConstruct): void {
    if (!(node instanceof logs.CfnLogGroup)) return;
    const days: unknown = Stack.of(node).resolve(node.retentionInDays);
    if (typeof days !== 'number' || days >= YEAR_IN_DAYS) return;
    acknowledgeControl(
      node,
      'VF-DATA-010',
      `Kept ${days} days by the blueprint's choice (the ${this.preset} preset or a retention field it sets); every log group defaults to a year.`,
    );
  }
}
