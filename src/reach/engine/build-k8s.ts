/** Builds the Kubernetes half of the network model: pods placed on node groups, policies, mesh settings. */
import type { Inventory, K8sObject, PodTemplate } from '../../inventory/model.js';
import type { AwsModel } from './build-aws.js';
import type { AttachmentModel, KubernetesModel, PodModel } from './model.js';
import { matchLabelSelector } from './selectors.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function buildKubernetesModel(inventory: Inventory, aws: AwsModel): KubernetesModel {
  const kind = (k: string, group?: string) =>
    inventory.k8s.filter((o) => o.kind === k && (group === undefined || o.apiVersion.startsWith(group)));
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const ns of kind('Namespace'))
    namespaceLabels.set(ns.name, { ...ns.labels, 'kubernetes.io/metadata.name': ns.name });
  const nodeGroups = [...aws.attachments.values()].filter((a) => a.kind === 'node-group');
  const pods = inventory.pods.map((t) => podOf(t, nodeGroups, namespaceLabels));
  return {
    present: inventory.k8s.length > 0,
    enforced: aws.cniPolicy?.enforced,
    enforcementSource:
      aws.cniPolicy?.source ??
      'no EKS cluster or vpc-cni add-on in the input: whether the CNI enforces NetworkPolicies is not known',
    pods,
    networkPolicies: kind('NetworkPolicy', 'networking.k8s.io'),
    namespaceLabels,
    authorizationPolicies: kind('AuthorizationPolicy', 'security.istio.io'),
    peerAuthentications: kind('PeerAuthentication', 'security.istio.io'),
    services: kind('Service'),
    destinationRules: kind('DestinationRule', 'networking.istio.io'),
    rootNamespace: 'istio-system',
  };
}

const namespaceLabelSets = new WeakMap<
  KubernetesModel['namespaceLabels'],
  Map<string, Readonly<Record<string, string>>>
>();

/**
 * Labels of a namespace (including the automatic `kubernetes.io/metadata.name`), one frozen set per namespace
 * and model: the policy selectors' answers are remembered per label set (./network-policy.ts).
 */
export function labelsOfNamespace(
  model: KubernetesModel,
  namespace: string,
): Readonly<Record<string, string>> {
  let sets = namespaceLabelSets.get(model.namespaceLabels);
  if (!sets) namespaceLabelSets.set(model.namespaceLabels, (sets = new Map()));
  let labels = sets.get(namespace);
  if (!labels) {
    labels = Object.freeze({
      ...(model.namespaceLabels.get(namespace) ?? {}),
      'kubernetes.io/metadata.name': namespace,
    });
    sets.set(namespace, labels);
  }
  return labels;
}

function podOf(
  t: PodTemplate,
  nodeGroups: readonly AttachmentModel[],
  namespaceLabels: ReadonlyMap<string, Record<string, string>>,
): PodModel {
  const spec = t.spec as Obj;
  const namedPorts: Record<string, { port: number; protocol: string }> = {};
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)])
    for (const p of arr(obj(c).ports)) {
      const port = obj(p);
      if (typeof port.name === 'string' && typeof port.containerPort === 'number')
        namedPorts[port.name] = {
          port: port.containerPort,
          protocol: String(port.protocol ?? 'TCP').toLowerCase(),
        };
    }
  const nsLabels = namespaceLabels.get(t.namespace) ?? {};
  const inject = t.labels['sidecar.istio.io/inject'] ?? t.annotations['sidecar.istio.io/inject'];
  const hasProxy = arr(spec.containers).some((c) => obj(c).name === 'istio-proxy');
  const meshed =
    hasProxy ||
    inject === 'true' ||
    (inject !== 'false' &&
      (nsLabels['istio-injection'] === 'enabled' || nsLabels['istio.io/rev'] !== undefined));
  const excluded = (t.annotations['traffic.sidecar.istio.io/excludeInboundPorts'] ?? '')
    .split(',')
    .map((p) => Number(p.trim()))
    .filter((p) => Number.isInteger(p) && p > 0);
  return {
    id: `${t.namespace}/${t.owner.name}`,
    namespace: t.namespace,
    labels: t.labels,
    serviceAccount: String(spec.serviceAccountName ?? spec.serviceAccount ?? 'default'),
    hostNetwork: spec.hostNetwork === true,
    namedPorts,
    nodeGroups: nodeGroups.filter((g) => schedulable(spec, g)).map((g) => g.key),
    meshed,
    meshExcludedPorts: excluded,
    hypothetical: false,
    template: t,
  };
}

/** Whether the scheduler may place a pod with this spec on the node group (nodeSelector, required affinity, taints). */
export function schedulable(spec: Obj, group: AttachmentModel): boolean {
  const labels = group.nodeLabels ?? {};
  for (const [k, v] of Object.entries(obj(spec.nodeSelector))) if (labels[k] !== String(v)) return false;
  const required = obj(obj(obj(spec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution);
  const terms = arr(required.nodeSelectorTerms);
  // A term the label matcher cannot decide (Gt, Lt, a malformed requirement) counts as one the group may
  // satisfy: placing the pod on more groups can only make more flows possible, never prove one impossible.
  if (
    terms.length > 0 &&
    !terms.some(
      (term) =>
        matchLabelSelector({ matchExpressions: arr(obj(term).matchExpressions) }, labels).outcome !==
        'no-match',
    )
  )
    return false;
  const tolerations = arr(spec.tolerations).map(obj);
  for (const taint of group.taints ?? []) {
    if (taint.effect === 'PreferNoSchedule') continue;
    const tolerated = tolerations.some(
      (t) =>
        (t.effect === undefined || t.effect === taint.effect) &&
        (t.key === undefined ? t.operator === 'Exists' : t.key === taint.key) &&
        (t.operator === 'Exists' || String(t.value ?? '') === (taint.value ?? '')),
    );
    if (!tolerated) return false;
  }
  return true;
}

export function objectSpec(o: K8sObject): Obj {
  return obj(o.object.spec);
}
