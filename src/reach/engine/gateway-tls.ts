/**
 * Whether an Istio ingress gateway ends TLS on a flow's port: every Gateway server that selects the receiving
 * pods and listens on the port is an HTTPS (or TLS) server that terminates with a certificate (mode SIMPLE,
 * MUTUAL or OPTIONAL_MUTUAL, with a credential). A plain HTTP, HTTP2, GRPC or TCP server on the port is plaintext;
 * PASSTHROUGH and AUTO_PASSTHROUGH hand TLS to someone else, and ISTIO_MUTUAL asks for a mesh certificate no load
 * balancer presents, so neither ends TLS at the gateway as declared.
 *
 * Istio applies a Gateway to the pods its selector matches in any namespace (the default, without
 * PILOT_SCOPE_GATEWAY_TO_NAMESPACE), so every Gateway of the input counts. Written by hand: Istio ships no offline
 * evaluator of its Gateway configuration.
 */
import type { Flow } from '../../flows/types.js';
import type { Inventory, K8sObject } from '../../inventory/model.js';
import { isSymbolic } from '../../inventory/values.js';
import type { TransitVerdict } from '../../findings/index.js';
import type { Endpoint } from './query.js';

export interface GatewayTlsProof {
  readonly verdict: TransitVerdict;
  readonly reason: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const TERMINATING_MODES = ['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL'];
const TLS_PROTOCOLS = ['HTTPS', 'TLS'];

/** Whether a value holds anything the input does not determine, at any depth. */
function undetermined(value: unknown): boolean {
  if (isSymbolic(value)) return true;
  if (Array.isArray(value)) return value.some(undetermined);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(undetermined);
  return false;
}

const isIstioGateway = (o: K8sObject) =>
  o.kind === 'Gateway' && o.apiVersion.startsWith('networking.istio.io/');

/** Whether a Gateway's selector (a plain label map; empty selects every gateway pod) matches the labels. */
function selects(gateway: K8sObject, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(obj(obj(gateway.object.spec).selector)).every(([k, v]) => labels[k] === v);
}

/** Why a server on the port does not end TLS with a certificate, or undefined when it does. */
function plaintextReason(server: Obj): string | undefined {
  const protocol = String(obj(server.port).protocol ?? '').toUpperCase();
  if (!TLS_PROTOCOLS.includes(protocol)) return `speaks ${protocol || 'an unnamed protocol'}: plaintext`;
  const tls = obj(server.tls);
  // Istio's TLS mode defaults to PASSTHROUGH (the enum's zero value).
  const mode = typeof tls.mode === 'string' ? tls.mode : 'PASSTHROUGH';
  if (!TERMINATING_MODES.includes(mode))
    return mode === 'ISTIO_MUTUAL'
      ? 'ends TLS only for clients with a mesh certificate (ISTIO_MUTUAL), which no load balancer presents'
      : `does not end TLS at the gateway (mode ${mode})`;
  const credential =
    (typeof tls.credentialName === 'string' && tls.credentialName !== '') ||
    list(tls.credentialNames).length > 0 ||
    typeof tls.serverCertificate === 'string';
  if (!credential) return `has TLS mode ${mode} but no certificate (credentialName or serverCertificate)`;
  return undefined;
}

export function proveGatewayEndsTls(inventory: Inventory, flow: Flow, to: Endpoint): GatewayTlsProof {
  if (to.kind === 'unresolved') return { verdict: 'unknown', reason: to.reason };
  if (to.kind !== 'pod')
    return { verdict: 'refuted', reason: `${flow.to} is not a pod: no ingress gateway ends TLS there` };
  const gateways = inventory.k8s.filter(isIstioGateway);
  const open = gateways.find(
    (g) => undetermined(obj(g.object.metadata).namespace) || undetermined(g.object.spec),
  );
  if (open)
    return { verdict: 'unknown', reason: `Gateway ${open.name} holds a value the input does not determine` };
  const servers = gateways
    .filter((g) => selects(g, to.pod.labels))
    .flatMap((g) =>
      list(obj(g.object.spec).servers)
        .map(obj)
        .filter((s) => obj(s.port).number === flow.port)
        .map((server) => ({ gateway: g, server })),
    );
  const pods = `the pods of ${flow.to}`;
  if (servers.length === 0)
    return {
      verdict: 'unknown',
      reason: `the input has no Istio Gateway server on port ${flow.port} for ${pods}`,
    };
  for (const { gateway, server } of servers) {
    const reason = plaintextReason(server);
    if (reason)
      return {
        verdict: 'refuted',
        reason: `Gateway ${gateway.namespace}/${gateway.name} server ${String(obj(server.port).name ?? flow.port)} on port ${flow.port} ${reason}`,
      };
  }
  const names = [...new Set(servers.map(({ gateway }) => `${gateway.namespace}/${gateway.name}`))];
  return {
    verdict: 'proved',
    reason: `Gateway ${names.join(', ')} ends TLS on port ${flow.port} with a certificate`,
  };
}
