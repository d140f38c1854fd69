/**
 * Which objects of a bucket a replication rule copies, against the prefix the bucket declares for its backups:
 * a rule filtered to another prefix, to tagged objects or to some object sizes leaves backups in one region.
 */
import { TAG_BACKUP_PREFIX } from '../../contract/keys.js';
import type { CfnResource } from '../../inventory/model.js';
import type { SymbolicValue } from '../../inventory/values.js';
import { declaredTag, isObject, isUnknownValue, show, Unknown } from '../network/cfn.js';

/** Fields of a V2 filter that narrow it beyond a prefix. */
const NARROWING: Readonly<Record<string, string>> = {
  TagFilter: 'objects with a tag',
  TagFilters: 'objects with tags',
  ObjectSizeGreaterThan: 'objects above a size',
  ObjectSizeLessThan: 'objects below a size',
};

/** The prefix a rule's Filter selects, or what narrows it further (tags, sizes). */
function filterPrefix(filter: SymbolicValue | undefined): { prefix: string } | { only: string } | Unknown {
  if (filter === undefined || filter === null) return { prefix: '' };
  if (!isObject(filter)) return new Unknown(`the Filter is ${show(filter)}`);
  const and = filter.And;
  if (and !== undefined && !isObject(and)) return new Unknown(`Filter.And is ${show(and)}`);
  const fields = { ...filter, ...(isObject(and) ? and : {}) };
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'Prefix' || field === 'And') continue;
    if (isUnknownValue(value)) return new Unknown(`Filter.${field}: ${value.reason}`);
    const only = NARROWING[field];
    if (only === undefined) return new Unknown(`the Filter field ${field} is not understood here`);
    // An empty tag list narrows nothing.
    if (!(Array.isArray(value) && value.length === 0)) return { only };
  }
  const prefix = fields.Prefix;
  if (prefix === undefined || prefix === null) return { prefix: '' };
  if (typeof prefix !== 'string') return new Unknown(`Filter.Prefix is ${show(prefix)}`);
  return { prefix };
}

/** Whether a rule copies every backup: `true`, or why not (a sentence), or Unknown when that is not determined. */
export function coversBackups(
  bucket: CfnResource,
  filter: SymbolicValue | undefined,
): true | { readonly missed: string } | Unknown {
  const selected = filterPrefix(filter);
  if (isUnknownValue(selected)) return selected;
  if ('only' in selected) return { missed: `it replicates only ${selected.only}` };
  if (selected.prefix === '') return true;
  const declared = declaredTag(bucket, TAG_BACKUP_PREFIX);
  if (isUnknownValue(declared))
    return new Unknown(
      `its Filter.Prefix ${JSON.stringify(selected.prefix)} selects part of the bucket, and ${declared.reason}`,
    );
  if (declared === undefined)
    return new Unknown(
      `its Filter.Prefix ${JSON.stringify(selected.prefix)} selects part of the bucket, which does not declare the prefix of its backups (no ${TAG_BACKUP_PREFIX} tag)`,
    );
  return declared.startsWith(selected.prefix)
    ? true
    : {
        missed: `it replicates only ${JSON.stringify(selected.prefix)}, not the backups under ${JSON.stringify(declared)}`,
      };
}
