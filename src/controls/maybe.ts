/**
 * Three-valued answers for checks over input a template may leave undetermined: a term holds surely, possibly
 * (its value is undetermined) or surely not. A check that would fail on a term answers unknown, never pass, when
 * the term only possibly holds.
 */
export type Maybe = 'yes' | 'maybe' | 'no';

/** The weakest of the terms: all must hold for the whole to hold. */
export function allOf(...terms: readonly Maybe[]): Maybe {
  if (terms.includes('no')) return 'no';
  return terms.includes('maybe') ? 'maybe' : 'yes';
}
