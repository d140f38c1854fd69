/**
 * The Lattice auth-policy evaluator against a table of requests (principal, account, organization, VPC, method,
 * path) with the decision IAM's evaluation logic gives: first on the policy the generator writes for the lattice
 * example's consumers, then on the policy shapes of the VPC Lattice documentation and IAM's operator rules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import { serviceAuthPolicy, serviceNetworkAuthPolicy } from '../../../src/aws/lattice/auth-policy.js';
import { latticeConsumerSchema } from '../../../src/blueprint/lattice.js';
import {
  evaluateAuthPolicy,
  type LatticeRequest,
  type PolicyVerdict,
} from '../../../src/reach/lattice/auth-policy.js';

const SERVICE = 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdef0';
const FRONTEND_ROLE = 'arn:aws:iam::222222222222:role/search-frontend';
const FRONTEND_VPC = 'vpc-0a1b2c3d4e5f60718';

const consumers = [
  {
    name: 'search-frontend',
    principals: [FRONTEND_ROLE],
    vpcs: [FRONTEND_VPC],
    access: 'read-only',
  },
  { name: 'ingestion', accounts: ['333333333333'], organizationId: 'o-a1b2c3d4e5', access: 'read-write' },
].map((c) => latticeConsumerSchema.parse(c));

/** The generated documents as CloudFormation receives them. */
const stack = new Stack();
const servicePolicy = stack.resolve(serviceAuthPolicy(consumers, SERVICE).toJSON()) as unknown;
const networkPolicy = stack.resolve(serviceNetworkAuthPolicy(consumers, SERVICE).toJSON()) as unknown;

interface Case {
  readonly name: string;
  readonly principal?: string;
  readonly account?: string;
  readonly org?: string;
  readonly vpc: string;
  readonly method: string;
  readonly path: string;
  readonly expect: PolicyVerdict;
}

function request(c: Case): LatticeRequest {
  return {
    ...(c.principal ? { principalArn: c.principal } : {}),
    ...(c.account ? { principalAccount: c.account } : {}),
    ...(c.org ? { principalOrgId: c.org } : {}),
    sourceVpc: c.vpc,
    method: c.method,
    path: c.path,
    port: 443,
    resource: `${SERVICE}${c.path}`,
    serviceArn: SERVICE,
  };
}

