/**
 * Acknowledgements: a reviewed, reasoned exception to one vectorfort control on one resource. The constructs
 * write them and the verifier reads them back, both through this file, so a rule cannot hold on one side only.
 *
 * - Kubernetes: the annotation `vectorfort.dev/acknowledge` on the object, a JSON object
 *   `{"VF-K8S-012": "reason"}`.
 * - CloudFormation: the resource's Metadata `{"vectorfort": {"acknowledge": {"VF-EKS-003": "reason"}}}`.
 *
 * Each entry names a control id (`VF-<AREA>-<number>`) and gives a reason of at least ten characters
 * (surrounding blanks do not count). The long form owns and dates the exception:
 * `{"VF-DATA-013": {"reason": "…", "owner": "team or person", "expires": "2027-03-31"}}`, where `reason` is
 * required, `owner` and `expires` optional, and no other field is accepted (a misspelt `expiry` must not
 * leave an exception open for ever).
 */
import { parseExpiry, type Expiry } from './acknowledgement-expiry.js';
import { ANNOTATION_ACKNOWLEDGE, METADATA_VECTORFORT } from './keys.js';

export { expiryDateAfter, parseExpiry, type Expiry } from './acknowledgement-expiry.js';

export const MIN_ACKNOWLEDGEMENT_REASON_LENGTH = 10;

/** Control ids as acknowledgements name them. */
export const CONTROL_ID_PATTERN = /^VF-[A-Z][A-Z0-9]*-\d+$/;

/** Who answers for an exception and until when it holds (the long form's optional fields). */
export interface AcknowledgementTerms {
  /** The team or person who owns the exception. @default - none recorded */
  readonly owner?: string;
  /** A date (`YYYY-MM-DD`, through that day UTC) or a UTC date-time. @default - never expires */
  readonly expires?: string;
}

/** One valid entry. */
export interface Acknowledgement {
  readonly controlId: string;
  /** The reason, without surrounding blanks. */
  readonly reason: string;
  /** The owner, without surrounding blanks. @default - none recorded */
  readonly owner?: string;
  /** When it stops holding. @default - never */
  readonly expires?: Expiry;
}

/** The fields of the long form. */
const LONG_FORM_FIELDS = ['reason', 'owner', 'expires'] as const;

/** An entry (or a whole value) that cannot be applied, and why. */
export interface AcknowledgementProblem {
  /** Path below the acknowledgement value (`["VF-K8S-012"]`); empty when the whole value is unreadable. */
  readonly path: readonly string[];
  readonly message: string;
}

export interface ReadAcknowledgements {
  readonly acknowledgements: readonly Acknowledgement[];
  readonly problems: readonly AcknowledgementProblem[];
}

/** Thrown where an acknowledgement is written with an id that does not parse or a reason that is too short. */
export class InvalidAcknowledgementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAcknowledgementError';
  }
}

/** Why the reason cannot acknowledge anything, or undefined when it can. */
export function reasonProblem(reason: unknown): string | undefined {
  if (typeof reason !== 'string')
    return `needs a reason of at least ${MIN_ACKNOWLEDGEMENT_REASON_LENGTH} characters, got a ${typeof reason}`;
  if (reason.trim().length < MIN_ACKNOWLEDGEMENT_REASON_LENGTH)
    return `needs a reason of at least ${MIN_ACKNOWLEDGEMENT_REASON_LENGTH} characters, got ${JSON.stringify(reason)}`;
  return undefined;
}

/** Why the control id cannot be acknowledged, or undefined when it can. */
export function controlIdProblem(controlId: string): string | undefined {
  return CONTROL_ID_PATTERN.test(controlId)
    ? undefined
    : `needs a control id (VF-<AREA>-<number>), got ${JSON.stringify(controlId)}`;
}

/**
 * Reads the terms an entry (or a cdk-nag rule entry) carries: `owner` a non-empty string, `expires` a valid
 * date or UTC date-time. Returns a problem message for the first that is not.
 */
