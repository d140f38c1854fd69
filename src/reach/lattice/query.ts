/**
 * One consumer's request through VPC Lattice, layer by layer, with a witness path or the blocking layer: the
 * consumer's VPC reaches the service network (an association in the input, or a RAM share to the consumer's
 * account or organization, after which the consumer associates its own VPC), the service network's auth policy,
 * the service's association with the network, the service's auth policy, the listener on the port, the rule that
 * picks the target group, and the target group's targets; for an ALB target, the AWS network from Lattice's
 * link-local range to the ALB (security groups and network ACLs, by the engine's `canReach`).
 */
import type { Inventory } from '../../inventory/model.js';
import type { FlowVerdict, PathHop, BlockingRule } from '../../findings/index.js';
import { buildNetworkModel } from '../engine/build.js';
import { inVpcRangeOf } from '../engine/in-vpc-prefix-lists.js';
import { canReach } from '../engine/query.js';
import { evaluateAuthPolicy, wildcardMatch, type LatticeRequest } from './auth-policy.js';
import {
  buildLatticeModel,
  isUndetermined,
  type LatticeAuth,
  type LatticeServiceModel,
  type Undetermined,
} from './model.js';

/** A consumer of the service: who signs, from where, and what it asks. */
export interface LatticeConsumerRequest {
  /** The caller's principal ARN; undefined for an unsigned request. */
  readonly principalArn?: string;
  readonly account?: string;
  readonly organizationId?: string;
  /** The consumer's VPC: a VPC id, or the key of a VPC of the input. */
  readonly vpc: string;
  readonly method: string;
  readonly path: string;
  /** @default 443 */
  readonly port?: number;
  /** The request's `content-type` (gRPC: `application/grpc`). @default - none */
  readonly contentType?: string;
  /**
   * Take the consumer's VPC as associated with the service network, so the auth policies alone decide (the
   * auth layer's own proof, as the network is proved without NetworkPolicies). @default false
   */
  readonly assumeAssociated?: boolean;
}

export interface LatticeAnswer {
  readonly verdict: FlowVerdict;
  readonly path: readonly PathHop[];
  readonly blockedBy?: readonly BlockingRule[];
  readonly reason?: string;
}

const show = (v: string | Undetermined) => (isUndetermined(v) ? `(${v.undetermined})` : v);

export function latticeReach(
  inventory: Inventory,
  serviceKey: string,
  consumer: LatticeConsumerRequest,
): LatticeAnswer {
  const model = buildLatticeModel(inventory);
  const service = model.services.get(serviceKey);
  if (!service)
    return { verdict: 'unknown', path: [], reason: `the input has no Lattice service ${serviceKey}` };
  const port = consumer.port ?? 443;
  const answers = service.networks.map((n) => throughNetwork(inventory, service, n, consumer, port));
  if (answers.length === 0)
    return {
      verdict: 'denied',
      path: [],
      blockedBy: [
        { node: service.key, rule: 'the service is associated with no service network of the input' },
      ],
    };
  return (
    answers.find((a) => a.verdict === 'allowed') ??
    answers.find((a) => a.verdict === 'unknown') ??
    answers[0]!
  );
}

