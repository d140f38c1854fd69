/** Blueprints and summaries for the capability tests: one line per flow or denial, so ports read at a glance. */
import { validateBlueprint } from '../../../src/blueprint/index.js';
import {
  capabilityContext,
  type CapabilityContext,
  type CapabilityParts,
  type DenialClaim,
  type Flow,
} from '../../../src/flows/index.js';

export function contextFor(input: Record<string, unknown> = {}): CapabilityContext {
  return capabilityContext(validateBlueprint({ name: 'search', ...input }, 'bp.yaml'));
}

/** `<id> <port>/<protocol> <layers>`, with ` via mesh` for flows through the sidecars. */
export function flowLine(flow: Flow): string {
  return `${flow.id} ${flow.port}/${flow.protocol} ${flow.enforcedBy.join('+')}${flow.viaMesh ? ' via mesh' : ''}`;
}

/** Each section a capability contributes to, with its flows as lines. */
export function flowSections(parts: CapabilityParts): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(parts.flows).map(([section, flows]) => [section, (flows ?? []).map(flowLine)]),
  );
}

/** `<id> (<class>): <from> -> <to> on <ports>`. */
export function denialLine(denial: DenialClaim): string {
  const ports = denial.ports.length ? denial.ports.join(',') : 'any port';
  return `${denial.id} (${denial.class}): ${denial.from.join(',')} -> ${denial.to.join(',')} on ${ports}`;
}

export const ALB = {
  exposure: 'alb',
  edge: {
    domainName: 'weaviate.example.com',
    certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc',
  },
};

export const INTERNAL_ALB = { ...ALB, edge: { ...ALB.edge, scheme: 'internal' } };

export const CLOUDFRONT = {
  exposure: 'cloudfront',
  edge: {
    domainName: 'weaviate.example.com',
    hostedZoneId: 'Z0123456789EXAMPLE',
    hostedZoneName: 'example.com',
  },
};

export const SITE_TO_SITE = {
  adminAccess: {
    siteToSiteVpn: { enabled: true, customerGatewayIp: '203.0.113.10', onPremisesCidrs: ['192.168.0.0/16'] },
  },
};
