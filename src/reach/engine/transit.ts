/**
 * Proves a flow's declared protection in transit against the artefacts, the way the reachability proof proves
 * its verdict:
 *
 * - mutual TLS: the receiving pods carry a sidecar that intercepts the port, and either the PeerAuthentication
 *   in force for the port is STRICT or a DestinationRule makes the sending side use ISTIO_MUTUAL; a PERMISSIVE or
 *   DISABLE mode of any PeerAuthentication that applies to the port (or a DestinationRule that sends without
 *   Istio's mutual TLS) refutes it, even where a narrower policy overrides it;
 * - TLS ended by the load balancer: its listeners on the port speak HTTPS; TLS from the load balancer to pods:
 *   its IP target groups on the port speak HTTPS; TLS ended by the ingress gateway: those target groups speak
 *   HTTPS and the gateway's servers on the port end TLS with a certificate (gateway-tls.ts); TLS ended by an AWS service, the Kubernetes API, a kubelet,
 *   istiod or a webhook server: those receivers serve nothing but TLS, so the declaration holds by the receiver;
 * - none: accepted when acknowledged with a reason, refuted otherwise.
 *
 * Written by hand: Istio ships no offline evaluator of its security settings.
 */
import {
  TERMINATED_BY_INGRESS_GATEWAY,
  TERMINATED_BY_LATTICE_LISTENER,
  TERMINATED_BY_LOAD_BALANCER,
  TERMINATED_BY_LOAD_BALANCER_TARGET,
} from '../../flows/protection.js';
import type { Flow, FlowProtection, FlowSpec } from '../../flows/types.js';
import type { CfnResource, Inventory, K8sObject } from '../../inventory/model.js';
import { getPath, isSymbolic } from '../../inventory/values.js';
import type { TransitVerdict } from '../../findings/index.js';
import type { FlowCheck } from './check-result.js';
import { proveGatewayEndsTls } from './gateway-tls.js';
import type { KubernetesModel, NetworkModel, PodModel } from './model.js';
import type { Endpoint } from './query.js';
import { matchLabelSelector } from './selectors.js';
import { endpointOf } from './spec-endpoints.js';