function throughNetwork(
  inventory: Inventory,
  service: LatticeServiceModel,
  networkKey: string,
  consumer: LatticeConsumerRequest,
  port: number,
): LatticeAnswer {
  const model = buildLatticeModel(inventory);
  const network = model.networks.get(networkKey);
  if (!network)
    return { verdict: 'unknown', path: [], reason: `service network ${networkKey} is not in the input` };
  const path: PathHop[] = [];
  const blocked = (node: string, rule: string): LatticeAnswer => ({
    verdict: 'denied',
    path,
    blockedBy: [{ node, rule }],
  });
  const unknown = (reason: string): LatticeAnswer => ({ verdict: 'unknown', path, reason });

  // 1. The consumer's VPC reaches the service network.
  const association = network.vpcAssociations.find((a) => a.vpc === consumer.vpc);
  const sharedBy = network.shares.find((s) =>
    s.principals.some(
      (p) =>
        typeof p === 'string' &&
        (p === consumer.account ||
          (consumer.organizationId !== undefined && p.endsWith(`/${consumer.organizationId}`))),
    ),
  );
  if (consumer.assumeAssociated)
    path.push({ node: network.key, rule: `${consumer.vpc} taken as associated (auth policies alone)` });
  else if (association) path.push({ node: association.key, rule: `VPC association of ${consumer.vpc}` });
  else if (sharedBy)
    path.push({
      node: sharedBy.key,
      rule: `RAM share of ${network.key} with ${consumer.account ?? consumer.organizationId}; the consumer associates ${consumer.vpc}`,
    });
  else {
    const open = [
      ...network.vpcAssociations.filter((a) => isUndetermined(a.vpc)).map((a) => a.key),
      ...network.shares.filter((s) => s.principals.some(isUndetermined)).map((s) => s.key),
    ];
    if (open.length > 0)
      return unknown(`${open.join(', ')} may associate or share the service network with the consumer`);
    return blocked(
      network.key,
      `no association of ${consumer.vpc} and no RAM share with ${consumer.account ?? 'the caller'}${consumer.organizationId ? ` or ${consumer.organizationId}` : ''}`,
    );
  }

  const request: LatticeRequest = {
    ...(consumer.principalArn ? { principalArn: consumer.principalArn } : {}),
    ...(consumer.account ? { principalAccount: consumer.account } : {}),
    ...(consumer.organizationId ? { principalOrgId: consumer.organizationId } : {}),
    sourceVpc: consumer.vpc,
    ...(consumer.account ? { sourceVpcOwnerAccount: consumer.account } : {}),
    method: consumer.method,
    path: consumer.path,
    port,
    resource: `${service.arn}${consumer.path}`,
    serviceArn: service.arn,
    serviceNetworkArn: network.arn,
  };
  // 2. The service network's auth policy.
  const networkAuth = authorize(network.key, network, request);
  if (networkAuth.verdict !== 'allowed') return { ...networkAuth, path };
  path.push(networkAuth.hop!);
  // 3. The service's association with the network.
  path.push({ node: service.key, rule: `associated with ${network.key}` });
  // 4. The service's auth policy.
  const serviceAuth = authorize(service.key, service, request);
  if (serviceAuth.verdict !== 'allowed') return { ...serviceAuth, path };
  path.push(serviceAuth.hop!);

  // 5. The listener on the port, and the rule that picks the target group.
  const listeners = service.listeners.filter((l) => l.port === port);
  const undeterminedListener = service.listeners.find((l) => isUndetermined(l.port));
  if (listeners.length === 0)
    return undeterminedListener
      ? unknown(`the port of listener ${undeterminedListener.key} is undetermined`)
      : blocked(service.key, `no listener on port ${port}`);
  const listener = listeners[0]!;
  const rule = [...listener.rules]
    .sort((a, b) => a.priority - b.priority)
    .find(
      (r) =>
        !r.otherMatches &&
        r.contentTypePrefix !== undefined &&
        consumer.contentType !== undefined &&
        wildcardMatch(`${r.contentTypePrefix}*`, consumer.contentType, true),
    );
  if (listener.rules.some((r) => r.otherMatches))
    return unknown(
      `a rule of ${listener.key} matches on paths, methods or headers the prover does not model`,
    );
  const targetGroups = rule ? rule.targetGroups : listener.defaultTargetGroups;
  path.push({
    node: listener.key,
    rule: `${show(listener.protocol)}:${port}, ${rule ? `rule ${rule.key} (content-type ${rule.contentTypePrefix}…)` : 'default action'} → ${targetGroups.map(show).join(', ')}`,
  });

  // 6. The target group's targets.
  const group = targetGroups.find((t): t is string => typeof t === 'string');
  const tg = group ? buildLatticeModel(inventory).targetGroups.get(group) : undefined;
  if (!tg) return unknown(`target group ${targetGroups.map(show).join(', ')} is not in the input`);
  if (tg.type !== 'ALB' || isUndetermined(tg.port)) {
    path.push({ node: tg.key, rule: `${show(tg.type)} targets ${tg.targets.map(show).join(', ')}` });
    return { verdict: 'allowed', path };
  }
  const alb = tg.targets.find((t): t is string => typeof t === 'string');
  const network_ = buildNetworkModel(inventory);
  const attachment = alb ? network_.attachments.get(alb) : undefined;
  if (!attachment) return unknown(`the ALB target of ${tg.key} is not a load balancer of the input`);
  path.push({
    node: tg.key,
    rule: `type ALB, ${show(tg.protocol)}:${tg.port} ${tg.protocolVersion} → ${alb}`,
  });
  const prefixList = latticePrefixListName(network_);
  const answer = canReach(
    network_,
    { kind: 'prefix-list', id: 'lattice', name: prefixList, inVpc: inVpcRangeOf(prefixList)! },
    { kind: 'attachments', id: alb!, attachments: [attachment] },
    tg.port,
    'tcp',
  );
  if (answer.verdict === 'allowed') return { verdict: 'allowed', path: [...path, ...(answer.path ?? [])] };
  if (answer.verdict === 'denied') return { verdict: 'denied', path, blockedBy: answer.blockedBy ?? [] };
  return unknown(answer.reason ?? 'the network from Lattice to the ALB is not determined');
}

/** The Lattice prefix list the input's security group rules name (its region's), or the generic name. */
function latticePrefixListName(model: ReturnType<typeof buildNetworkModel>): string {
  for (const group of model.securityGroups.values())
    for (const rule of group.rules)
      if (rule.peer.kind === 'prefix-list' && rule.peer.name && inVpcRangeOf(rule.peer.name))
        return rule.peer.name;
  return 'com.amazonaws.region.vpc-lattice';
}

/** One auth layer: auth type NONE lets everything through, AWS_IAM needs a policy that allows. */
function authorize(
  node: string,
  auth: LatticeAuth,
  request: LatticeRequest,
): { verdict: FlowVerdict; hop?: PathHop; blockedBy?: BlockingRule[]; reason?: string } {
  if (isUndetermined(auth.authType))
    return {
      verdict: 'unknown',
      reason: `the auth type of ${node} is undetermined (${auth.authType.undetermined})`,
    };
  if (auth.authType === 'NONE')
    return { verdict: 'allowed', hop: { node, rule: 'auth type NONE: no authorization' } };
  if (auth.undeterminedPolicies.length > 0)
    return {
      verdict: 'unknown',
      reason: `${auth.undeterminedPolicies.join(', ')} may be an auth policy of ${node}`,
    };
  if (auth.policies.length === 0)
    return {
      verdict: 'denied',
      blockedBy: [{ node, rule: 'auth type AWS_IAM without an auth policy denies every request' }],
    };
  const decisions = auth.policies.map((p) => ({ key: p.key, ...evaluateAuthPolicy(p.document, request) }));
  const denied = decisions.find((d) => d.verdict === 'deny');
  if (denied) return { verdict: 'denied', blockedBy: [{ node: denied.key, rule: denied.reason }] };
  const open = decisions.find((d) => d.verdict === 'unknown');
  if (open) return { verdict: 'unknown', reason: `${open.key}: ${open.reason}` };
  return { verdict: 'allowed', hop: { node: decisions[0]!.key, rule: decisions[0]!.reason } };
}
