/**
 * A live resource as a reader returns it: its CloudFormation type and physical id, and its settings in the
 * shape of the type's CloudFormation properties, so the controls and the prover read it as they read a
 * template. What the API could not tell is an `Unknown` with the reason; references to other resources are
 * physical ids until the assembly turns them into references.
 */
import { parseBoundedJson } from '../../contract/bounded-yaml.js';
import { InputLimitError } from '../../contract/input-limits.js';
import { Unknown, type SymbolicValue } from '../../inventory/values.js';
import type { CallFailure } from './errors.js';
import type { CallRecord } from './session.js';

export interface LiveResource {
  readonly type: string;
  readonly physicalId: string;
  /** Other ids that name it (an ARN); a reference to one of them becomes a `Fn::GetAtt … Arn`. */
  readonly arn?: string;
  readonly properties: Record<string, SymbolicValue>;
  /** The calls its settings come from. */
  readonly calls: readonly CallRecord[];
  /** The VPC it lives in, for finding live resources in the stacks' VPCs that no stack declares. */
  readonly vpcId?: string;
  /** Created by AWS with its parent (a VPC's default security group, network ACL or main route table). */
  readonly implicit?: boolean;
  /**
   * For a part that has no physical id of its own (a route, a network ACL entry, an association): the physical
   * id of the resource it belongs to, and a name unique within it.
   */
  readonly partOf?: { readonly physicalId: string; readonly name: string };
}

/** Resources a reader could not read at all, and why. */
export interface NotRead {
  readonly type: string;
  readonly physicalIds: readonly string[];
  readonly reason: string;
  readonly record?: CallRecord;
}

export interface ReaderOutput {
  readonly resources: LiveResource[];
  readonly notRead: NotRead[];
}

export function emptyOutput(): ReaderOutput {
  return { resources: [], notRead: [] };
}

/** A setting the live API did not give, with the reason a reviewer reads in the finding. */
export function undetermined(failure: CallFailure): Unknown {
  return new Unknown(`the live value is not known: ${failure.message}`);
}

/** Tags from the API's `[{Key, Value}]` (the same shape CloudFormation takes), dropping AWS's own. */
export function tagList(tags: readonly { Key?: string; Value?: string }[] | undefined): SymbolicValue[] {
  return (tags ?? [])
    .filter((t) => t.Key !== undefined && !t.Key.startsWith('aws:'))
    .map((t) => ({ Key: t.Key!, Value: t.Value ?? '' }));
}

/** Tags from a map (`{key: value}`), as most JSON-protocol services return them. */
export function tagMap(tags: Readonly<Record<string, string>> | undefined): SymbolicValue[] {
  return Object.entries(tags ?? {})
    .filter(([k]) => !k.startsWith('aws:'))
    .map(([Key, Value]) => ({ Key, Value }));
}

/** Every page of a paginator, in order. */
export async function allPages<P>(pages: AsyncIterable<P>): Promise<P[]> {
  const out: P[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

/** A JSON policy document as text; undefined when it is not JSON (an emulator's Python repr). */
export function parsePolicy(text: string | undefined): SymbolicValue | Unknown | undefined {
  if (text === undefined) return undefined;
  try {
    // Held to the input limits like a template's: the account's answer is input too.
    return parseBoundedJson(text) as SymbolicValue;
  } catch (error) {
    return new Unknown(
      error instanceof InputLimitError
        ? `the live policy document is not evaluated: ${error.message}`
        : 'the live policy document is not JSON',
    );
  }
}

/** Copies the defined entries only: the SDK leaves absent fields undefined, CloudFormation omits them. */
export function defined(entries: Record<string, SymbolicValue | undefined>): Record<string, SymbolicValue> {
  const out: Record<string, SymbolicValue> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}
