/**
 * Acknowledgements as the verifier applies them (the format and its rules are in contract/acknowledgement.ts).
 * An acknowledgement applies only to findings on the resource that carries it: the same input file, the same
 * kind (CloudFormation type, or Kubernetes kind and API group) and the same logical id or namespace and name.
 * Matching by name alone would let a ConfigMap excuse the Deployment of the same name, or a CloudFormation
 * resource excuse a Kubernetes object. An entry that cannot be applied is not dropped: it becomes a finding.
 */
import {
  readAcknowledgementAnnotation,
  readAcknowledgementMetadata,
  type ReadAcknowledgements,
} from '../contract/acknowledgement.js';
import { ANNOTATION_ACKNOWLEDGE, METADATA_VECTORFORT } from '../contract/keys.js';
import type { CfnResource, Inventory, K8sObject } from '../inventory/model.js';
import type { Finding, ResourceLocator } from '../findings/index.js';

/** The rule id of the findings that report an acknowledgement that cannot be applied. */
export const INVALID_ACKNOWLEDGEMENT_RULE = 'vectorfort-acknowledgement';

export interface AcknowledgementIndex {
  /** The reason acknowledging `controlId` on the resource a finding points at, if any. */
  reasonFor(resource: ResourceLocator, controlId: string): string | undefined;
  /** One failing finding per entry that cannot be applied, naming its file and path. */
  readonly problems: readonly Finding[];
}

export function acknowledgementIndex(inventory: Inventory): AcknowledgementIndex {
  const reasons = new Map<string, Map<string, string>>();
  const problems: Finding[] = [];
  const add = (key: string, read: ReadAcknowledgements, locator: ResourceLocator, base: string) => {
    for (const p of read.problems)
      problems.push(problemFinding(locator, [base, ...p.path.map(pathSegment)].join(''), p.message));
    if (read.acknowledgements.length === 0) return;
    const entries = reasons.get(key) ?? new Map<string, string>();
    for (const a of read.acknowledgements) entries.set(a.controlId, a.reason);
    reasons.set(key, entries);
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
    reasonFor: (resource, controlId) => {
      const key = findingKey(resource);
      return key === undefined ? undefined : reasons.get(key)?.get(controlId);
    },
    problems,
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

function cfnLocator(r: CfnResource): ResourceLocator {
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

function problemFinding(resource: ResourceLocator, path: string, problem: string): Finding {
  return {
    ruleId: INVALID_ACKNOWLEDGEMENT_RULE,
    title: 'An acknowledgement that cannot be applied',
    severity: 'low',
    status: 'fail',
    resource: { ...resource, path },
    message: `the acknowledgement at ${path} is not applied: ${problem}`,
    remediation:
      'Name one control id (VF-<AREA>-<number>) and give the reviewed reason in at least ten characters, as a JSON object of control id to reason.',
    frameworks: {},
    origin: 'vectorfort',
  };
}
