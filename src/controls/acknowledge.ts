/**
 * Acknowledgements as the verifier applies them (the format and its rules are in contract/acknowledgement.ts).
 * An acknowledgement applies only to findings on the resource that carries it: the same input file, the same
 * kind (CloudFormation type, or Kubernetes kind and API group) and the same logical id or namespace and name.
 * Matching by name alone would let a ConfigMap excuse the Deployment of the same name, or a CloudFormation
 * resource excuse a Kubernetes object. An entry that cannot be applied is not dropped: it becomes a finding.
 * An entry past its `expires` no longer excuses anything: the finding fails again and shows the lapsed entry.
 */
import {
  readAcknowledgementAnnotation,
  readAcknowledgementMetadata,
  type ReadAcknowledgements,
} from '../contract/acknowledgement.js';
import { ANNOTATION_ACKNOWLEDGE, METADATA_VECTORFORT } from '../contract/keys.js';
import type { CfnResource, Inventory, K8sObject } from '../inventory/model.js';
import type { AcknowledgementRecord, Finding, ResourceLocator } from '../findings/index.js';
import {
  AcknowledgementLedger,
  noteOf,
  type AcknowledgementOutcome,
  type LedgerEntry,
} from './acknowledgement-ledger.js';

/** The rule id of the findings that report an acknowledgement that cannot be applied. */
export const INVALID_ACKNOWLEDGEMENT_RULE = 'vectorfort-acknowledgement';

export interface AcknowledgementIndex {
  /**
   * Matches a failing finding of `controlId` on `resource` with the acknowledgement the resource carries, if
   * any: it excuses the finding, or (past its expiry) is shown on it as lapsed.
   */
  apply(resource: ResourceLocator, controlId: string): AcknowledgementOutcome;
  /** One failing finding per entry that cannot be applied, naming its file and path. */
  readonly problems: readonly Finding[];
  /**
   * Every acknowledgement with its status; call after every finding was matched. `evaluated` holds the
   * controls that ran, to tell a stale entry for a passing control from one naming no evaluated control.
   */
  records(evaluated: ReadonlySet<string>): AcknowledgementRecord[];
}

/** The acknowledgements the inventory carries, evaluated at `now` (injected: expiry never reads the clock). */
export function acknowledgementIndex(inventory: Inventory, now: Date): AcknowledgementIndex {
  const ledger = new AcknowledgementLedger(now);
  const entries = new Map<string, Map<string, LedgerEntry>>();
  const problems: Finding[] = [];
  const add = (key: string, read: ReadAcknowledgements, locator: ResourceLocator, base: string) => {
    for (const p of read.problems)
      problems.push(problemFinding(locator, [base, ...p.path.map(pathSegment)].join(''), p.message));
    if (read.acknowledgements.length === 0) return;
    const forResource = entries.get(key) ?? new Map<string, LedgerEntry>();
    for (const a of read.acknowledgements)
      forResource.set(
        a.controlId,
        ledger.add({
          ruleId: a.controlId,
          note: noteOf(a.reason, a.owner, a.expires?.text),
          ...(a.expires ? { lapsesAt: a.expires.lapsesAt } : {}),
          resources: [{ ...locator, path: base }],
        }),
      );
    entries.set(key, forResource);
  };
  for (const r of inventory.cfn) {
    const read = readAcknowledgementMetadata((r.raw as { Metadata?: unknown } | undefined)?.Metadata);
    if (read)
      add(cfnKey(r), read, cfnLocator(r), `${r.location.path}.Metadata.${METADATA_VECTORFORT}.acknowledge`);
  }
  for (const o of inventory.k8s) {
    const text = o.annotations[ANNOTATION_ACKNOWLEDGE];
    if (text === undefined) continue;
    const base = `${o.location.path}.metadata.annotations${pathSegment(ANNOTATION_ACKNOWLEDGE)}`;
    add(k8sKey(o), readAcknowledgementAnnotation(text), k8sLocator(o), base);
  }
  return {
    apply: (resource, controlId) => {
      const key = findingKey(resource);
      return ledger.match(key === undefined ? undefined : entries.get(key)?.get(controlId));
    },
    problems,
    records: (evaluated) =>
      ledger.records((e) =>
        evaluated.has(e.ruleId)
          ? `${e.ruleId} has no failing finding on this resource any more (it passes or does not apply)`
          : `no control ${e.ruleId} was evaluated (a retired or unknown id)`,
      ),
  };
}

/** Identity of a resource: input file, kind and id, each compared exactly. */
function identity(file: string, kind: string, id: string): string {
  return JSON.stringify([file, kind, id]);
}

function cfnKey(r: CfnResource): string {
  return identity(r.location.file, r.type, r.key);
}

function k8sKey(o: K8sObject): string {
  return identity(o.location.file, k8sKind(o.apiVersion, o.kind), k8sId(o));
}

/** The key of the resource a finding points at; undefined when the finding names no input file. */
function findingKey(resource: ResourceLocator): string | undefined {
  if (resource.file === undefined) return undefined;
  if (resource.type.includes('::')) return identity(resource.file, resource.type, resource.id);
  const slash = resource.type.lastIndexOf('/');
  if (slash < 0) return undefined;
  return identity(
    resource.file,
    k8sKind(resource.type.slice(0, slash), resource.type.slice(slash + 1)),
    resource.id,
  );
}

/** Kind and API group (`apps/Deployment`, `/ConfigMap` for the core group): versions of one group are one kind. */
function k8sKind(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  return `${slash < 0 ? '' : apiVersion.slice(0, slash)}/${kind}`;
}

function k8sId(o: K8sObject): string {
  return o.namespace ? `${o.namespace}/${o.name}` : o.name;
}

export function cfnLocator(r: CfnResource): ResourceLocator {
  return {
    type: r.type,
    id: r.key,
    file: r.location.file,
    path: r.location.path,
    ...(r.location.line !== undefined ? { line: r.location.line } : {}),
  };
}

function k8sLocator(o: K8sObject): ResourceLocator {
  return {
    type: `${o.apiVersion}/${o.kind}`,
    id: k8sId(o),
    file: o.location.file,
    path: o.location.path,
    ...(o.location.line !== undefined ? { line: o.location.line } : {}),
  };
}

/** A path segment: dotted when the key is a plain word, bracketed and quoted otherwise. */
function pathSegment(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The failing finding of an acknowledgement at `path` that cannot be applied. */
export function problemFinding(resource: ResourceLocator, path: string, problem: string): Finding {
  return {
    ruleId: INVALID_ACKNOWLEDGEMENT_RULE,
    title: 'An acknowledgement that cannot be applied',
    severity: 'low',
    status: 'fail',
    resource: { ...resource, path },
    message: `the acknowledgement at ${path} is not applied: ${problem}`,
    remediation:
      'Name one control id (VF-<AREA>-<number>) and give the reviewed reason in at least ten characters, as a JSON object of control id to reason, or to {"reason", "owner", "expires"} with expires a date (YYYY-MM-DD) or a UTC date-time.',
    frameworks: {},
    origin: 'vectorfort',
  };
}
