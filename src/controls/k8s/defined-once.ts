/**
 * Each object is defined once in the input. Two definitions of one Kubernetes object (an overlay and its base,
 * two environments' directories) or two templates of one stack deploy one over the other: whichever is applied
 * last wins, so a privileged pod can hide behind a harmless one of the same name. Both are evaluated; this
 * control names the pair. A manifest file and a template that apply the same object are VF-K8S-013's concern.
 */
import { comparableDefinition } from '../../inventory/kubernetes/identity.js';
import { isPlainObject, isSymbolic } from '../../inventory/values.js';
import type { Inventory, K8sObject, SourceLocation, StackIdentity } from '../../inventory/model.js';
import type { ResourceLocator } from '../../findings/index.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

function where(location: SourceLocation): string {
  return `${location.file}${location.line ? `:${location.line}` : ''} ${location.path}`.trim();
}

function objectLocator(o: K8sObject): ResourceLocator {
  return {
    type: `${o.apiVersion}/${o.kind}`,
    id: o.namespace ? `${o.namespace}/${o.name}` : o.name,
    file: o.location.file,
    path: o.location.path,
    ...(o.location.line ? { line: o.location.line } : {}),
  };
}

function stackLocator(s: StackIdentity): ResourceLocator {
  return { type: 'AWS::CloudFormation::Stack', id: s.deployedName, file: s.file };
}

function environmentOf(s: StackIdentity): string {
  const { account, region } = s.environment ?? {};
  return account || region ? ` in ${account ?? 'any account'}/${region ?? 'any region'}` : '';
}

export const control: Control = {
  id: 'VF-K8S-014',
  area: 'k8s',
  title: 'Each Kubernetes object and each stack is defined once in the input',
  severity: 'high',
  rationale:
    'Two definitions of the same object (group, kind, namespace, name) or of the same stack (deployed name and environment) replace each other when deployed: the one applied last wins, whatever the other was checked for. Overlay and multi-environment repositories produce such pairs; reviewing one of them proves nothing about what runs.',
  remediation:
    'Keep one definition of each object and stack in what you verify: verify each environment or overlay on its own (render the overlay with kustomize, then verify the result), or rename or remove the copy.',
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-using-console-create-stack-parameters.html',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.PS-01'],
    'iso-27001-2022': ['A.8.9'],
    soc2: ['CC8.1'],
  },
  appliesTo: ['Any Kubernetes object', 'AWS::CloudFormation::Stack (top-level stacks with a deployed name)'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const results: ControlResult[] = [];
    // Every definition involved in a pair; the others are defined once.
    const paired = new Set<K8sObject>();
    for (const { first, again } of inventory.redeclared ?? []) {
      paired.add(first).add(again);
      // A manifest file and a template applying the same object: VF-K8S-013 compares them.
      if ((first.embeddedIn === undefined) !== (again.embeddedIn === undefined)) continue;
      const copy =
        comparableDefinition(first) === comparableDefinition(again)
          ? 'an identical copy'
          : 'a different definition';
      results.push({
        status: 'fail',
        resource: objectLocator(again),
        message: `${again.kind} ${objectLocator(again).id} is defined twice: at ${where(first.location)} and at ${where(again.location)} (${copy}); the one applied last replaces the other`,
      });
    }
    const rivalOf = undeterminedRivals(inventory.k8s);
    for (const object of inventory.k8s) {
      if (paired.has(object)) continue;
      const rival = rivalOf(object);
      results.push(
        rival
          ? {
              status: 'unknown',
              resource: objectLocator(object),
              message: `${object.kind} ${objectLocator(object).id} may be defined again at ${where(rival.location)}: ${rival === object ? 'its' : 'that'} ${undeterminedPart(rival === object ? object : rival)} is decided at deploy time`,
            }
          : {
              status: 'pass',
              resource: objectLocator(object),
              message: `${object.kind} ${objectLocator(object).id} is defined once`,
            },
      );
    }
    for (const { first, again } of inventory.redeclaredStacks ?? [])
      results.push({
        status: 'fail',
        resource: stackLocator(again),
        message: `stack ${again.deployedName}${environmentOf(again)} is defined by two templates: ${first.file} and ${again.file}; deploying one replaces the other`,
      });
    return results;
  },
};

/** The part of an object's identity the input leaves to deploy time, if any. */
function undeterminedPart(o: K8sObject): string | undefined {
  const metadata = o.object.metadata;
  if (isSymbolic(metadata)) return 'metadata';
  if (!isPlainObject(metadata)) return undefined;
  if (isSymbolic(metadata.name)) return 'name';
  if (isSymbolic(metadata.namespace)) return 'namespace';
  return undefined;
}

/**
 * For each object, another definition it may turn out to be the same object as, because one of the two takes
 * its name or namespace from a value decided at deploy time (a parameter, an import). Only definitions of the
 * same kind from the same sort of source compete, as for the pairs above; the object itself is returned when it
 * is the undetermined one and another of its kind could share its identity.
 */
function undeterminedRivals(objects: readonly K8sObject[]): (o: K8sObject) => K8sObject | undefined {
  const kindOf = (o: K8sObject) => {
    const slash = o.apiVersion.lastIndexOf('/');
    return `${slash < 0 ? '' : o.apiVersion.slice(0, slash)}/${o.kind}/${o.embeddedIn === undefined ? 'file' : 'stack'}`;
  };
  const undetermined = objects.filter((o) => undeterminedPart(o) !== undefined);
  if (undetermined.length === 0) return () => undefined;
  const byKind = new Map<string, K8sObject[]>();
  for (const o of objects) {
    const list = byKind.get(kindOf(o));
    if (list) list.push(o);
    else byKind.set(kindOf(o), [o]);
  }
  const namespaceOpen = (o: K8sObject) =>
    undeterminedPart(o) === 'namespace' || undeterminedPart(o) === 'metadata';
  const mayShare = (a: K8sObject, b: K8sObject) =>
    a !== b && (a.namespace === b.namespace || namespaceOpen(a) || namespaceOpen(b));
  return (o) => {
    const sameKind = byKind.get(kindOf(o)) ?? [];
    if (undeterminedPart(o) !== undefined)
      return sameKind.some((other) => mayShare(o, other)) ? o : undefined;
    return sameKind.find((other) => undeterminedPart(other) !== undefined && mayShare(o, other));
  };
}