export function readTerms(
  entry: Readonly<Record<string, unknown>>,
): { readonly owner?: string; readonly expires?: Expiry } | { readonly problem: string } {
  let owner: string | undefined;
  if (entry.owner !== undefined) {
    if (typeof entry.owner !== 'string' || entry.owner.trim() === '')
      return { problem: `needs a team or person in "owner", got ${JSON.stringify(entry.owner)}` };
    owner = entry.owner.trim();
  }
  let expires: Expiry | undefined;
  if (entry.expires !== undefined) {
    const parsed = parseExpiry(entry.expires);
    if ('problem' in parsed) return parsed;
    expires = parsed;
  }
  return { ...(owner !== undefined ? { owner } : {}), ...(expires ? { expires } : {}) };
}

/** Throws `InvalidAcknowledgementError` unless the terms are valid; `subject` names what is acknowledged. */
export function assertAcknowledgementTerms(subject: string, terms: AcknowledgementTerms): void {
  const read = readTerms(terms as Record<string, unknown>);
  if ('problem' in read)
    throw new InvalidAcknowledgementError(`the acknowledgement of ${subject}: ${read.problem}`);
}

/** Throws `InvalidAcknowledgementError` unless `reason` is long enough; `subject` names what is acknowledged. */
export function assertAcknowledgementReason(subject: string, reason: string): void {
  const problem = reasonProblem(reason);
  if (problem) throw new InvalidAcknowledgementError(`the acknowledgement of ${subject}: ${problem}`);
}

/** Throws `InvalidAcknowledgementError` unless both the control id and the reason are valid. */
export function assertAcknowledgement(controlId: string, reason: string): void {
  const problem = controlIdProblem(controlId);
  if (problem) throw new InvalidAcknowledgementError(`the acknowledgement of ${controlId}: ${problem}`);
  assertAcknowledgementReason(controlId, reason);
}

/** Reads the `{ <control id>: <reason> }` object both forms hold. */
export function readAcknowledgements(value: unknown): ReadAcknowledgements {
  if (!isRecord(value))
    return {
      acknowledgements: [],
      problems: [{ path: [], message: 'is not an object of control id to reason' }],
    };
  const acknowledgements: Acknowledgement[] = [];
  const problems: AcknowledgementProblem[] = [];
  for (const [controlId, entry] of Object.entries(value)) {
    const read = readEntry(controlId, entry);
    if ('problem' in read) problems.push({ path: read.path, message: read.problem });
    else acknowledgements.push(read);
  }
  return { acknowledgements, problems };
}

/** One entry, in the short form (the reason) or the long form (an object of reason, owner and expires). */
function readEntry(
  controlId: string,
  entry: unknown,
): Acknowledgement | { readonly path: readonly string[]; readonly problem: string } {
  const idProblem = controlIdProblem(controlId);
  if (idProblem) return { path: [controlId], problem: idProblem };
  if (!isRecord(entry)) {
    const problem = reasonProblem(entry);
    return problem ? { path: [controlId], problem } : { controlId, reason: (entry as string).trim() };
  }
  const unknown = Object.keys(entry).find((k) => !(LONG_FORM_FIELDS as readonly string[]).includes(k));
  if (unknown !== undefined)
    return {
      path: [controlId, unknown],
      problem: `is not a field of an acknowledgement (expected ${LONG_FORM_FIELDS.join(', ')})`,
    };
  if (entry.reason === undefined)
    return { path: [controlId], problem: 'needs a "reason" (the long form is {reason, owner?, expires?})' };
  const problem = reasonProblem(entry.reason);
  if (problem) return { path: [controlId, 'reason'], problem };
  const terms = readTerms(entry);
  if ('problem' in terms)
    return { path: [controlId, /"owner"/.test(terms.problem) ? 'owner' : 'expires'], problem: terms.problem };
  return { controlId, reason: (entry.reason as string).trim(), ...terms };
}

/** Reads the annotation's text (JSON). */
export function readAcknowledgementAnnotation(text: string): ReadAcknowledgements {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { acknowledgements: [], problems: [{ path: [], message: `is not JSON (${detail})` }] };
  }
  return readAcknowledgements(value);
}

