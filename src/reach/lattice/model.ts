/**
 * The VPC Lattice resources of an inventory, related to each other: service networks with their auth type, auth
 * policies, VPC associations and RAM shares; services with their auth type, auth policies, listeners, rules and
 * target groups. References between them are followed through `Ref`/`Fn::GetAtt`; ARNs the template builds from
 * a Lattice resource's attribute are replaced by a stand-in ARN for that resource, so auth policies naming
 * `${Service.Arn}/*` can be evaluated offline. Anything else the template does not determine stays marked.
 */
import type { CfnResource, Inventory } from '../../inventory/model.js';
import {
  getPath,
  isPlainObject,
  isRef,
  isSymbolic,
  ResourceRef,
  SymbolicString,
  type SymbolicValue,
} from '../../inventory/values.js';

export const SERVICE_NETWORK = 'AWS::VpcLattice::ServiceNetwork';
export const SERVICE = 'AWS::VpcLattice::Service';
const AUTH_POLICY = 'AWS::VpcLattice::AuthPolicy';
const SERVICE_ASSOCIATION = 'AWS::VpcLattice::ServiceNetworkServiceAssociation';
const VPC_ASSOCIATION = 'AWS::VpcLattice::ServiceNetworkVpcAssociation';
const LISTENER = 'AWS::VpcLattice::Listener';
const RULE = 'AWS::VpcLattice::Rule';
const TARGET_GROUP = 'AWS::VpcLattice::TargetGroup';
const RESOURCE_SHARE = 'AWS::RAM::ResourceShare';

/** A value the template does not determine, where the evaluators expect a string (they answer unknown). */
export interface Undetermined {
  readonly undetermined: string;
}
export const isUndetermined = (v: unknown): v is Undetermined =>
  typeof v === 'object' && v !== null && 'undetermined' in v;

export interface LatticeAuth {
  /** `AWS_IAM`, `NONE` (also when omitted: CloudFormation's default), or undetermined. */
  readonly authType: string | Undetermined;
  /** The auth policies attached, as evaluable documents. */
  readonly policies: readonly { readonly key: string; readonly document: unknown }[];
  /** Auth policies that may be attached to this resource but name it in a way the template does not determine. */
  readonly undeterminedPolicies: readonly string[];
}

export interface LatticeNetwork extends LatticeAuth {
  readonly key: string;
  readonly arn: string;
  readonly vpcAssociations: readonly {
    readonly key: string;
    readonly vpc: string | Undetermined;
  }[];
  readonly shares: readonly {
    readonly key: string;
    readonly principals: readonly (string | Undetermined)[];
    readonly allowExternalPrincipals: boolean;
  }[];
}

export interface LatticeTargetGroup {
  readonly key: string;
  readonly type: string | Undetermined;
  readonly protocol: string | Undetermined;
  readonly port: number | Undetermined;
  readonly protocolVersion: string;
  /** Targets: resource keys (an ALB of the input) or literal ids. */
  readonly targets: readonly (string | Undetermined)[];
}

export interface LatticeRoute {
  readonly key: string;
  /** Content-type prefix the rule matches, when it matches on `content-type` (gRPC). */
  readonly contentTypePrefix?: string;
  /** Whether the rule matches on anything else (paths, methods, other headers). */
  readonly otherMatches: boolean;
  readonly targetGroups: readonly (string | Undetermined)[];
  readonly priority: number;
}

export interface LatticeListener {
  readonly key: string;
  readonly protocol: string | Undetermined;
  readonly port: number | Undetermined;
  readonly defaultTargetGroups: readonly (string | Undetermined)[];
  readonly rules: readonly LatticeRoute[];
}

export interface LatticeServiceModel extends LatticeAuth {
  readonly key: string;
  readonly arn: string;
  readonly networks: readonly string[];
  readonly listeners: readonly LatticeListener[];
}