const frontendSession = 'arn:aws:sts::222222222222:assumed-role/search-frontend/i-0abc';
const ingestionRole = 'arn:aws:iam::333333333333:role/loader';
const GENERATED: readonly Case[] = [
  // The read-only frontend: its role (or a session of it), from its VPC, reads only.
  {
    name: 'frontend GET',
    principal: FRONTEND_ROLE,
    account: '222222222222',
    vpc: FRONTEND_VPC,
    method: 'GET',
    path: '/v1/objects/x',
    expect: 'allow',
  },
  {
    name: 'frontend session GET',
    principal: frontendSession,
    account: '222222222222',
    vpc: FRONTEND_VPC,
    method: 'GET',
    path: '/v1/schema',
    expect: 'allow',
  },
  {
    name: 'frontend GraphQL query',
    principal: FRONTEND_ROLE,
    account: '222222222222',
    vpc: FRONTEND_VPC,
    method: 'POST',
    path: '/v1/graphql',
    expect: 'allow',
  },
  {
    name: 'frontend gRPC Search',
    principal: FRONTEND_ROLE,
    account: '222222222222',
    vpc: FRONTEND_VPC,
    method: 'POST',
    path: '/weaviate.v1.Weaviate/Search',
    expect: 'allow',
  },
  {
    name: 'frontend gRPC batch import',
    principal: FRONTEND_ROLE,
    account: '222222222222',
    vpc: FRONTEND_VPC,
    method: 'POST',
    path: '/weaviate.v1.Weaviate/BatchObjects',
    expect: 'deny',
  },
  {
    name: 'frontend DELETE',
    principal: FRONTEND_ROLE,
    account: '222222222222',
    vpc: FRONTEND_VPC,
    method: 'DELETE',
    path: '/v1/objects/x',
    expect: 'deny',
  },
  {
    name: 'frontend POST objects',
    principal: FRONTEND_ROLE,
    account: '222222222222',
    vpc: FRONTEND_VPC,
    method: 'POST',
    path: '/v1/objects',
    expect: 'deny',
  },
  {
    name: 'frontend from another VPC',
    principal: FRONTEND_ROLE,
    account: '222222222222',
    vpc: 'vpc-0fffffffffffffff0',
    method: 'GET',
    path: '/v1/objects',
    expect: 'deny',
  },
  {
    name: 'another role of the frontend account',
    principal: 'arn:aws:iam::222222222222:role/other',
    account: '222222222222',
    vpc: FRONTEND_VPC,
    method: 'GET',
    path: '/v1/objects',
    expect: 'deny',
  },
  // The ingestion account: any principal of the account in the organization, every method.
  {
    name: 'ingestion DELETE',
    principal: ingestionRole,
    account: '333333333333',
    org: 'o-a1b2c3d4e5',
    vpc: 'vpc-0bbbbbbbbbbbbbbb0',
    method: 'DELETE',
    path: '/v1/objects/x',
    expect: 'allow',
  },
  {
    name: 'ingestion gRPC batch',
    principal: ingestionRole,
    account: '333333333333',
    org: 'o-a1b2c3d4e5',
    vpc: 'vpc-0bbbbbbbbbbbbbbb0',
    method: 'POST',
    path: '/weaviate.v1.Weaviate/BatchObjects',
    expect: 'allow',
  },
  {
    name: 'ingestion account outside the organization',
    principal: ingestionRole,
    account: '333333333333',
    org: 'o-zzzzzzzzzz',
    vpc: 'vpc-0bbbbbbbbbbbbbbb0',
    method: 'GET',
    path: '/v1/objects',
    expect: 'deny',
  },
  {
    name: 'ingestion method outside the grants',
    principal: ingestionRole,
    account: '333333333333',
    org: 'o-a1b2c3d4e5',
    vpc: 'vpc-0bbbbbbbbbbbbbbb0',
    method: 'OPTIONS',
    path: '/v1/objects',
    expect: 'deny',
  },
  {
    name: 'ingestion path outside the API',
    principal: ingestionRole,
    account: '333333333333',
    org: 'o-a1b2c3d4e5',
    vpc: 'vpc-0bbbbbbbbbbbbbbb0',
    method: 'GET',
    path: '/debug/pprof',
    expect: 'deny',
  },
  {
    name: 'organization member of another account',
    principal: 'arn:aws:iam::444444444444:role/x',
    account: '444444444444',
    org: 'o-a1b2c3d4e5',
    vpc: 'vpc-0bbbbbbbbbbbbbbb0',
    method: 'GET',
    path: '/v1/objects',
    expect: 'deny',
  },
  // Everyone else.
  {
    name: 'unnamed account',
    principal: 'arn:aws:iam::999999999999:role/x',
    account: '999999999999',
    vpc: FRONTEND_VPC,
    method: 'GET',
    path: '/v1/objects',
    expect: 'deny',
  },
  {
    name: 'anonymous caller in the frontend VPC',
    vpc: FRONTEND_VPC,
    method: 'GET',
    path: '/v1/objects',
    expect: 'deny',
  },
];

describe('Lattice auth-policy evaluation: the generated service policy', () => {
  assert.ok(GENERATED.length > 0);
  for (const c of GENERATED)
    it(`${c.name}: ${c.expect}`, () => {
      const decision = evaluateAuthPolicy(servicePolicy, request(c));
      assert.equal(decision.verdict, c.expect, decision.reason);
    });

  it('the service network policy admits the named identities on any method and no one else', () => {
    const frontendDelete = request(GENERATED.find((c) => c.name === 'frontend DELETE')!);
    assert.equal(evaluateAuthPolicy(networkPolicy, frontendDelete).verdict, 'allow');
    for (const name of [
      'unnamed account',
      'anonymous caller in the frontend VPC',
      'frontend from another VPC',
    ])
      assert.equal(
        evaluateAuthPolicy(networkPolicy, request(GENERATED.find((c) => c.name === name)!)).verdict,
        'deny',
        name,
      );
  });

  it('names the deciding statement', () => {
    const allowed = evaluateAuthPolicy(servicePolicy, request(GENERATED[0]!));
    assert.match(allowed.reason, /statement searchfrontendGrant0/);
    assert.match(evaluateAuthPolicy(servicePolicy, request(GENERATED.at(-1)!)).reason, /implicit deny/);
  });
});

