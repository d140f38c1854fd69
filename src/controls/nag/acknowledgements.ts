/**
 * cdk-nag's acknowledgements as a template carries them (`Metadata.cdk_nag.rules_to_suppress`:
 * `[{id, reason, applies_to?, owner?, expires?}]`). cdk-nag writes `id` and `reason`; vectorfort's constructs
 * add `owner` and `expires`, read here with the same rules as vectorfort's own acknowledgements. cdk-nag copies
 * an acknowledgement made on a construct to every resource below it, so one entry of the same rule, reason and
 * terms across a template counts as one acknowledgement: it is stale only when it excused nothing anywhere.
 */
import { readTerms } from '../../contract/acknowledgement.js';
import type { CfnResource, Inventory } from '../../inventory/model.js';
import { isPlainObject } from '../../inventory/values.js';
import type { AcknowledgementRecord, Finding } from '../../findings/index.js';
import { cfnLocator, problemFinding } from '../acknowledge.js';
import { AcknowledgementLedger, noteOf, type LedgerEntry } from '../acknowledgement-ledger.js';
import type { NagViolation } from './violations.js';

/**
 * The packs verify runs. The same metadata also carries acknowledgements for other validators (CDK's
 * CloudFormation validator plugin writes `CloudFormation-Validate::…`): this run cannot tell whether those
 * apply, so they are neither applied nor listed.
 */
const CHECKED_PACKS = ['AwsSolutions', 'NIST.800.53.R5'];

function ofCheckedPack(id: string): boolean {
  const prefix = /^([A-Za-z0-9.-]+)::/.exec(id)?.[1];
  return prefix !== undefined
    ? CHECKED_PACKS.includes(prefix)
    : CHECKED_PACKS.some((p) => id.startsWith(`${p}-`));
}

interface NagRuleEntry {
  /** As written, pack prefix included when cdk-nag wrote one (`AwsSolutions::AwsSolutions-S1`). */
  readonly id: string;
  readonly appliesTo?: readonly unknown[];
  readonly entry: LedgerEntry;
}

export class NagAcknowledgements {
  private readonly ledger: AcknowledgementLedger;
  private readonly byResource = new Map<CfnResource, NagRuleEntry[]>();
  private readonly uncheckedFiles = new Set<string>();
  /** Entries whose owner or expiry cannot be read: not applied, each a failing finding. */
  readonly problems: Finding[] = [];

  constructor(inventory: Inventory, now: Date) {
    this.ledger = new AcknowledgementLedger(now);
    const grouped = new Map<string, LedgerEntry>();
    for (const r of inventory.cfn) {
      const raw = r.raw as { Metadata?: unknown } | undefined;
      const meta = isPlainObject(raw?.Metadata) ? raw.Metadata.cdk_nag : undefined;
      const rules = isPlainObject(meta) ? meta.rules_to_suppress : undefined;
      if (!Array.isArray(rules)) continue;
      const entries: NagRuleEntry[] = [];
      (rules as unknown[]).forEach((rule, i) => {
        if (!isPlainObject(rule) || typeof rule.reason !== 'string' || typeof rule.id !== 'string') return;
        if (!ofCheckedPack(rule.id)) return;
        const terms = readTerms(rule);
        const path = `${r.location.path}.Metadata.cdk_nag.rules_to_suppress[${i}]`;
        if ('problem' in terms) {
          this.problems.push(problemFinding(cfnLocator(r), path, terms.problem));
          return;
        }
        // A pack prefix has no `[`, so a finding's own `::` (`[Policy::arn:…]`) is never taken for one.
        const ruleId = rule.id.replace(/^[A-Za-z0-9.-]+::/, '');
        const expires = terms.expires?.text;
        const group = JSON.stringify([r.location.file, ruleId, rule.reason, terms.owner, expires]);
        let entry = grouped.get(group);
        if (entry) entry.resources.push({ ...cfnLocator(r), path });
        else {
          entry = this.ledger.add({
            ruleId,
            origin: 'cdk-nag',
            note: noteOf(rule.reason, terms.owner, expires),
            ...(terms.expires ? { lapsesAt: terms.expires.lapsesAt } : {}),
            resources: [{ ...cfnLocator(r), path }],
          });
          grouped.set(group, entry);
        }
        entries.push({
          id: rule.id,
          ...(Array.isArray(rule.applies_to) ? { appliesTo: rule.applies_to as unknown[] } : {}),
          entry,
        });
      });
      if (entries.length > 0) this.byResource.set(r, entries);
    }
  }

  /** The acknowledgement of `v` on `resource`, matched (so it is not stale), if the template has one. */
  find(resource: CfnResource, v: NagViolation): ReturnType<AcknowledgementLedger['match']> {
    for (const rule of this.byResource.get(resource) ?? []) {
      // cdk-nag 3 writes the pack before the rule (`AwsSolutions::AwsSolutions-S1`); hand-written ones may omit it.
      const id = rule.id.replace(`${v.pack}::`, '');
      if (id !== v.ruleId && id !== `${v.ruleId}[${v.detail}]`) continue;
      if (v.detail !== undefined && rule.appliesTo && !rule.appliesTo.includes(v.detail)) continue;
      return this.ledger.match(rule.entry);
    }
    return {};
  }

  /** The packs could not check this template: whether its acknowledgements still apply is unknown. */
  notChecked(file: string): void {
    this.uncheckedFiles.add(file);
  }

  records(): AcknowledgementRecord[] {
    return this.ledger.records(
      (e) =>
        `cdk-nag reports no ${e.ruleId} on ${e.resources.length === 1 ? 'this resource' : 'these resources'} any more`,
      (e) => e.resources.some((r) => r.file !== undefined && this.uncheckedFiles.has(r.file)),
    );
  }
}