export interface LatticeModel {
  readonly networks: ReadonlyMap<string, LatticeNetwork>;
  readonly services: ReadonlyMap<string, LatticeServiceModel>;
  readonly targetGroups: ReadonlyMap<string, LatticeTargetGroup>;
}

/** The stand-in ARN of a Lattice resource of the input (its physical ARN exists only once deployed). */
export function standInArn(r: CfnResource): string {
  const kind = r.type === SERVICE ? 'service' : 'servicenetwork';
  return `arn:aws:vpc-lattice:input:${r.stack}:${kind}/${r.logicalId}`;
}

const cache = new WeakMap<Inventory, LatticeModel>();

export function buildLatticeModel(inventory: Inventory): LatticeModel {
  const hit = cache.get(inventory);
  if (hit) return hit;
  const created = inventory.cfn.filter((r) => r.condition === true);
  const byKey = new Map(created.map((r) => [r.key, r]));
  const of = (type: string) => created.filter((r) => r.type === type);
  const arnOf = (target: string) => {
    const r = byKey.get(target);
    return r && (r.type === SERVICE || r.type === SERVICE_NETWORK) ? standInArn(r) : undefined;
  };
  const concrete = (v: SymbolicValue | undefined): unknown => concretize(v, arnOf);
  /** The key of the resource a reference (or an identifier) names, or the literal, or undetermined. */
  const identifier = (v: SymbolicValue | undefined): string | Undetermined => {
    if (typeof v === 'string') return v;
    if (isRef(v)) return v.target;
    return { undetermined: v === undefined ? 'not set' : `${String(v)} is not determined by the input` };
  };
  const text = (v: SymbolicValue | undefined, fallback?: string): string | Undetermined =>
    typeof v === 'string'
      ? v
      : v === undefined && fallback !== undefined
        ? fallback
        : { undetermined: v === undefined ? 'not set' : `${String(v)} is not determined by the input` };
  const number = (v: SymbolicValue | undefined): number | Undetermined =>
    typeof v === 'number'
      ? v
      : typeof v === 'string' && /^\d+$/.test(v)
        ? Number(v)
        : { undetermined: `${String(v)} is not a determined port` };

  const policies = of(AUTH_POLICY).map((p) => ({
    key: p.key,
    resource: identifier(p.properties.ResourceIdentifier),
    document: concrete(p.properties.Policy),
  }));
  const auth = (r: CfnResource): LatticeAuth => ({
    authType: text(r.properties.AuthType, 'NONE'),
    policies: policies.filter((p) => p.resource === r.key).map(({ key, document }) => ({ key, document })),
    undeterminedPolicies: policies.filter((p) => isUndetermined(p.resource)).map((p) => p.key),
  });
  const targetsOf = (forward: SymbolicValue | undefined) =>
    asList(getPath(forward, 'Forward.TargetGroups')).map((t) =>
      identifier(getPath(t, 'TargetGroupIdentifier')),
    );

  const networks = new Map<string, LatticeNetwork>();
  for (const r of of(SERVICE_NETWORK))
    networks.set(r.key, {
      key: r.key,
      arn: standInArn(r),
      ...auth(r),
      vpcAssociations: of(VPC_ASSOCIATION)
        .filter((a) => identifier(a.properties.ServiceNetworkIdentifier) === r.key)
        .map((a) => ({ key: a.key, vpc: identifier(a.properties.VpcIdentifier) })),
      shares: of(RESOURCE_SHARE)
        .filter((s) => asList(s.properties.ResourceArns).some((arn) => isRef(arn) && arn.target === r.key))
        .map((s) => ({
          key: s.key,
          principals: asList(s.properties.Principals).map((p) => text(p)),
          allowExternalPrincipals: s.properties.AllowExternalPrincipals !== false,
        })),
    });
  const rules = of(RULE);
  const services = new Map<string, LatticeServiceModel>();
  for (const r of of(SERVICE))
    services.set(r.key, {
      key: r.key,
      arn: standInArn(r),
      ...auth(r),
      networks: of(SERVICE_ASSOCIATION)
        .filter((a) => identifier(a.properties.ServiceIdentifier) === r.key)
        .map((a) => identifier(a.properties.ServiceNetworkIdentifier))
        .filter((n): n is string => typeof n === 'string'),
      listeners: of(LISTENER)
        .filter((l) => identifier(l.properties.ServiceIdentifier) === r.key)
        .map((l) => ({
          key: l.key,
          protocol: text(l.properties.Protocol),
          port: number(l.properties.Port ?? (l.properties.Protocol === 'HTTP' ? 80 : 443)),
          defaultTargetGroups: targetsOf(l.properties.DefaultAction),
          rules: rules
            .filter((rule) => identifier(rule.properties.ListenerIdentifier) === l.key)
            .map((rule) => routeOf(rule, targetsOf(rule.properties.Action))),
        })),
    });
  const targetGroups = new Map<string, LatticeTargetGroup>();
  for (const r of of(TARGET_GROUP))
    targetGroups.set(r.key, {
      key: r.key,
      type: text(r.properties.Type),
      protocol: text(getPath(r.properties, 'Config.Protocol')),
      port: number(getPath(r.properties, 'Config.Port')),
      protocolVersion:
        typeof getPath(r.properties, 'Config.ProtocolVersion') === 'string'
          ? (getPath(r.properties, 'Config.ProtocolVersion') as string)
          : 'HTTP1',
      targets: asList(r.properties.Targets).map((t) => identifier(getPath(t, 'Id'))),
    });
  const model = { networks, services, targetGroups };
  cache.set(inventory, model);
  return model;
}