/**
 * Reads a CloudFormation resource's `Metadata`; undefined when it holds no acknowledgement. Problem paths are
 * below `Metadata.vectorfort.acknowledge`.
 */
export function readAcknowledgementMetadata(metadata: unknown): ReadAcknowledgements | undefined {
  if (!isRecord(metadata) || !Object.hasOwn(metadata, METADATA_VECTORFORT)) return undefined;
  const ours = metadata[METADATA_VECTORFORT];
  if (!isRecord(ours))
    return {
      acknowledgements: [],
      problems: [{ path: [], message: `Metadata.${METADATA_VECTORFORT} is not an object` }],
    };
  return Object.hasOwn(ours, 'acknowledge') ? readAcknowledgements(ours.acknowledge) : undefined;
}

/** An entry as written: the reason alone, or the long form with its terms. */
export type AcknowledgementEntry = string | ({ readonly reason: string } & AcknowledgementTerms);

/** The short form when there are no terms, the long form otherwise; throws on an invalid entry. */
export function acknowledgementEntry(
  controlId: string,
  reason: string,
  terms: AcknowledgementTerms = {},
): AcknowledgementEntry {
  assertAcknowledgement(controlId, reason);
  assertAcknowledgementTerms(controlId, terms);
  if (terms.owner === undefined && terms.expires === undefined) return reason;
  return {
    reason,
    ...(terms.owner !== undefined ? { owner: terms.owner } : {}),
    ...(terms.expires !== undefined ? { expires: terms.expires } : {}),
  };
}

/**
 * The annotations that acknowledge `entries` (control id → reason, or the long form) on a Kubernetes object;
 * throws `InvalidAcknowledgementError` on an invalid entry.
 */
export function acknowledgementAnnotation(
  entries: Readonly<Record<string, AcknowledgementEntry>>,
): Record<string, string> {
  for (const [controlId, entry] of Object.entries(entries))
    if (typeof entry === 'string') acknowledgementEntry(controlId, entry);
    else {
      const { reason, ...terms } = entry;
      acknowledgementEntry(controlId, reason, terms);
    }
  return { [ANNOTATION_ACKNOWLEDGE]: JSON.stringify(entries) };
}

/**
 * The value of a resource's `Metadata.vectorfort` with one more acknowledgement added to `existing` (the
 * current value, if any); throws `InvalidAcknowledgementError` on an invalid id, reason, owner or expiry.
 */
export function withAcknowledgement(
  existing: unknown,
  controlId: string,
  reason: string,
  terms: AcknowledgementTerms = {},
): Record<string, unknown> {
  const entry = acknowledgementEntry(controlId, reason, terms);
  const current = isRecord(existing) ? existing : {};
  const acknowledge = isRecord(current.acknowledge) ? current.acknowledge : {};
  return { ...current, acknowledge: { ...acknowledge, [controlId]: entry } };
}

/**
 * `Metadata.vectorfort` with `terms` given to every entry that has none of its own (the short form becomes the
 * long form); entries that already carry an owner or an expiry keep theirs.
 */
export function withAcknowledgementTerms(existing: unknown, terms: AcknowledgementTerms): unknown {
  if (!isRecord(existing) || !isRecord(existing.acknowledge)) return existing;
  const acknowledge: Record<string, unknown> = {};
  for (const [controlId, entry] of Object.entries(existing.acknowledge)) {
    if (typeof entry === 'string') acknowledge[controlId] = acknowledgementEntry(controlId, entry, terms);
    else if (isRecord(entry) && entry.owner === undefined && entry.expires === undefined)
      acknowledge[controlId] = { ...entry, ...termsOnly(terms) };
    else acknowledge[controlId] = entry;
  }
  return { ...existing, acknowledge };
}

function termsOnly(terms: AcknowledgementTerms): AcknowledgementTerms {
  return {
    ...(terms.owner !== undefined ? { owner: terms.owner } : {}),
    ...(terms.expires !== undefined ? { expires: terms.expires } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
