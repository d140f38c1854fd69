/** Rendering, schema validation and a Pod Security `restricted` checker for the Kubernetes chart tests. */
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1';
import { ConfigMap, Namespace, Secret, Service, ServiceAccount, type IPodSpec } from 'kubernetes-models/v1';
import { AuthorizationPolicy } from '@kubernetes-models/istio/security.istio.io/v1';
import { PeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1beta1';
import {
  DestinationRule,
  Gateway,
  VirtualService,
} from '@kubernetes-models/istio/networking.istio.io/v1beta1';
import { Telemetry } from '@kubernetes-models/istio/telemetry.istio.io/v1alpha1';
import {
  PodMonitor,
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Certificate, Issuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1';
import { CronJob } from 'kubernetes-models/batch/v1';
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { validateBlueprint, type Blueprint } from '../../src/blueprint/index.js';
import { deriveFlowSpec, type FlowSpec } from '../../src/flows/index.js';
import { renderCharts, type RenderedChart } from '../../src/k8s/index.js';

export type K8sObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
};

export interface Rendered {
  readonly blueprint: Blueprint;
  readonly spec: FlowSpec;
  readonly charts: RenderedChart[];
  readonly objects: K8sObject[];
}

const cache = new Map<string, Rendered>();

/** Renders the charts for a blueprint as a user would write it (`{}` is the default blueprint). */
export function render(input: Record<string, unknown> = {}): Rendered {
  const key = JSON.stringify(input);
  const hit = cache.get(key);
  if (hit) return hit;
  const blueprint = validateBlueprint(input, 'test-blueprint.yaml');
  const spec = deriveFlowSpec(blueprint);
  const charts = renderCharts(blueprint, spec);
  const objects = charts.flatMap((c) => c.objects) as K8sObject[];
  const out = { blueprint, spec, charts, objects };
  cache.set(key, out);
  return out;
}

export function ofKind(r: Rendered, kind: string): K8sObject[] {
  return r.objects.filter((o) => o.kind === kind);
}

export function one(r: Rendered, kind: string, name: string, namespace?: string): K8sObject {
  const hits = r.objects.filter(
    (o) =>
      o.kind === kind &&
      o.metadata.name === name &&
      (namespace === undefined || o.metadata.namespace === namespace),
  );
  if (hits.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${hits.length}`);
  return hits[0]!;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each model takes its own interface
type ModelClass = new (data: any) => { validate(): void };

/**
 * Istio serves the Telemetry API at v1 with the v1alpha1 schema unchanged; kubernetes-models has only the
 * v1alpha1 model, so the object is checked against it under that version.
 */
class TelemetryV1 {
  private readonly model: Telemetry;
  constructor(data: Record<string, unknown>) {
    this.model = new Telemetry({ ...data, apiVersion: 'telemetry.istio.io/v1alpha1' } as never);
  }
  validate(): void {
    this.model.validate();
  }
}
const MODELS: Record<string, ModelClass> = {
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'apps/v1/StatefulSet': StatefulSet,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'storage.k8s.io/v1/StorageClass': StorageClass,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'security.istio.io/v1/AuthorizationPolicy': AuthorizationPolicy,
  'security.istio.io/v1beta1/PeerAuthentication': PeerAuthentication,
  'networking.istio.io/v1beta1/Gateway': Gateway,
  'networking.istio.io/v1beta1/VirtualService': VirtualService,
  'networking.istio.io/v1beta1/DestinationRule': DestinationRule,
  'telemetry.istio.io/v1/Telemetry': TelemetryV1,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
  'monitoring.coreos.com/v1/PodMonitor': PodMonitor,
  'batch/v1/CronJob': CronJob,
  'v1/Secret': Secret,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
  'cert-manager.io/v1/Issuer': Issuer,
  'cert-manager.io/v1/Certificate': Certificate,
};

/**
 * Validates an object against its kubernetes-models schema (core API or CRD model). Throws for a kind with no
 * model, except the SecretProviderClass and the TargetGroupBinding, whose shapes are checked by hand.
 */
export function validateObject(o: K8sObject): void {
  const key = `${o.apiVersion}/${o.kind}`;
  if (key === 'secrets-store.csi.x-k8s.io/v1/SecretProviderClass') return validateSecretProviderClass(o);
  if (key === 'elbv2.k8s.aws/v1beta1/TargetGroupBinding') return validateTargetGroupBinding(o);
  const Model = MODELS[key];
  if (!Model) throw new Error(`no schema model for ${key}`);
  new Model(o).validate();
}

/** The fields the Secrets Store CSI driver requires (it publishes no JSON schema we can vendor). */
export function validateSecretProviderClass(o: K8sObject): void {
  const spec = o.spec as {
    provider?: unknown;
    parameters?: Record<string, unknown>;
    secretObjects?: unknown[];
  };
  if (spec.provider !== 'aws') throw new Error('provider must be aws');
  if (typeof spec.parameters?.objects !== 'string')
    throw new Error('parameters.objects must be a YAML string');
  for (const [k, v] of Object.entries(spec.parameters))
    if (typeof v !== 'string') throw new Error(`parameters.${k} must be a string`);
  for (const s of spec.secretObjects ?? []) {
    const so = s as {
      secretName?: unknown;
      type?: unknown;
      data?: { objectName?: unknown; key?: unknown }[];
    };
    if (typeof so.secretName !== 'string' || typeof so.type !== 'string' || !Array.isArray(so.data))
      throw new Error('secretObjects entries need secretName, type and data');
    for (const d of so.data)
      if (typeof d.objectName !== 'string' || typeof d.key !== 'string')
        throw new Error('secretObjects data entries need objectName and key');
  }
}

/** The pod spec of a workload object (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob). */
export function podSpecOf(o: K8sObject): IPodSpec | undefined {
  const spec = o.spec as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (!spec) return undefined;
  if (o.kind === 'Pod') return spec as IPodSpec;
  if (o.kind === 'CronJob') return spec.jobTemplate?.spec?.template?.spec;
  return spec.template?.spec;
}

const ALLOWED_VOLUME_TYPES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/**
 * The Pod Security `restricted` checks (baseline + restricted, kubernetes/pod-security-admission), returning one
 * message per violation. Written for the tests so they do not depend on the verifier under test.
 */
export function restrictedViolations(pod: IPodSpec): string[] {
  const out: string[] = [];
  const psc = pod.securityContext ?? {};
  const containers = [...(pod.initContainers ?? []), ...pod.containers, ...(pod.ephemeralContainers ?? [])];
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) out.push('hostNamespaces');
  for (const v of pod.volumes ?? []) {
    const types = Object.keys(v).filter((k) => k !== 'name');
    if (types.some((t) => !ALLOWED_VOLUME_TYPES.has(t))) out.push(`restrictedVolumes: ${v.name}`);
  }
  if (psc.runAsNonRoot === false) out.push('runAsNonRoot: pod false');
  if (psc.runAsUser === 0) out.push('runAsUser: pod 0');
  const podSeccomp = psc.seccompProfile?.type;
  if (podSeccomp !== undefined && !['RuntimeDefault', 'Localhost'].includes(podSeccomp))
    out.push('seccompProfile: pod');
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    if (sc.privileged) out.push(`privileged: ${c.name}`);
    if (sc.allowPrivilegeEscalation !== false) out.push(`allowPrivilegeEscalation: ${c.name}`);
    if (sc.runAsNonRoot === false || (sc.runAsNonRoot !== true && psc.runAsNonRoot !== true))
      out.push(`runAsNonRoot: ${c.name}`);
    if (sc.runAsUser === 0) out.push(`runAsUser: ${c.name}`);
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (!seccomp || !['RuntimeDefault', 'Localhost'].includes(seccomp)) out.push(`seccompProfile: ${c.name}`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) out.push(`capabilities drop ALL: ${c.name}`);
    if ((sc.capabilities?.add ?? []).some((cap) => cap !== 'NET_BIND_SERVICE'))
      out.push(`capabilities add: ${c.name}`);
    if ((c.ports ?? []).some((p) => p.hostPort)) out.push(`hostPorts: ${c.name}`);
    if (sc.procMount && sc.procMount !== 'Default') out.push(`procMount: ${c.name}`);
    for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe])
      if (probe?.httpGet?.host || probe?.tcpSocket?.host) out.push(`probe host: ${c.name}`);
  }
  return out;
}

/**
 * The fields the AWS Load Balancer Controller's TargetGroupBinding CRD requires (no kubernetes-models package
 * covers it): a target group by ARN or by name (an ELB target group name), a target type, a Service and port.
 */
export function validateTargetGroupBinding(o: K8sObject): void {
  const spec = o.spec as {
    targetGroupARN?: unknown;
    targetGroupName?: unknown;
    targetType?: unknown;
    serviceRef?: { name?: unknown; port?: unknown };
  };
  if ((spec.targetGroupARN === undefined) === (spec.targetGroupName === undefined))
    throw new Error('exactly one of targetGroupARN and targetGroupName');
  if (
    spec.targetGroupName !== undefined &&
    !(
      typeof spec.targetGroupName === 'string' &&
      /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(spec.targetGroupName)
    )
  )
    throw new Error('targetGroupName must be an ELB target group name (1-32 letters, digits, inner dashes)');
  if (spec.targetType !== 'ip' && spec.targetType !== 'instance')
    throw new Error('targetType must be ip or instance');
  if (typeof spec.serviceRef?.name !== 'string' || spec.serviceRef.name === '')
    throw new Error('serviceRef.name must be a Service name');
  const port = spec.serviceRef.port;
  if (!(
    typeof port === 'string' ||
    (typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536)
  ))
    throw new Error('serviceRef.port must be a port number or name');
}
