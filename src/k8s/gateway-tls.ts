/**
 * The ingress gateway's TLS listener and its certificate, when something in front of the gateway forwards client
 * traffic (`ingressGatewayServesTls`).
 *
 * The certificate comes from a CA that lives in the cluster: cert-manager signs a CA certificate once with a
 * self-signed bootstrap issuer, keeps the CA's key in a Secret of the gateway's namespace (encrypted at rest with
 * the cluster's secrets key, never exported), and issues the gateway's serving certificate from it, renewed well
 * before it expires. The Gateway server names the certificate's Secret (`credentialName`): istiod sends it to the
 * gateway's proxy over its TLS connection (SDS), so no volume is mounted and a renewal is picked up without a
 * restart.
 *
 * The load balancer does not validate target certificates, so the CA is not there to be trusted by the load
 * balancer; it exists so the key stays in the cluster and any client that does validate (a future one) has a
 * single root to trust.
 */
import { Certificate, Issuer } from '@kubernetes-models/cert-manager/cert-manager.io/v1';
import { INGRESS_GATEWAY_TLS, ingressGatewayServesTls } from '../flows/index.js';
import type { ManifestObject } from './chart.js';
import type { RenderContext } from './context.js';

/** The gateway's serving certificate: 90 days, renewed 30 days before it expires. */
export const GATEWAY_CERTIFICATE_DURATION = '2160h';
export const GATEWAY_CERTIFICATE_RENEW_BEFORE = '720h';
/** The CA certificate: 5 years, renewed a year before it expires. */
export const GATEWAY_CA_DURATION = '43800h';
export const GATEWAY_CA_RENEW_BEFORE = '8760h';

/** ECDSA P-256: accepted by the load balancer's TLS policy towards targets, and a new key on every renewal. */
const PRIVATE_KEY = { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' } as const;

/** An Istio Gateway server: the listener on the gateway's pods that the load balancer's target groups reach. */
export interface GatewayServer {
  readonly port: { number: number; name: string; protocol: 'HTTP' | 'HTTPS' };
  readonly hosts: string[];
  readonly tls?: { mode: 'SIMPLE'; credentialName: string; minProtocolVersion: 'TLSV1_2' };
}

/**
 * The gateway's server: HTTPS with the cluster-issued certificate when it serves TLS, else the plain listener no
 * flow reaches (without exposure nothing forwards to the gateway).
 */
export function ingressGatewayServer(ctx: RenderContext): GatewayServer {
  // Any host: the load balancer's health checks carry the target's IP as Host, and the domain is already enforced
  // in front (ALB listener and WAF, or CloudFront).
  const hosts = ['*'];
  if (!ingressGatewayServesTls(ctx.bp))
    return { port: { number: ctx.names.ingressGateway.httpPort, name: 'http', protocol: 'HTTP' }, hosts };
  return {
    port: { number: INGRESS_GATEWAY_TLS.port, name: INGRESS_GATEWAY_TLS.portName, protocol: 'HTTPS' },
    hosts,
    tls: { mode: 'SIMPLE', credentialName: INGRESS_GATEWAY_TLS.secretName, minProtocolVersion: 'TLSV1_2' },
  };
}

/** The DNS names the gateway's certificate carries: its Service inside the cluster. */
export function gatewayDnsNames(ctx: RenderContext): string[] {
  const gw = ctx.names.ingressGateway;
  const service = `${gw.serviceAccount}.${gw.namespace}.svc`;
  return [service, `${service}.cluster.local`];
}

/** The issuers and certificates behind the gateway's TLS listener; none when it serves no TLS. */
export function gatewayTlsObjects(ctx: RenderContext): ManifestObject[] {
  if (!ingressGatewayServesTls(ctx.bp)) return [];
  const namespace = ctx.names.ingressGateway.namespace;
  const labels = { ...ctx.commonLabels };
  const tls = INGRESS_GATEWAY_TLS;
  const issuerRef = (name: string) => ({ name, kind: 'Issuer', group: 'cert-manager.io' });
  return [
    new Issuer({
      metadata: { name: tls.bootstrapIssuer, namespace, labels },
      spec: { selfSigned: {} },
    }),
    new Certificate({
      metadata: { name: tls.caSecretName, namespace, labels },
      spec: {
        isCA: true,
        commonName: `${ctx.bp.name} ingress gateway CA`,
        secretName: tls.caSecretName,
        duration: GATEWAY_CA_DURATION,
        renewBefore: GATEWAY_CA_RENEW_BEFORE,
        privateKey: PRIVATE_KEY,
        issuerRef: issuerRef(tls.bootstrapIssuer),
      },
    }),
    new Issuer({
      metadata: { name: tls.issuer, namespace, labels },
      spec: { ca: { secretName: tls.caSecretName } },
    }),
    new Certificate({
      metadata: { name: tls.secretName, namespace, labels },
      spec: {
        secretName: tls.secretName,
        dnsNames: gatewayDnsNames(ctx),
        duration: GATEWAY_CERTIFICATE_DURATION,
        renewBefore: GATEWAY_CERTIFICATE_RENEW_BEFORE,
        privateKey: PRIVATE_KEY,
        usages: ['digital signature', 'server auth'],
        issuerRef: issuerRef(tls.issuer),
      },
    }),
  ];
}
