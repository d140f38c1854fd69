/**
 * What the prover proves of each Lattice service: every consumer its service auth policy names can make the
 * request a statement grants, through every layer to the targets (allowed, with the witness path), and a
 * consumer it does not name cannot make any of those requests, neither through the whole path nor with its VPC
 * taken as associated, where the auth policies alone must deny it; an unsigned request from a named consumer's
 * VPC is denied as well. The probes are read from the policy's own statements, so they work on anyone's template.
 */
import type { Inventory } from '../../inventory/model.js';
import type { FlowVerdict } from '../../findings/index.js';
import { buildLatticeModel, type LatticeServiceModel } from './model.js';
import { latticeReach, type LatticeAnswer, type LatticeConsumerRequest } from './query.js';

export interface LatticeObligation {
  readonly service: string;
  readonly description: string;
  readonly expected: Exclude<FlowVerdict, 'unknown'>;
  readonly request: LatticeConsumerRequest;
  readonly answer: LatticeAnswer;
}

/** An account and VPC no policy names: the stand-in for everyone else. */
export const UNNAMED_ACCOUNT = '000000000000';
const UNNAMED_VPC = 'vpc-00000000000000000';
const CONSUMER_VPC = 'vpc-0c0c0c0c0c0c0c0c0';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

/** The first value a condition key takes under an operator family of the statement (case-insensitive key). */
function conditionValue(statement: Json, operators: readonly string[], key: string): string | undefined {
  const condition = isObject(statement.Condition) ? statement.Condition : {};
  for (const [operator, block] of Object.entries(condition)) {
    if (!operators.includes(operator.toLowerCase()) || !isObject(block)) continue;
    for (const [k, v] of Object.entries(block)) if (k.toLowerCase() === key) return strings(v)[0];
  }
  return undefined;
}

const EQUALS = ['stringequals', 'stringequalsignorecase', 'foranyvalue:stringequals'];
const LIKE = [...EQUALS, 'stringlike'];

/** A concrete path a StringLike pattern matches. */
const pathOf = (pattern: string | undefined) => (pattern ?? '/').replace(/\*/g, 'probe').replace(/\?/g, 'x');

/** The request an Allow statement grants, made by the identity it names. */
function grantedRequest(statement: Json): LatticeConsumerRequest | undefined {
  const principal = statement.Principal;
  const arn = isObject(principal) ? strings(principal.AWS).find((p) => p.startsWith('arn:')) : undefined;
  const account =
    conditionValue(statement, EQUALS, 'aws:principalaccount') ?? arn?.split(':')[4] ?? '000000000001';
  const organizationId = conditionValue(statement, EQUALS, 'aws:principalorgid');
  const path = pathOf(conditionValue(statement, LIKE, 'vpc-lattice-svcs:requestpath'));
  if (principal !== '*' && !arn && !(isObject(principal) && strings(principal.AWS).includes('*')))
    return undefined;
  return {
    principalArn: arn ?? `arn:aws:iam::${account}:role/consumer`,
    account,
    ...(organizationId ? { organizationId } : {}),
    vpc: conditionValue(statement, EQUALS, 'vpc-lattice-svcs:sourcevpc') ?? CONSUMER_VPC,
    method: conditionValue(statement, EQUALS, 'vpc-lattice-svcs:requestmethod') ?? 'GET',
    path,
    // gRPC calls are /<package>.<Service>/<Method>.
    ...(/^\/[\w]+(\.[\w]+)+\/[\w]+$/.test(path) ? { contentType: 'application/grpc' } : {}),
  };
}

/**
 * A consumer the statement does not tie to a VPC, in an account the service network is not shared with, is of
 * the owner's account: it calls from a VPC the input associates, when there is one.
 */
function throughOwnAssociation(
  inventory: Inventory,
  service: LatticeServiceModel,
  request: LatticeConsumerRequest,
): LatticeConsumerRequest {
  if (request.vpc !== CONSUMER_VPC) return request;
  if (latticeReach(inventory, service.key, request).verdict !== 'denied') return request;
  const networks = buildLatticeModel(inventory).networks;
  const vpc = service.networks
    .flatMap((n) => networks.get(n)?.vpcAssociations ?? [])
    .map((a) => a.vpc)
    .find((v): v is string => typeof v === 'string');
  return vpc ? { ...request, vpc } : request;
}

function allowStatements(service: LatticeServiceModel): { sid: string; statement: Json }[] {
  return service.policies.flatMap((p) => {
    const document = isObject(p.document) ? p.document : {};
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    return statements
      .filter((s): s is Json => isObject(s) && s.Effect === 'Allow')
      .map((statement, i) => ({
        sid: typeof statement.Sid === 'string' ? statement.Sid : `${p.key}#${i}`,
        statement,
      }));
  });
}

export function latticeObligations(inventory: Inventory): LatticeObligation[] {
  const out: LatticeObligation[] = [];
  for (const service of buildLatticeModel(inventory).services.values()) {
    const prove = (description: string, expected: 'allowed' | 'denied', request: LatticeConsumerRequest) =>
      out.push({
        service: service.key,
        description,
        expected,
        request,
        answer: latticeReach(inventory, service.key, request),
      });
    for (const { sid, statement } of allowStatements(service)) {
      const granted = grantedRequest(statement);
      if (!granted) continue;
      const what = `${granted.method} ${granted.path}`;
      prove(
        `consumer named by ${sid} (${granted.principalArn}) makes ${what}`,
        'allowed',
        throughOwnAssociation(inventory, service, granted),
      );
      const unnamed = {
        ...granted,
        principalArn: `arn:aws:iam::${UNNAMED_ACCOUNT}:role/unnamed`,
        account: UNNAMED_ACCOUNT,
        vpc: UNNAMED_VPC,
      };
      delete (unnamed as { organizationId?: string }).organizationId;
      prove(`an unnamed consumer (account ${UNNAMED_ACCOUNT}) makes ${what}`, 'denied', unnamed);
      prove(
        `an unnamed consumer makes ${what}, its VPC taken as associated (auth policies alone)`,
        'denied',
        {
          ...unnamed,
          assumeAssociated: true,
        },
      );
      const anonymous: LatticeConsumerRequest = {
        vpc: granted.vpc,
        method: granted.method,
        path: granted.path,
        ...(granted.contentType ? { contentType: granted.contentType } : {}),
        assumeAssociated: true,
      };
      prove(`an unsigned request from ${granted.vpc} makes ${what}`, 'denied', anonymous);
    }
  }
  return out;
}
