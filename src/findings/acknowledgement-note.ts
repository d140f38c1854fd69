/** An acknowledgement's terms as a finding carries them (a leaf, so findings and records share it). */

/** The terms of an acknowledgement as a finding carries them. */
export interface AcknowledgementNote {
  readonly reason: string;
  /** The team or person who owns the exception. @default - none recorded */
  readonly owner?: string;
  /** As written: a date (through that day, UTC) or a UTC date-time. @default - never expires */
  readonly expires?: string;
}
