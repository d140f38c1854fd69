/**
 * Acknowledgements that must carry an expiry (`--require-acknowledgement-expiry`, which synth sets for the
 * production preset): an exception nobody has to review again is the complaint auditors raise first.
 */
import type { AcknowledgementRecord, Finding } from '../findings/index.js';

/** The rule id of the findings that report an acknowledgement without an expiry. */
export const ACKNOWLEDGEMENT_EXPIRY_RULE = 'vectorfort-acknowledgement-expiry';

/** One low-severity failing finding per acknowledgement without `expires`. */
export function missingExpiryFindings(records: readonly AcknowledgementRecord[]): Finding[] {
  return records
    .filter((r) => r.expires === undefined && r.resources.length > 0)
    .map((r) => ({
      ruleId: ACKNOWLEDGEMENT_EXPIRY_RULE,
      title: 'An acknowledgement without an expiry',
      severity: 'low' as const,
      status: 'fail' as const,
      resource: r.resources[0]!,
      message:
        `the acknowledgement of ${r.ruleId}${r.origin ? ` (${r.origin})` : ''} has no expiry` +
        (r.resources.length > 1 ? `, on ${r.resources.length} resources` : '') +
        (r.owner ? ` (owner: ${r.owner})` : ''),
      remediation:
        'Give the acknowledgement an "expires" date (YYYY-MM-DD, or a UTC date-time) and an "owner", so it is reviewed again.',
      frameworks: {},
      origin: 'vectorfort',
    }));
}