/** Policy shapes from the VPC Lattice user guide (auth-policies.html) and IAM's condition rules. */
const base: Case = {
  name: '',
  principal: 'arn:aws:iam::555555555555:role/app',
  account: '555555555555',
  org: 'o-docsdocs01',
  vpc: 'vpc-0ddddddddddddddd0',
  method: 'GET',
  path: '/items',
  expect: 'deny',
};
const statement = (extra: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*', ...extra },
  ],
});
const DOCUMENTED: readonly {
  name: string;
  policy: unknown;
  request: Partial<Case>;
  expect: PolicyVerdict;
}[] = [
  {
    name: 'organization only: member',
    policy: statement({ Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-docsdocs01'] } } }),
    request: {},
    expect: 'allow',
  },
  {
    name: 'organization only: outsider',
    policy: statement({ Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-docsdocs01'] } } }),
    request: { org: 'o-elsewhere1' },
    expect: 'deny',
  },
  {
    name: 'organization only: caller in no organization',
    policy: statement({ Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-docsdocs01'] } } }),
    request: { org: undefined },
    expect: 'deny',
  },
  {
    name: 'authenticated from a VPC: signed',
    policy: statement({
      Condition: {
        StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' },
        StringEquals: { 'vpc-lattice-svcs:SourceVpc': 'vpc-0ddddddddddddddd0' },
      },
    }),
    request: {},
    expect: 'allow',
  },
  {
    name: 'authenticated from a VPC: unsigned',
    policy: statement({
      Condition: {
        StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' },
        StringEquals: { 'vpc-lattice-svcs:SourceVpc': 'vpc-0ddddddddddddddd0' },
      },
    }),
    request: { principal: undefined, account: undefined, org: undefined },
    expect: 'deny',
  },
  {
    name: 'role and method: GET',
    policy: statement({
      Principal: { AWS: ['arn:aws:iam::555555555555:role/app'] },
      Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'GET' } },
    }),
    request: {},
    expect: 'allow',
  },
  {
    name: 'role and method: PUT',
    policy: statement({
      Principal: { AWS: ['arn:aws:iam::555555555555:role/app'] },
      Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': 'GET' } },
    }),
    request: { method: 'PUT' },
    expect: 'deny',
  },
  {
    name: 'account root principal admits its roles',
    policy: statement({ Principal: { AWS: 'arn:aws:iam::555555555555:root' } }),
    request: {},
    expect: 'allow',
  },
  {
    name: 'account id principal rejects other accounts',
    policy: statement({ Principal: { AWS: '555555555555' } }),
    request: { principal: 'arn:aws:iam::666666666666:role/app', account: '666666666666' },
    expect: 'deny',
  },
  {
    name: 'explicit deny wins over allow',
    policy: {
      Statement: [
        statement({}).Statement[0],
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'vpc-lattice-svcs:*',
          Resource: '*',
          Condition: { StringLike: { 'vpc-lattice-svcs:RequestPath': '/admin/*' } },
        },
      ],
    },
    request: { path: '/admin/x' },
    expect: 'deny',
  },
  {
    name: 'negated operator on a missing key is true',
    policy: statement({ Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-blocked0001' } } }),
    request: { org: undefined },
    expect: 'allow',
  },
  {
    name: 'IfExists on a missing key is true',
    policy: statement({ Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-docsdocs01' } } }),
    request: { org: undefined },
    expect: 'allow',
  },
  {
    name: 'Null: true when the key is absent',
    policy: statement({ Condition: { Null: { 'aws:PrincipalOrgID': 'true' } } }),
    request: { org: undefined },
    expect: 'allow',
  },
  {
    name: 'action of another service',
    policy: statement({ Action: 's3:GetObject' }),
    request: {},
    expect: 'deny',
  },
  {
    name: 'resource of another service ARN',
    policy: statement({ Resource: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-other/*' }),
    request: {},
    expect: 'deny',
  },
  {
    name: 'operator this evaluator does not know',
    policy: statement({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }),
    request: {},
    expect: 'unknown',
  },
  {
    name: 'NotPrincipal',
    policy: statement({ Principal: undefined, NotPrincipal: { AWS: '555555555555' } }),
    request: {},
    expect: 'unknown',
  },
  {
    name: 'a known allow beside an undecidable allow',
    policy: {
      Statement: [
        statement({}).Statement[0],
        statement({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }).Statement[0],
      ],
    },
    request: {},
    expect: 'allow',
  },
  {
    name: 'an undecidable deny beside an allow',
    policy: {
      Statement: [
        statement({}).Statement[0],
        {
          Effect: 'Deny',
          Principal: '*',
          Action: '*',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ],
    },
    request: {},
    expect: 'unknown',
  },
  {
    name: 'a policy given as JSON text',
    policy: JSON.stringify(
      statement({ Condition: { StringEquals: { 'aws:PrincipalAccount': '555555555555' } } }),
    ),
    request: {},
    expect: 'allow',
  },
];

describe('Lattice auth-policy evaluation: documented policy shapes and IAM operator rules', () => {
  assert.ok(DOCUMENTED.length > 0);
  for (const c of DOCUMENTED)
    it(`${c.name}: ${c.expect}`, () => {
      const r = request({ ...base, ...c.request } as Case);
      const decision = evaluateAuthPolicy(c.policy, {
        ...r,
        resource: `arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-docs/${r.path}`,
      });
      assert.equal(decision.verdict, c.expect, decision.reason);
    });
});