export interface TransitProof {
  readonly verdict: TransitVerdict;
  readonly reason: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const DOWNGRADES = ['PERMISSIVE', 'DISABLE'];

export function proveTransit(
  inventory: Inventory,
  k8s: KubernetesModel,
  flow: Flow,
  from: Endpoint,
  to: Endpoint,
): TransitProof | undefined {
  const protection = flow.protection;
  if (!protection) return undefined;
  switch (protection.kind) {
    case 'none':
      return protection.acknowledged?.trim()
        ? { verdict: 'accepted', reason: `plaintext, acknowledged: ${protection.acknowledged}` }
        : { verdict: 'refuted', reason: 'plaintext, and no reason is acknowledged' };
    case 'tls':
      return proveTls(inventory, flow, protection, to);
    case 'mtls':
      // Mutual TLS ended outside the mesh (the enclave's control plane) is the channel's own: its certificates
      // are not in any template, so it is taken from the receiver, as TLS to an AWS service is.
      if (protection.terminatedBy !== 'istio-sidecar')
        return {
          verdict: 'by-receiver',
          reason: `mutual TLS ended by ${protection.terminatedBy}, which accepts nothing but mutually authenticated TLS`,
        };
      return meshInputGap(inventory, k8s) ?? proveMutualTls(k8s, flow, from, to);
  }
}

/** Whether a value holds anything the input does not determine, at any depth. */
function undetermined(value: unknown): boolean {
  if (isSymbolic(value)) return true;
  if (Array.isArray(value)) return value.some(undetermined);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(undetermined);
  return false;
}

/**
 * A part of the input that may hold a mesh setting the proof cannot see: an object skipped because its kind,
 * version or metadata is undetermined or malformed, or an Istio policy or Service with an undetermined value.
 */
function meshInputGap(inventory: Inventory, k8s: KubernetesModel): TransitProof | undefined {
  const skipped = inventory.diagnostics.find((d) => d.gap === 'malformed' || d.gap === 'undetermined');
  if (skipped)
    return {
      verdict: 'unknown',
      reason: `part of the input is not read (${skipped.message}); it may be a PeerAuthentication or DestinationRule`,
    };
  const open = [...k8s.peerAuthentications, ...k8s.destinationRules, ...k8s.services].find(
    (o) =>
      undetermined(obj(o.object.metadata).namespace) ||
      undetermined(obj(o.object.metadata).name) ||
      undetermined(o.object.spec),
  );
  if (open)
    return {
      verdict: 'unknown',
      reason: `${open.kind} ${open.name} holds a value the input does not determine`,
    };
  return undefined;
}

function proveTls(inventory: Inventory, flow: Flow, protection: FlowProtection, to: Endpoint): TransitProof {
  if (protection.terminatedBy === TERMINATED_BY_INGRESS_GATEWAY)
    return bothEnds(
      httpsOnPort(inventory, 'AWS::ElasticLoadBalancingV2::TargetGroup', flow.port, 'target group'),
      proveGatewayEndsTls(inventory, flow, to),
    );
  if (protection.terminatedBy === TERMINATED_BY_LOAD_BALANCER)
    return httpsOnPort(inventory, 'AWS::ElasticLoadBalancingV2::Listener', flow.port, 'listener');
  if (protection.terminatedBy === TERMINATED_BY_LOAD_BALANCER_TARGET)
    return httpsOnPort(inventory, 'AWS::ElasticLoadBalancingV2::TargetGroup', flow.port, 'target group');
  if (protection.terminatedBy === TERMINATED_BY_LATTICE_LISTENER)
    return httpsOnPort(inventory, 'AWS::VpcLattice::Listener', flow.port, 'Lattice listener');
  return {
    verdict: 'by-receiver',
    reason: `TLS ended by ${protection.terminatedBy}, which serves nothing but TLS on this port`,
  };
}

/** TLS between a load balancer and a gateway: refuted or unknown when either end is, proved when both are. */
function bothEnds(sender: TransitProof, receiver: TransitProof): TransitProof {
  const proofs = [sender, receiver];
  const worst = proofs.find((p) => p.verdict === 'refuted') ?? proofs.find((p) => p.verdict === 'unknown');
  if (worst) return worst;
  return { verdict: 'proved', reason: `${sender.reason}; ${receiver.reason}` };
}

/** Every listener or target group of the input on the port speaks HTTPS. */
function httpsOnPort(inventory: Inventory, type: string, port: number, what: string): TransitProof {
  const onPort = inventory.cfn.filter((r) => r.type === type && numberOf(r, 'Port') === port);
  const undetermined = inventory.cfn.find(
    (r) =>
      r.type === type &&
      (isSymbolic(getPath(r.properties, 'Port')) || isSymbolic(getPath(r.properties, 'Protocol'))),
  );
  if (undetermined)
    return {
      verdict: 'unknown',
      reason: `the port or protocol of ${what} ${undetermined.key} is undetermined`,
    };
  if (onPort.length === 0) return { verdict: 'unknown', reason: `the input has no ${what} on port ${port}` };
  const plain = onPort.find((r) => getPath(r.properties, 'Protocol') !== 'HTTPS');
  if (plain)
    return {
      verdict: 'refuted',
      reason: `${what} ${plain.key} on port ${port} speaks ${String(getPath(plain.properties, 'Protocol') ?? 'its default')}, not HTTPS`,
    };
  return {
    verdict: 'proved',
    reason: `every ${what} on port ${port} speaks HTTPS (${onPort.map((r) => r.key).join(', ')})`,
  };
}

function numberOf(r: CfnResource, path: string): number | undefined {
  const v = getPath(r.properties, path);
  return typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}

function proveMutualTls(k8s: KubernetesModel, flow: Flow, from: Endpoint, to: Endpoint): TransitProof {
  if (to.kind !== 'pod')
    return { verdict: 'refuted', reason: `${flow.to} is not a pod: the mesh cannot end mutual TLS there` };
  if (from.kind === 'pod' && !from.pod.meshed)
    return { verdict: 'refuted', reason: `${from.pod.id} has no sidecar to start mutual TLS` };
  const receivers = receivingPods(k8s, to.pod);
  if (receivers.length === 0) return proveAtSender(k8s, flow, from, to.pod);
  const proofs = receivers.map((pod) => proveAtPod(k8s, flow, from, pod));
  return (
    proofs.find((p) => p.verdict === 'refuted') ?? proofs.find((p) => p.verdict === 'unknown') ?? proofs[0]!
  );
}

/**
 * Receiving pods the input does not hold (an operator creates them from a resource of its own): only the sending
 * side can be proved. A sidecar told by a DestinationRule to use ISTIO_MUTUAL towards a Service of the input that
 * selects those pods sends nothing but mutual TLS; a receiver without a sidecar refuses the connection rather
 * than receive plaintext. Anything short of that stays unknown.
 */
function proveAtSender(k8s: KubernetesModel, flow: Flow, from: Endpoint, pod: PodModel): TransitProof {
  const notInInput: TransitProof = {
    verdict: 'unknown',
    reason: `the pods of ${flow.to} are not in the input`,
  };
  if (from.kind !== 'pod' || from.pod.hypothetical) return notInInput;
  const sender = senderMode(k8s, from, pod, flow.port);
  if ('unknown' in sender) return { verdict: 'unknown', reason: sender.unknown };
  if (sender.mode && sender.mode !== 'ISTIO_MUTUAL')
    return {
      verdict: 'refuted',
      reason: `DestinationRule ${sender.rule} makes the sending side use ${sender.mode}, not Istio's mutual TLS`,
    };
  if (sender.mode === 'ISTIO_MUTUAL')
    return {
      verdict: 'proved',
      reason: `DestinationRule ${sender.rule} makes ${from.pod.id}'s sidecar send ISTIO_MUTUAL to ${flow.to} (its pods are not in the input; one without a sidecar would refuse the connection)`,
    };
  return notInInput;
}

/** The manifests' pods behind a spec endpoint (a hypothetical pod stands for pods the input does not hold). */
function receivingPods(k8s: KubernetesModel, pod: PodModel): PodModel[] {
  if (!pod.hypothetical) return [pod];
  return k8s.pods.filter(
    (p) => p.namespace === pod.namespace && Object.entries(pod.labels).every(([k, v]) => p.labels[k] === v),
  );
}

function proveAtPod(k8s: KubernetesModel, flow: Flow, from: Endpoint, pod: PodModel): TransitProof {
  const port = flow.port;
  const metadata = pod.template
    ? getPath(
        pod.template.owner.object as never,
        [...pod.template.specPath.split('.').slice(0, -1), 'metadata'].join('.'),
      )
    : undefined;
  if (undetermined(metadata))
    return { verdict: 'unknown', reason: `the labels or annotations of ${pod.id} are undetermined` };
  if (!pod.meshed)
    return { verdict: 'refuted', reason: `${pod.id} has no sidecar: port ${port} is plaintext` };
  if (pod.meshExcludedPorts.includes(port))
    return {
      verdict: 'refuted',
      reason: `port ${port} of ${pod.id} is excluded from the sidecar (traffic.sidecar.istio.io/excludeInboundPorts): plaintext`,
    };
  const chain = peerAuthenticationChain(k8s, pod);
  if ('unknown' in chain) return { verdict: 'unknown', reason: chain.unknown };
  for (const pa of chain.policies) {
    const mode = modeFor(pa, port);
    if (mode === undefined) continue;
    if (isSymbolic(mode))
      return {
        verdict: 'unknown',
        reason: `the mTLS mode of PeerAuthentication ${pa.namespace}/${pa.name} is undetermined`,
      };
    if (DOWNGRADES.includes(String(mode)))
      return {
        verdict: 'refuted',
        reason: `PeerAuthentication ${pa.namespace}/${pa.name} sets port ${port} of ${pod.id} to ${String(mode)}: the sidecar accepts plaintext`,
      };
  }
  const effective = chain.policies.map((pa) => modeFor(pa, port)).find((m) => m !== undefined);
  const sender = senderMode(k8s, from, pod, port);
  if ('unknown' in sender) return { verdict: 'unknown', reason: sender.unknown };
  if (sender.mode && sender.mode !== 'ISTIO_MUTUAL')
    return {
      verdict: 'refuted',
      reason: `DestinationRule ${sender.rule} makes the sending side use ${sender.mode}, not Istio's mutual TLS`,
    };
  if (effective === 'STRICT') {
    const owner = chain.policies.find((pa) => modeFor(pa, port) === 'STRICT')!;
    return {
      verdict: 'proved',
      reason: `STRICT PeerAuthentication ${owner.namespace}/${owner.name} on port ${port} of ${pod.id}`,
    };
  }
  if (sender.mode === 'ISTIO_MUTUAL')
    return { verdict: 'proved', reason: `DestinationRule ${sender.rule} sends ISTIO_MUTUAL to ${pod.id}` };
  return {
    verdict: 'refuted',
    reason: `no STRICT PeerAuthentication covers port ${port} of ${pod.id} and no DestinationRule sends ISTIO_MUTUAL to it`,
  };
}

/** The PeerAuthentications that apply to a pod, narrowest first: workload, namespace, mesh-wide. */
function peerAuthenticationChain(
  k8s: KubernetesModel,
  pod: PodModel,
): { policies: K8sObject[] } | { unknown: string } {
  const workload: K8sObject[] = [];
  const namespace: K8sObject[] = [];
  const mesh: K8sObject[] = [];
  for (const pa of k8s.peerAuthentications) {
    if (pa.namespace !== pod.namespace && pa.namespace !== k8s.rootNamespace) continue;
    const spec = pa.object.spec;
    if (isSymbolic(spec))
      return { unknown: `the spec of PeerAuthentication ${pa.namespace}/${pa.name} is undetermined` };
    const selector = obj(spec).selector;
    if (selector === undefined) (pa.namespace === pod.namespace ? namespace : mesh).push(pa);
    else {
      const match = matchLabelSelector(selector, pod.labels);
      if (match.outcome === 'unknown')
        return { unknown: `PeerAuthentication ${pa.namespace}/${pa.name}: selector ${match.reason}` };
      if (match.outcome === 'match' && pa.namespace === pod.namespace) workload.push(pa);
    }
  }
  return { policies: [...workload, ...namespace, ...mesh] };
}

/** The mode a PeerAuthentication sets for a port (port-level first), or undefined when it inherits. */
function modeFor(pa: K8sObject, port: number): unknown {
  const spec = obj(pa.object.spec);
  const portLevel = obj(obj(spec.portLevelMtls)[String(port)]).mode;
  const mode = portLevel ?? obj(spec.mtls).mode;
  return mode === 'UNSET' ? undefined : mode;
}

/**
 * The TLS mode DestinationRules give the sending side towards the pod's port. A sender reaches the port through
 * any Service that selects the pod and exposes it, so each such Service's rule counts (looked up in the
 * client's namespace, the Service's, then the root namespace), and one that sends without ISTIO_MUTUAL wins.
 */
function senderMode(
  k8s: KubernetesModel,
  from: Endpoint,
  pod: PodModel,
  port: number,
): { mode?: string; rule?: string } | { unknown: string } {
  const services = k8s.services.filter(
    (s) =>
      s.namespace === pod.namespace &&
      exposes(s, pod, port) &&
      matchLabelSelector({ matchLabels: obj(obj(s.object.spec).selector) }, pod.labels).outcome === 'match',
  );
  const order = [from.kind === 'pod' ? from.pod.namespace : undefined, pod.namespace, k8s.rootNamespace];
  const found: { mode?: string; rule: string }[] = [];
  for (const service of services) {
    const hosts = [
      service.name,
      `${service.name}.${service.namespace}`,
      `${service.name}.${service.namespace}.svc`,
      `${service.name}.${service.namespace}.svc.cluster.local`,
    ];
    const covers = (host: unknown) =>
      typeof host === 'string' &&
      (hosts.includes(host) || (host.startsWith('*') && hosts.some((h) => h.endsWith(host.slice(1)))));
    const rule = order
      .flatMap((ns) => (ns ? k8s.destinationRules.filter((d) => d.namespace === ns) : []))
      .find((dr) => isSymbolic(dr.object.spec) || covers(obj(dr.object.spec).host));
    if (!rule) continue;
    if (isSymbolic(rule.object.spec))
      return { unknown: `the spec of DestinationRule ${rule.namespace}/${rule.name} is undetermined` };
    const policy = obj(obj(rule.object.spec).trafficPolicy);
    const servicePort = servicePortFor(service, pod, port);
    const portLevel = list(policy.portLevelSettings).find(
      (p) => servicePort !== undefined && obj(obj(p).port).number === servicePort,
    );
    const mode = obj(obj(portLevel).tls).mode ?? obj(policy.tls).mode;
    if (isSymbolic(mode))
      return { unknown: `the TLS mode of DestinationRule ${rule.namespace}/${rule.name} is undetermined` };
    found.push({ mode: typeof mode === 'string' ? mode : undefined, rule: `${rule.namespace}/${rule.name}` });
  }
  return (
    found.find((f) => f.mode !== undefined && f.mode !== 'ISTIO_MUTUAL') ??
    found.find((f) => f.mode === 'ISTIO_MUTUAL') ??
    {}
  );
}

/** The Service port that reaches the pod's port (by number or by the container port's name), if any. */
function servicePortFor(service: K8sObject, pod: PodModel, port: number): number | undefined {
  for (const p of list(obj(service.object.spec).ports)) {
    const entry = obj(p);
    const target = entry.targetPort ?? entry.port;
    const resolved = typeof target === 'string' ? pod.namedPorts[target]?.port : target;
    if (resolved === port && typeof entry.port === 'number') return entry.port;
  }
  return undefined;
}

function exposes(service: K8sObject, pod: PodModel, port: number): boolean {
  return servicePortFor(service, pod, port) !== undefined;
}

/** The intended flows' results with their declared protection and its proof attached. */
export function withTransitProofs(
  inventory: Inventory,
  model: NetworkModel,
  spec: FlowSpec,
  checks: readonly FlowCheck[],
): FlowCheck[] {
  const flows = new Map(spec.flows.map((f) => [f.id, f]));
  const components = new Map(spec.components.map((c) => [c.id, c]));
  return checks.map((check) => {
    const flow = check.class === 'intended' ? flows.get(check.claim) : undefined;
    if (!flow?.protection) return check;
    const from = endpointOf(model, spec, components.get(flow.from), flow.from);
    const to = endpointOf(model, spec, components.get(flow.to), flow.to);
    const proof = proveTransit(inventory, model.k8s, flow, from, to)!;
    return { ...check, result: { ...check.result, protection: { ...flow.protection, ...proof } } };
  });
}
