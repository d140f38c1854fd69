/**
 * Acknowledgements: a reviewed, reasoned exception to one vectorfort control on one resource. The constructs
 * write them and the verifier reads them back, both through this file, so a rule cannot hold on one side only.
 *
 * - Kubernetes: the annotation `vectorfort.dev/acknowledge` on the object, a JSON object
 *   `{"VF-K8S-012": "reason"}`.
 * - CloudFormation: the resource's Metadata `{"vectorfort": {"acknowledge": {"VF-EKS-003": "reason"}}}`.
 *
 * Each entry names a control id (`VF-<AREA>-<number>`) and gives a reason of at least ten characters
 * (surrounding blanks do not count).
 */
import { ANNOTATION_ACKNOWLEDGE, METADATA_VECTORFORT } from './keys.js';

export const MIN_ACKNOWLEDGEMENT_REASON_LENGTH = 10;

/** Control ids as acknowledgements name them. */
export const CONTROL_ID_PATTERN = /^VF-[A-Z][A-Z0-9]*-\d+$/;

/** One valid entry. */
export interface Acknowledgement {
  readonly controlId: string;
  /** The reason, without surrounding blanks. */
  readonly reason: string;
}

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
  for (const [controlId, reason] of Object.entries(value)) {
    const message = controlIdProblem(controlId) ?? reasonProblem(reason);
    if (message) problems.push({ path: [controlId], message });
    else acknowledgements.push({ controlId, reason: (reason as string).trim() });
  }
  return { acknowledgements, problems };
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

/**
 * The annotations that acknowledge `entries` (control id → reason) on a Kubernetes object; throws
 * `InvalidAcknowledgementError` on an invalid entry.
 */
export function acknowledgementAnnotation(entries: Readonly<Record<string, string>>): Record<string, string> {
  for (const [controlId, reason] of Object.entries(entries)) assertAcknowledgement(controlId, reason);
  return { [ANNOTATION_ACKNOWLEDGE]: JSON.stringify(entries) };
}

/**
 * The value of a resource's `Metadata.vectorfort` with one more acknowledgement added to `existing` (the
 * current value, if any); throws `InvalidAcknowledgementError` on an invalid id or reason.
 */
export function withAcknowledgement(
  existing: unknown,
  controlId: string,
  reason: string,
): Record<string, unknown> {
  assertAcknowledgement(controlId, reason);
  const current = isRecord(existing) ? existing : {};
  const acknowledge = isRecord(current.acknowledge) ? current.acknowledge : {};
  return { ...current, acknowledge: { ...acknowledge, [controlId]: reason } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
