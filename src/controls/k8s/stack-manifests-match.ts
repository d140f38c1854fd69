/**
 * The manifests written for GitOps and the ones the CloudFormation stack applies to the cluster are the same
 * objects. When both are checked together, a difference between them is drift: a default-deny policy deleted
 * from the files is still present in the template, so the other controls would pass while a cluster deployed
 * from the files runs without it.
 */
import { comparableDefinition, identityOf } from '../../inventory/kubernetes/identity.js';
import type { Inventory, K8sObject } from '../../inventory/model.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { firstUndetermined } from './objects.js';

function resourceOf(o: K8sObject) {
  return {
    type: `${o.apiVersion}/${o.kind}`,
    id: o.namespace ? `${o.namespace}/${o.name}` : o.name,
    file: o.location.file,
    path: o.location.path,
    ...(o.location.line ? { line: o.location.line } : {}),
  };
}

export const control: Control = {
  id: 'VF-K8S-013',
  area: 'k8s',
  title: 'The manifests for GitOps and the manifests the stack applies are the same',
  severity: 'high',
  rationale:
    'The same objects reach the cluster two ways: from the manifest files (Argo CD, Flux) and from the CloudFormation stack. If they differ, one of the two deployments lacks what the other was checked for — a policy deleted from the files is still found in the template, so every other control would pass.',
  remediation:
    'Regenerate both from the same source (vectorfort synth) and deploy one of them; do not edit either by hand. If an object is meant to live in one path only, remove it from the other.',
  references: ['https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_eks_v2-readme.html'],
  frameworks: {
    'nist-csf-2.0': ['PR.PS-01'],
    'iso-27001-2022': ['A.8.9'],
    soc2: ['CC8.1'],
  },
  appliesTo: ['Any Kubernetes object in both a manifest file and a template'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const fromFiles = inventory.k8s.filter((o) => o.embeddedIn === undefined);
    const embedded = inventory.k8s.filter((o) => o.embeddedIn !== undefined);
    const pairs = (inventory.redeclared ?? []).filter(
      (p) => (p.first.embeddedIn === undefined) !== (p.again.embeddedIn === undefined),
    );
    // Only when both ways are in the input: then every object must appear in both.
    if ((fromFiles.length === 0 || embedded.length === 0) && pairs.length === 0) return [];
    const results: ControlResult[] = [];
    for (const { first, again } of pairs) {
      const file = first.embeddedIn === undefined ? first : again;
      const template = first.embeddedIn === undefined ? again : first;
      const undetermined = firstUndetermined(template.object, '')?.replace(/^\./, '');
      results.push(
        comparableDefinition(file) === comparableDefinition(template)
          ? { status: 'pass', resource: resourceOf(file), message: `the stack applies the same ${file.kind}` }
          : undetermined
            ? {
                status: 'unknown',
                resource: resourceOf(file),
                message: `the stack (${template.embeddedIn}) leaves ${undetermined} undetermined: it may or may not match ${file.location.file}`,
              }
            : {
                status: 'fail',
                resource: resourceOf(file),
                message: `the stack (${template.embeddedIn}) applies a different ${file.kind} than ${file.location.file}`,
              },
      );
    }
    const paired = new Set(pairs.map((p) => identityOf(p.first)));
    for (const o of embedded)
      if (!paired.has(identityOf(o)))
        results.push({
          status: 'fail',
          resource: resourceOf(o),
          message: `the stack (${o.embeddedIn}) applies ${o.kind} ${o.name}, which no manifest file declares`,
        });
    for (const o of fromFiles)
      if (!paired.has(identityOf(o)))
        results.push({
          status: 'fail',
          resource: resourceOf(o),
          message: `${o.location.file} declares ${o.kind} ${o.name}, which the stack does not apply`,
        });
    return results;
  },
};
