/**
 * Builds a control from one upstream Pod Security check: the check runs once per pod template and the result
 * names the workload that declares it (`namespace/name`, type `apiVersion/kind`).
 */
import type { Inventory, PodTemplate } from '../../inventory/model.js';
import type { FrameworkMappings, Severity } from '../../findings/index.js';
import type { CheckContext, Control, ControlId, ControlResult } from '../types.js';
import { getPath, isPlainObject, isSymbolic, type SymbolicValue } from '../../inventory/values.js';
import { Indeterminate, type PodCheck } from './pod.js';

export type PssLevel = 'baseline' | 'restricted';

export interface PssControlSpec {
  readonly id: ControlId;
  /** The upstream check id (`policy/check_*.go`), e.g. `hostNamespaces`. */
  readonly checkName: string;
  readonly level: PssLevel;
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  readonly remediation: string;
  /** Mappings besides `k8s-pss`, which is derived from level and check name. */
  readonly frameworks?: FrameworkMappings;
  /** The upstream check file name under policy/, for the reference. */
  readonly upstreamFile: string;
  readonly check: PodCheck;
}

const PSS_DOC = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
const UPSTREAM = 'https://github.com/kubernetes/pod-security-admission/blob/master/policy/';

export const WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
];

const podResources = new WeakMap<PodTemplate, ReturnType<typeof readPodResource>>();

/**
 * The finding's resource for a pod template: one frozen object per template, as every pod control names the
 * same one (fourteen Pod Security checks, the mesh and workload controls; 10k workloads gave 200k copies).
 */
export function podResource(pod: PodTemplate) {
  let resource = podResources.get(pod);
  if (!resource) podResources.set(pod, (resource = Object.freeze(readPodResource(pod))));
  return resource;
}

function readPodResource(pod: PodTemplate) {
  const o = pod.owner;
  return {
    type: `${o.apiVersion}/${o.kind}`,
    id: o.namespace ? `${o.namespace}/${o.name}` : o.name,
    file: o.location.file,
    path: `${o.location.path}.${pod.specPath}`,
    ...(o.location.line !== undefined ? { line: o.location.line } : {}),
  };
}

const annotationsUndetermined = new WeakMap<PodTemplate, boolean>();

/** Whether the pod template's annotations hold a value the input does not determine (read once per template). */
function undeterminedAnnotations(pod: PodTemplate): boolean {
  let undetermined = annotationsUndetermined.get(pod);
  if (undetermined === undefined) annotationsUndetermined.set(pod, (undetermined = readAnnotations(pod)));
  return undetermined;
}

function readAnnotations(pod: PodTemplate): boolean {
  const metadataPath = [...pod.specPath.split('.').slice(0, -1), 'metadata', 'annotations'].join('.');
  const annotations = getPath(pod.owner.object as SymbolicValue, metadataPath);
  if (isSymbolic(annotations)) return true;
  return isPlainObject(annotations) && Object.values(annotations).some(isSymbolic);
}

/** Runs one pod check over a pod template; never throws. */
export function evaluatePod(check: PodCheck, pod: PodTemplate): ControlResult {
  const resource = podResource(pod);
  // A template may leave the whole pod spec to a parameter; reading fields off it would find nothing to forbid.
  if (isSymbolic(pod.spec))
    return {
      status: 'unknown',
      resource,
      message: 'cannot be evaluated: the pod spec is not known statically',
    };
  try {
    const verdict = check(
      { annotations: pod.annotations, undeterminedAnnotations: undeterminedAnnotations(pod) },
      pod.spec,
    );
    return verdict.allowed
      ? { status: 'pass', resource, message: 'allowed' }
      : { status: 'fail', resource, message: `${verdict.reason} (${verdict.detail})` };
  } catch (error) {
    if (!(error instanceof Indeterminate)) throw error;
    return { status: 'unknown', resource, message: `cannot be evaluated: ${error.message}` };
  }
}

export function pssControl(spec: PssControlSpec): Control {
  return {
    id: spec.id,
    area: 'pss',
    title: spec.title,
    severity: spec.severity,
    rationale: spec.rationale,
    remediation: spec.remediation,
    references: [`${PSS_DOC}#${spec.level}`, `${UPSTREAM}${spec.upstreamFile}`],
    frameworks: { 'k8s-pss': [spec.level, spec.checkName], ...spec.frameworks },
    appliesTo: WORKLOAD_KINDS,
    since: '0.1.0',
    check(inventory: Inventory, _context: CheckContext): ControlResult[] {
      return inventory.pods.map((pod) => evaluatePod(spec.check, pod));
    },
  };
}
