/**
 * `exposure: lattice`: Weaviate as an Amazon VPC Lattice service, reached by consumers in other VPCs and accounts
 * through a service network whose auth type is AWS_IAM. Who may call which methods and paths is written here and
 * becomes the auth policies; nothing is open to a principal the blueprint does not name.
 */
import { z } from 'zod';
import { iamPrincipalArn } from './formats.js';

const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');

/** The HTTP methods an auth policy can name (`vpc-lattice-svcs:RequestMethod`). */
export const LATTICE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** A request path pattern as IAM's StringLike reads it: `*` matches any characters, `?` one. */
const requestPath = z
  .string()
  .regex(/^\/[A-Za-z0-9._~\-/*?]*$/, 'a request path such as /v1/* (StringLike: * and ? are wildcards)');

export const latticeGrantSchema = z.strictObject({
  methods: z.array(z.enum(LATTICE_METHODS)).min(1).describe('HTTP methods allowed (gRPC calls are POST).'),
  paths: z
    .array(requestPath)
    .min(1)
    .describe(
      'Request paths allowed (IAM StringLike patterns; gRPC paths are /<package>.<service>/<method>).',
    ),
});
export type LatticeGrant = z.infer<typeof latticeGrantSchema>;

export const latticeConsumerSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,40}$/, 'a consumer name of letters, digits and dashes')
    .describe('Names the consumer in the auth policies (statement ids) and in the reports.'),
  accounts: z
    .array(accountId)
    .default([])
    .describe('Accounts whose principals may call (`aws:PrincipalAccount`); shared with through AWS RAM.'),
  organizationId: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/, 'an AWS Organizations id such as o-a1b2c3d4e5')
    .optional()
    .describe('Organization whose principals may call (`aws:PrincipalOrgID`). Unset: not a condition.'),
  principals: z
    .array(iamPrincipalArn)
    .default([])
    .describe('IAM roles or users allowed to call; empty means any principal the other conditions admit.'),
  vpcs: z
    .array(z.string().regex(/^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/, 'a VPC id such as vpc-0123456789abcdef0'))
    .default([])
    .describe('VPCs the requests must come from (`vpc-lattice-svcs:SourceVpc`); empty: any associated VPC.'),
  access: z
    .enum(['read-only', 'read-write'])
    .default('read-only')
    .describe(
      '`read-only`: GET and HEAD on the REST API, GraphQL queries and the gRPC Search, Aggregate and ' +
        'TenantsGet calls; `read-write`: every method on the REST and gRPC APIs. Ignored when `grants` is set.',
    ),
  grants: z
    .array(latticeGrantSchema)
    .optional()
    .describe('Methods and paths allowed, instead of those `access` names.'),
});
export type LatticeConsumer = z.infer<typeof latticeConsumerSchema>;

export const latticeSchema = z.strictObject({
  consumers: z
    .array(latticeConsumerSchema)
    .default([])
    .describe(
      'Who may call Weaviate through the service network. Each consumer names who (principals, accounts or an ' +
        'organization) and optionally from which VPCs; required with `exposure: lattice`.',
    ),
  customDomain: z
    .boolean()
    .default(true)
    .describe(
      "Serve the Lattice service on `edge.domainName` with the edge's ACM certificate. False: only the " +
        'domain name Lattice generates, with its managed certificate.',
    ),
  associateVpc: z
    .boolean()
    .default(false)
    .describe(
      'Associate this VPC with the service network so administrators on the Client VPN can call Weaviate ' +
        "through it, signed with their IAM role (they must be consumers too); the association's security group " +
        'admits only the VPN endpoint on 443. Needs `adminAccess.clientVpn.enabled`.',
    ),
  shareWith: z
    .array(
      z
        .string()
        .regex(
          /^arn:aws[a-z-]*:organizations::\d{12}:(organization\/o-[a-z0-9]{10,32}|ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})$/,
          'an organization or OU ARN',
        ),
    )
    .default([])
    .describe(
      "Organizations or OUs the service network is shared with through AWS RAM, besides the consumers' accounts.",
    ),
  allowExternalPrincipals: z
    .boolean()
    .default(false)
    .describe(
      'Weakening: let the RAM share reach accounts outside your organization. False: only accounts of the ' +
        'organization can accept it.',
    ),
});
export type LatticeSettings = z.infer<typeof latticeSchema>;

/** Weaviate's gRPC service (the v4 clients' queries and batch imports). */
export const WEAVIATE_GRPC_SERVICE_PATH = '/weaviate.v1.Weaviate';

/**
 * What `access` allows. Weaviate's GraphQL endpoint only reads (it has no mutations), so read-only consumers may
 * POST queries to it; on gRPC they get the query calls and the tenant listing, never the batch or delete calls.
 */
export const ACCESS_GRANTS: Readonly<Record<LatticeConsumer['access'], readonly LatticeGrant[]>> = {
  'read-only': [
    { methods: ['GET', 'HEAD'], paths: ['/v1/*'] },
    {
      methods: ['POST'],
      paths: [
        '/v1/graphql',
        `${WEAVIATE_GRPC_SERVICE_PATH}/Search`,
        `${WEAVIATE_GRPC_SERVICE_PATH}/Aggregate`,
        `${WEAVIATE_GRPC_SERVICE_PATH}/TenantsGet`,
      ],
    },
  ],
  'read-write': [
    { methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'], paths: ['/v1/*'] },
    { methods: ['POST'], paths: [`${WEAVIATE_GRPC_SERVICE_PATH}/*`] },
  ],
};

/** The methods and paths a consumer may call: its own `grants`, or those its `access` names. */
export function grantsOf(consumer: LatticeConsumer): readonly LatticeGrant[] {
  return consumer.grants ?? ACCESS_GRANTS[consumer.access];
}
