/**
 * `vectorfort grant open | close | list`: time-boxed operator access to an enclave, kept where it is reviewed,
 * in the blueprint's `enclave.operator.grants`. `open` adds (or extends) a principal's grant until a time, `close`
 * removes it, `list` shows each grant as active or expired at `--now`. The file is edited in place with its
 * comments and layout kept (the yaml library's document model), the result validated as a whole blueprint before
 * it is written, and written atomically: a refused edit leaves the file as it was. A grant takes effect when the
 * blueprint is synthesized and deployed (docs/enclave.md).
 */
import { isMap, isSeq, type Document, type YAMLSeq } from 'yaml';
import {
  limitAsInputError,
  parseBlueprint,
  readBlueprintText,
  type Blueprint,
} from '../../blueprint/index.js';
import { boundedValueOf, parseBoundedDocument } from '../../contract/bounded-yaml.js';
import { InputError } from '../../errors.js';
import { printable } from '../../report/printable.js';
import { writeFileAtomic } from '../write-file.js';

const GRANTS_PATH = ['enclave', 'operator', 'grants'] as const;
const GRANTS = GRANTS_PATH.join('.');

/** The longest grant `open` makes: access for people is hours or days, never standing. */
export const MAX_GRANT_HOURS = 7 * 24;

export interface GrantFileOptions {
  readonly blueprint: string;
  /** The time grants are judged at. @default - the clock */
  readonly now: Date;
}

export interface GrantOpenOptions extends GrantFileOptions {
  readonly principal: string;
  /** When the grant ends (UTC); or `hours` from now. */
  readonly until?: string;
  readonly hours?: number;
  readonly reason: string;
}

export interface GrantCloseOptions extends GrantFileOptions {
  readonly principal: string;
}

interface Edited {
  readonly doc: Document;
  readonly blueprint: Blueprint;
}

function read(file: string): Edited {
  const text = readBlueprintText(file);
  // Validated first: an edit starts only from a blueprint that loads.
  const blueprint = parseBlueprint(text, file);
  if (!blueprint.enclave.enabled)
    throw new InputError(
      'grants are for an enclave (preset: enclave); this blueprint builds none',
      file,
      GRANTS,
    );
  // The editable document, under the same limits as the blueprint loader's (not only trusted to match it).
  try {
    return { doc: parseBoundedDocument(text), blueprint };
  } catch (error) {
    throw limitAsInputError(error, file);
  }
}

function grantSeq(doc: Document): YAMLSeq {
  const existing = doc.getIn(GRANTS_PATH, true);
  if (isSeq(existing)) return existing;
  if (existing !== undefined && existing !== null)
    throw new InputError(`expected a list at ${GRANTS}`, undefined, GRANTS);
  doc.setIn(GRANTS_PATH, doc.createNode([]));
  return doc.getIn(GRANTS_PATH, true) as YAMLSeq;
}

function indexOf(seq: YAMLSeq, principal: string): number {
  return seq.items.findIndex((item) => isMap(item) && item.get('principalArn') === principal);
}

/** Writes the edited document after validating it as a whole blueprint; JSON stays JSON. */
function write(file: string, doc: Document): Blueprint {
  let text: string;
  try {
    text = file.endsWith('.json') ? `${JSON.stringify(boundedValueOf(doc), null, 2)}\n` : doc.toString();
  } catch (error) {
    throw limitAsInputError(error, file);
  }
  const blueprint = parseBlueprint(text, file);
  writeFileAtomic(file, text);
  return blueprint;
}

/** `YYYY-MM-DDThh:mm:ssZ`, the form the blueprint takes. */
function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function endOf(options: GrantOpenOptions): Date {
  if ((options.until === undefined) === (options.hours === undefined))
    throw new InputError('give the end of the grant: --until TIME or --hours N (one of them)');
  if (options.hours !== undefined) {
    if (!Number.isFinite(options.hours) || options.hours <= 0)
      throw new InputError(`expected a positive number of hours, got ${options.hours}`, undefined, '--hours');
    return new Date(options.now.getTime() + Math.round(options.hours * 3600) * 1000);
  }
  const until = options.until!;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(until) || Number.isNaN(Date.parse(until)))
    throw new InputError(
      `expected a UTC time such as 2027-01-31T18:00:00Z, got ${until}`,
      undefined,
      '--until',
    );
  return new Date(until);
}

export function grantOpen(options: GrantOpenOptions): void {
  const { doc } = read(options.blueprint);
  const end = endOf(options);
  if (end.getTime() <= options.now.getTime())
    throw new InputError(
      `the grant would end at ${utc(end)}, not after now (${utc(options.now)})`,
      undefined,
      '--until',
    );
  const hours = (end.getTime() - options.now.getTime()) / 3_600_000;
  if (hours > MAX_GRANT_HOURS)
    throw new InputError(
      `a grant lasts at most ${MAX_GRANT_HOURS} hours (7 days); ${utc(end)} is ${Math.ceil(hours)} hours away: open a new grant when it ends`,
      undefined,
      '--until',
    );
  const seq = grantSeq(doc);
  const grant = doc.createNode({ principalArn: options.principal, until: utc(end), reason: options.reason });
  const at = indexOf(seq, options.principal);
  if (at >= 0) seq.items[at] = grant;
  else seq.items.push(grant);
  write(options.blueprint, doc);
  process.stdout.write(
    `${at >= 0 ? 'extended' : 'opened'} the grant of ${printable(options.principal)} until ${utc(end)} in ${printable(options.blueprint)} (${GRANTS}); it takes effect when the blueprint is synthesized and deployed\n`,
  );
}

export function grantClose(options: GrantCloseOptions): void {
  const { doc } = read(options.blueprint);
  const seq = grantSeq(doc);
  const at = indexOf(seq, options.principal);
  if (at < 0)
    throw new InputError(`no grant for ${options.principal} in ${GRANTS}`, options.blueprint, GRANTS);
  seq.items.splice(at, 1);
  write(options.blueprint, doc);
  process.stdout.write(
    `closed the grant of ${printable(options.principal)} in ${printable(options.blueprint)}; deploy to remove its role and access entry now (the scheduled removal would otherwise wait for its end)\n`,
  );
}

export function grantList(options: GrantFileOptions): void {
  const { blueprint } = read(options.blueprint);
  const grants = blueprint.enclave.operator.grants;
  if (grants.length === 0) {
    process.stdout.write('no grants: no person has access to the enclave\n');
    return;
  }
  const lines = grants.map((g) => {
    const expired = Date.parse(g.until) <= options.now.getTime();
    return `${expired ? 'expired' : 'active '}  until ${g.until}  ${printable(g.principalArn)}  ${printable(g.reason)}`;
  });
  const expired = grants.filter((g) => Date.parse(g.until) <= options.now.getTime()).length;
  process.stdout.write(
    `${lines.join('\n')}\n${expired > 0 ? `${expired} expired: close ${expired === 1 ? 'it' : 'them'} (VF-ENCLAVE-005 fails until then)\n` : ''}`,
  );
}
