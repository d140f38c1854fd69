/**
 * The SHA-256 of the control catalog a run used: every control's metadata (id, title, severity, framework
 * mappings, remediation, retirement) and the cdk-nag rule mappings, as canonical JSON. Two reports with the
 * same digest were judged by the same rules.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../contract/canonical-json.js';
import { NAG_RULE_MAPPINGS } from './nag/rule-mappings.js';
import type { Control } from './types.js';

export function controlCatalogDigest(controls: readonly Control[]): string {
  // JSON leaves out the check functions: the digest covers what the catalog says, the version covers the code.
  const catalog = { controls: controls.map((c) => ({ ...c })), nag: NAG_RULE_MAPPINGS };
  return createHash('sha256').update(canonicalJson(catalog)).digest('hex');
}