function routeOf(rule: CfnResource, targetGroups: readonly (string | Undetermined)[]): LatticeRoute {
  const http = getPath(rule.properties, 'Match.HttpMatch');
  const headers = asList(getPath(http, 'HeaderMatches'));
  const contentType = headers.find(
    (h) =>
      typeof getPath(h, 'Name') === 'string' &&
      (getPath(h, 'Name') as string).toLowerCase() === 'content-type',
  );
  const prefix = getPath(contentType, 'Match.Prefix');
  const otherMatches =
    headers.length !== (contentType ? 1 : 0) ||
    getPath(http, 'PathMatch') !== undefined ||
    getPath(http, 'Method') !== undefined ||
    (contentType !== undefined && typeof prefix !== 'string');
  return {
    key: rule.key,
    ...(typeof prefix === 'string' ? { contentTypePrefix: prefix } : {}),
    otherMatches,
    targetGroups,
    priority: typeof rule.properties.Priority === 'number' ? rule.properties.Priority : 0,
  };
}

function asList(v: SymbolicValue | undefined): readonly SymbolicValue[] {
  return Array.isArray(v) ? (v as readonly SymbolicValue[]) : v === undefined ? [] : [v];
}

/**
 * A resolved value as plain JSON for the policy evaluator: a string built from a Lattice resource's `Arn` and
 * literals becomes text around its stand-in ARN; any other symbolic value becomes `Undetermined`.
 */
function concretize(v: SymbolicValue | undefined, arnOf: (target: string) => string | undefined): unknown {
  if (v instanceof SymbolicString) {
    const parts = v.parts.map((p) =>
      typeof p === 'string'
        ? p
        : p instanceof ResourceRef && p.attribute === 'Arn'
          ? arnOf(p.target)
          : undefined,
    );
    return parts.every((p) => p !== undefined)
      ? parts.join('')
      : { undetermined: `${v.toString()} is not determined by the input` };
  }
  if (v instanceof ResourceRef && v.attribute === 'Arn') {
    const arn = arnOf(v.target);
    if (arn) return arn;
  }
  if (isSymbolic(v)) return { undetermined: `${String(v)} is not determined by the input` };
  if (Array.isArray(v)) return v.map((x) => concretize(x, arnOf));
  if (isPlainObject(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, concretize(x, arnOf)]));
  return v;
}
