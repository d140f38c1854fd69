/**
 * Can component A reach component B on port P over protocol X? Every layer on the way answers (routes,
 * security groups, network ACLs, NetworkPolicies, the mesh); the layers are conjunctive, so one definite
 * denial proves the flow impossible, an undetermined layer makes it unknown, and otherwise the hops that
 * admitted it are the witness path.
 */
import type { Component, Protocol } from '../flows/types.js';
import type { BlockingRule, FlowVerdict, PathHop } from '../report/model.js';
import { covers } from './address.js';
import { securityGroupLayer, naclLayer, routeLayer } from './aws-layers.js';
import { endpointOf, type Endpoint } from './endpoints.js';
import { meshLayer } from './mesh.js';
import type { NetworkModel } from './model.js';
import { networkPolicySide, policiesEnforced } from './network-policy.js';
import { allow, deny, unknown, type LayerAnswer } from './verdict.js';

export interface ReachAnswer {
  readonly verdict: FlowVerdict;
  readonly path?: readonly PathHop[];
  readonly blockedBy?: readonly BlockingRule[];
}

export function canReach(
  model: NetworkModel,
  fromId: string,
  toId: string,
  port: number,
  protocol: Protocol,
): ReachAnswer {
  const components = model.spec?.components ?? [];
  const fromComponent = components.find((c) => c.id === fromId);
  const toComponent = components.find((c) => c.id === toId);
  if (!fromComponent || !toComponent)
    return {
      verdict: 'unknown',
      blockedBy: [{ node: fromComponent ? toId : fromId, rule: 'not a component of the flow spec' }],
    };
  return combine(layers(model, fromComponent, toComponent, port, protocol));
}

function combine(answers: readonly LayerAnswer[]): ReachAnswer {
  const denials = answers.flatMap((a) => (a.kind === 'deny' ? a.blockedBy : []));
  if (denials.length > 0) return { verdict: 'denied', blockedBy: denials };
  const unknowns = answers.filter(
    (a): a is Extract<LayerAnswer, { kind: 'unknown' }> => a.kind === 'unknown',
  );
  if (unknowns.length > 0)
    return {
      verdict: 'unknown',
      blockedBy: unknowns.map((u) => ({ node: u.node, rule: `not determined: ${u.reason}` })),
    };
  return { verdict: 'allowed', path: answers.flatMap((a) => (a.kind === 'allow' ? a.hops : [])) };
}

function kubernetesLayers(
  model: NetworkModel,
  from: Endpoint,
  to: Endpoint,
  port: number,
  protocol: Protocol,
): LayerAnswer[] {
  const involved = [from, to].filter((e) => e.component.k8s);
  if (involved.length === 0) return [];
  if (!model.k8s.present)
    return [unknown(involved[0]!.component.id, 'the Kubernetes manifests are not part of the input')];
  const enforcement = policiesEnforced(model.k8s);
  const answers: LayerAnswer[] = [];
  if (enforcement) answers.push(enforcement);
  else {
    if (from.component.k8s)
      answers.push(networkPolicySide(model.k8s, from, to, 'egress', port, protocol, to.pods));
    if (to.component.k8s)
      answers.push(networkPolicySide(model.k8s, to, from, 'ingress', port, protocol, to.pods));
  }
  const mesh = meshLayer(model.k8s, from, to, port, protocol);
  if (mesh) answers.push(mesh);
  return answers;
}

/** Pods reach the node's metadata service only when the token's response survives the extra hop (or IMDSv1). */
function metadataLayer(model: NetworkModel, from: Endpoint): LayerAnswer {
  const role = from.component.nodeGroup;
  if (!role) return unknown(from.component.id, 'not placed on a node group');
  if (model.metadataEndpointDisabled.has(role))
    return deny(`nodes-${role}`, 'launch template HttpEndpoint disabled');
  const hop = model.metadataHopLimit.get(role);
  if (hop === undefined)
    return unknown(`nodes-${role}`, 'the node group or its launch template is not in the input');
  if (hop === 'unknown')
    return unknown(`nodes-${role}`, 'the launch template metadata options are not determined');
  if (hop < 2)
    return deny(
      `nodes-${role}`,
      `launch template: HttpTokens required, HttpPutResponseHopLimit ${hop} (the token never reaches a pod)`,
    );
  return allow(
    `nodes-${role}`,
    hop >= 64
      ? 'IMDSv1 allowed (tokens optional)'
      : `HttpPutResponseHopLimit ${hop} lets the token reach pods`,
  );
}

function layers(
  model: NetworkModel,
  fromC: Component,
  toC: Component,
  port: number,
  protocol: Protocol,
): LayerAnswer[] {
  let from = endpointOf(model, fromC);
  const to = endpointOf(model, toC);
  const answers: LayerAnswer[] = [];

  if (toC.tier === 'on-node') {
    if (!fromC.k8s) return [allow(fromC.id, 'a node reaches its own link-local services')];
    if (toC.id === 'instance-metadata') answers.push(metadataLayer(model, from));
    answers.push(...kubernetesLayers(model, from, to, port, protocol));
    return answers;
  }

  if (fromC.id === 'internet' && toC.awsTag === 'eks-control-plane' && model.eksEndpoint) {
    const e = model.eksEndpoint;
    if (e.publicAccess === 'unknown')
      return [unknown(toC.id, `${e.label}: EndpointPublicAccess is not determined`)];
    if (!e.publicAccess)
      return [deny(toC.id, `${e.label}: EndpointPublicAccess false (private endpoint only)`)];
    return e.publicCidrs.some((c) => c === '0.0.0.0/0')
      ? [allow(toC.id, `${e.label}: public endpoint open to 0.0.0.0/0`)]
      : [deny(toC.id, `${e.label}: public endpoint limited to ${e.publicCidrs.join(', ')}`)];
  }

  if (fromC.id === 'vpn-clients') {
    // Client VPN translates client addresses to its own interfaces: past the authorization rule, the traffic
    // carries the VPN endpoint's security group and subnet.
    const rules = to.addresses.map((a) => model.vpnAuthorizedCidrs.find((c) => covers(c, a)));
    if (to.addresses.length === 0 || rules.some((r) => r === undefined))
      return [deny('client-vpn', `no Client VPN authorization rule covers ${toC.id}`)];
    answers.push(allow('client-vpn', `authorization rules for ${[...new Set(rules)].join(', ')}`));
    const vpnEndpoint = model.spec?.components.find((c) => c.awsTag === 'client-vpn');
    if (!vpnEndpoint)
      return [...answers, unknown('client-vpn', 'the VPN endpoint is not a component of the flow spec')];
    from = endpointOf(model, vpnEndpoint);
  }

  answers.push(...routeLayer(model, from, to));
  if (answers.some((a) => a.kind === 'deny')) return answers;
  answers.push(...securityGroupLayer(model, from, to, port, protocol));
  if (from.inVpc || to.inVpc) answers.push(...naclLayer(model, from, to, port, protocol));
  answers.push(...kubernetesLayers(model, from, to, port, protocol));
  return answers;
}
