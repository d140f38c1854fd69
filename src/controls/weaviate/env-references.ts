/**
 * Kubernetes dependent environment variables: in a container's `env`, `$(NAME)` in a `value` expands to the
 * value of a variable defined before it (in `envFrom` or earlier in `env`), `$$` is a literal `$`, and a
 * reference to anything else stays as written (kubernetes.io, "Define dependent environment variables").
 * A value composed from Secret-sourced variables is itself secret; text written around the references is
 * literal and stays visible as such.
 */
import type { EnvValue } from './types.js';

const REFERENCE = /\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;

export function expandReferences(text: string, defined: ReadonlyMap<string, EnvValue>, at: string): EnvValue {
  const secrets: string[] = [];
  let unknown: string | undefined;
  let configMapFrom: string | undefined;
  let literal = '';
  let last = 0;
  for (const match of text.matchAll(REFERENCE)) {
    literal += text.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0] === '$$') {
      literal += '$';
      continue;
    }
    const ref = defined.get(match[1]!);
    if (!ref) literal += match[0];
    else if (ref.kind === 'secret') secrets.push(ref.from);
    else if (ref.kind === 'unknown') unknown ??= `$(${match[1]}) ${ref.reason}`;
    else {
      literal += ref.value;
      if (ref.kind === 'configmap') configMapFrom ??= ref.from;
    }
  }
  literal += text.slice(last);
  if (unknown) return { kind: 'unknown', reason: `it expands ${unknown}`, at };
  if (secrets.length) {
    // Separators between the references are not a credential; anything else written around them is.
    const rest = literal.replace(/[\s,]+/g, ',').replace(/^,|,$/g, '');
    return rest === ''
      ? { kind: 'secret', from: `${secrets.join(' and ')} (through $(…) references)`, at }
      : { kind: 'literal', value: rest, at };
  }
  return configMapFrom
    ? { kind: 'configmap', value: literal, from: configMapFrom, at }
    : { kind: 'literal', value: literal, at };
}
