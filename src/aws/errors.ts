/**
 * The one error the constructs throw. Each code says whether it reports invalid input (props that contradict
 * each other, which a user's blueprint or a caller can cause: the CLI exits 2) or a state vectorfort should never
 * reach (a generated flow spec or chart set that does not fit together, a missing build artefact: exit 3).
 */
import type { IConstruct } from 'constructs';

/** Whom an error blames: the input (exit 2) or vectorfort itself (exit 3). */
export type ValidationErrorOrigin = 'invalid-input' | 'internal';

/** Every code a construct throws, and whom it blames. */
export const VALIDATION_ERROR_ORIGINS = {
  /** Cluster: a public endpoint without the ranges allowed to reach it. */
  'public-endpoint-without-cidrs': 'invalid-input',
  /** Cluster: ranges for a public endpoint the props keep private. */
  'public-cidrs-without-public-endpoint': 'invalid-input',
  /** Admin access: the VPC range the resolver address is derived from is not an IPv4 CIDR. */
  'vpc-cidr-not-ipv4': 'invalid-input',
  /** The edge stack was asked for where CloudFront needs nothing from us-east-1 (the app never does). */
  'edge-stack-not-needed': 'internal',
  /** The charts given to the stack lack the edge chart its exposure applies (the CLI renders both alike). */
  'edge-chart-missing': 'internal',
  /** Flow security groups: a component without a generated security group was asked for. */
  'unknown-security-group': 'internal',
  /** A flow names a component the flow spec does not list. */
  'unknown-flow-component': 'internal',
  /** A flow peer with neither a security group, a prefix list nor an IPv4 CIDR. */
  'component-without-peer': 'internal',
  /** The subnet plan has no subnet for a tier and zone CDK asks for. */
  'subnet-not-planned': 'internal',
  /** A subnet of the plan is not an IPv4 CIDR. */
  'subnet-cidr-not-ipv4': 'internal',
  /** Keys: a key of a purpose the construct was not asked to create. */
  'key-not-created': 'internal',
  /** An acknowledgement on a construct that has no CloudFormation resource. */
  'no-cloudformation-resource': 'internal',
  /** A cdk-nag acknowledgement of a rule outside the packs that run. */
  'nag-rule-of-unknown-pack': 'internal',
  /** The notifier's handler source is not next to the constructs (a broken build). */
  'notifier-handler-missing': 'internal',
  /** The backup replica stack was asked for with `backup.replicaRegion: none` (the app never does). */
  'replica-stack-not-needed': 'internal',
  /** The rotation function's handler source is not next to the constructs (a broken build). */
  'rotation-handler-missing': 'internal',
  /** Two key secrets for one Weaviate user (the blueprint rejects a backup user among the API-key users). */
  'duplicate-api-key-user': 'internal',
  /** The backup user's key secret without the rotation that must list it (the stack always passes it). */
  'backup-key-without-rotation': 'internal',
  /** WeaviatePlatform: an existing VPC both in the blueprint and in the props. */
  'existing-vpc-given-twice': 'invalid-input',
  /** WeaviatePlatform: an existing VPC's subnet imported without its range or zone. */
  'existing-vpc-attribute-missing': 'invalid-input',
  /** WeaviatePlatform: an existing VPC's id, range or subnet known only at deploy time (a token). */
  'existing-vpc-not-concrete': 'invalid-input',
  /** An enclave on an existing VPC (the blueprint rejects it; a construct used directly must not). */
  'enclave-needs-own-vpc': 'invalid-input',
  /** WeaviatePlatform outside any CDK App or Stage. */
  'platform-outside-app': 'invalid-input',
  /** A synthesized template over CloudFormation's size limit: the blueprint turns on more than one stack holds. */
  'template-too-large': 'invalid-input',
} as const satisfies Record<string, ValidationErrorOrigin>;

export type ValidationErrorCode = keyof typeof VALIDATION_ERROR_ORIGINS;

export class ValidationError extends Error {
  /** Path of the construct that rejected its input (`<stack>/<id>/…`). */
  readonly constructPath: string;

  constructor(
    readonly code: ValidationErrorCode,
    message: string,
    scope: IConstruct,
  ) {
    const path = scope.node.path || '(app)';
    super(`${path}: ${message} [${code}]`);
    this.name = 'ValidationError';
    this.constructPath = path;
  }

  get origin(): ValidationErrorOrigin {
    return VALIDATION_ERROR_ORIGINS[this.code];
  }
}
