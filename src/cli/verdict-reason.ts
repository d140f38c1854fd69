/** Why a run did not pass, in one line, for the exit error of `verify` and `synth`. */
import type { Verdict } from '../findings/index.js';

export function verdictReason(verdict: Verdict): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return verdict.status === 'incomplete'
    ? `incomplete: ${plural(verdict.unknown, 'unknown result')} (not checked); --allow-unknown accepts them`
    : `${verdict.status}: ${plural(verdict.failing, 'failing finding')} at or above ${verdict.failOn}`;
}
