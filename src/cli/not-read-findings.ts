/**
 * Files of an input directory that could not be read at all (empty, permission denied) are skipped so that the
 * rest is still checked; each becomes an `unknown` finding, so that the report shows the gap instead of
 * counting the run as if everything had been checked.
 */
import type { Inventory } from '../inventory/model.js';
import type { Finding } from '../findings/index.js';

export const NOT_READ_RULE_ID = 'input-not-read';

export function notReadFindings(inventory: Inventory): Finding[] {
  return inventory.diagnostics
    .filter((d) => d.notRead === true && d.location !== undefined)
    .map((d) => ({
      ruleId: NOT_READ_RULE_ID,
      title: 'An input file could not be read; nothing in it was checked',
      severity: 'high',
      status: 'unknown',
      resource: { type: 'file', id: d.location!.file, file: d.location!.file },
      message: d.message,
      remediation: 'Make the file readable and non-empty, or remove it from the input.',
      frameworks: {},
      origin: 'vectorfort',
    }));
}
