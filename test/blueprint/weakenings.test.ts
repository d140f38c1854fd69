import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBlueprint } from '../../src/blueprint/index.js';
import { SMALLEST_VPC_PREFIX_BY_ZONES } from '../../src/blueprint/rules.js';
import { planSubnets } from '../../src/flows/network-plan.js';
import { errorsOf } from './refusals.js';

/** Parses `text` and returns the error lines it produces (or fails when it parses). */

function accepts(text: string): void {
  assert.doesNotThrow(() => parseBlueprint(text, 'bp.yaml'), text);
}

const CROSS_ACCOUNT =
  "not the blueprint's account 111111111111; set adminAccess.allowCrossAccountPrincipals: true to allow principals of other accounts (a weakening)";

describe('principals from another account', () => {
  it('are rejected as key administrators, cluster access entries, role trust and the break-glass role', () => {
    assert.deepEqual(
      errorsOf('keys:\n  administratorArns:\n    - arn:aws:iam::222222222222:role/key-admin\n'),
      [
        `bp.yaml:3:7: keys.administratorArns[0]: principal arn:aws:iam::222222222222:role/key-admin is in account 222222222222, ${CROSS_ACCOUNT}`,
      ],
    );
    const entries = [
      'cluster:',
      '  accessEntries:',
      '    - principalArn: arn:aws:iam::111111111111:role/ops',
      '      accessPolicy: view',
      '    - principalArn: arn:aws:iam::222222222222:role/ops',
      '      accessPolicy: cluster-admin',
    ].join('\n');
    assert.deepEqual(errorsOf(entries), [
      `bp.yaml:5:7: cluster.accessEntries[1].principalArn: principal arn:aws:iam::222222222222:role/ops is in account 222222222222, ${CROSS_ACCOUNT}`,
    ]);
    assert.deepEqual(
      errorsOf('adminAccess:\n  roles:\n    trustedPrincipalArns:\n      - arn:aws:iam::222222222222:root\n'),
      [
        `bp.yaml:4:9: adminAccess.roles.trustedPrincipalArns[0]: principal arn:aws:iam::222222222222:root is in account 222222222222, ${CROSS_ACCOUNT}`,
      ],
    );
    assert.deepEqual(errorsOf('backup:\n  breakGlassRoleArn: arn:aws:iam::222222222222:role/glass\n'), [
      `bp.yaml:2:3: backup.breakGlassRoleArn: principal arn:aws:iam::222222222222:role/glass is in account 222222222222, ${CROSS_ACCOUNT}`,
    ]);
  });

  it("compares with the blueprint's own account, not the placeholder", () => {
    const text =
      'environment:\n  account: "333333333333"\nkeys:\n  administratorArns: [arn:aws:iam::111111111111:role/a]\n';
    assert.deepEqual(errorsOf(text), [
      `bp.yaml:4:23: keys.administratorArns[0]: principal arn:aws:iam::111111111111:role/a is in account 111111111111, not the blueprint's account 333333333333; set adminAccess.allowCrossAccountPrincipals: true to allow principals of other accounts (a weakening)`,
    ]);
  });

  it('rejects a principal ARN that names no account', () => {
    assert.deepEqual(errorsOf('keys:\n  administratorArns: ["arn:aws:s3:::bucket"]\n'), [
      'bp.yaml:2:23: keys.administratorArns[0]: expected a principal ARN that names its account, such as arn:aws:iam::111111111111:role/<name>, got arn:aws:s3:::bucket',
    ]);
  });

  it('accepts principals of the same account, and of others with allowCrossAccountPrincipals', () => {
    accepts(
      [
        'keys:',
        '  administratorArns: [arn:aws:iam::111111111111:role/key-admin]',
        'cluster:',
        '  accessEntries: [{principalArn: "arn:aws:iam::111111111111:role/ops", accessPolicy: view}]',
        'adminAccess:',
        '  roles: {trustedPrincipalArns: ["arn:aws:iam::111111111111:root"]}',
        'backup: {breakGlassRoleArn: "arn:aws:iam::111111111111:role/glass"}',
      ].join('\n'),
    );
    accepts(
      [
        'keys:',
        '  administratorArns: [arn:aws:iam::222222222222:role/key-admin]',
        'adminAccess:',
        '  allowCrossAccountPrincipals: true',
        '  roles: {trustedPrincipalArns: ["arn:aws:iam::222222222222:root"]}',
      ].join('\n'),
    );
  });
});

describe('selectors, prefixes and lists that widen access', () => {
  it('requires at least one Prometheus pod label: an empty selector matches every pod', () => {
    assert.deepEqual(errorsOf('monitoring:\n  prometheusPodLabels: {}\n'), [
      'bp.yaml:2:3: monitoring.prometheusPodLabels: expected at least one label (an empty selector matches every pod), got a mapping',
    ]);
    accepts('monitoring:\n  prometheusPodLabels: {app: prometheus}\n');
  });

  it('rejects wildcards and a leading slash in the backup prefix', () => {
    assert.deepEqual(errorsOf('backup:\n  prefix: "*"\n'), [
      `bp.yaml:2:3: backup.prefix: expected a prefix without wildcards (* or ?), which would widen the backup role's IAM policy, got string "*"`,
    ]);
    assert.deepEqual(errorsOf('backup:\n  prefix: "team/we?viate"\n'), [
      `bp.yaml:2:3: backup.prefix: expected a prefix without wildcards (* or ?), which would widen the backup role's IAM policy, got string "team/we?viate"`,
    ]);
    assert.deepEqual(errorsOf('backup:\n  prefix: /weaviate\n'), [
      'bp.yaml:2:3: backup.prefix: expected a prefix without a leading slash, got string "/weaviate"',
    ]);
    assert.deepEqual(errorsOf('backup:\n  prefix: weaviate//x\n'), [
      `bp.yaml:2:3: backup.prefix: expected an S3 key prefix of letters, digits and _ . -, with single slashes between segments and none at the end, got string "weaviate//x"`,
    ]);
    // S3 takes these, but the tag that declares the prefix to the verifier cannot hold them.
    assert.deepEqual(errorsOf('backup:\n  prefix: "weaviate(1)"\n'), [
      `bp.yaml:2:3: backup.prefix: expected an S3 key prefix of letters, digits and _ . -, with single slashes between segments and none at the end, got string "weaviate(1)"`,
    ]);
    accepts('backup:\n  prefix: prod/weaviate-1.0\n');
  });

  it('rejects a comma inside a root user, which Weaviate would read as a second user', () => {
    assert.deepEqual(errorsOf('weaviate:\n  authorization:\n    rootUsers: ["admin,intruder"]\n'), [
      'bp.yaml:3:17: weaviate.authorization.rootUsers[0]: expected a name without commas (Weaviate reads the list comma-separated, so a comma adds an entry), got string "admin,intruder"',
    ]);
    assert.deepEqual(
      errorsOf('weaviate:\n  authorization:\n    rootGroups: ["ops,everyone"]\n').map(
        (e) => e.split(': ')[1],
      ),
      ['weaviate.authorization.rootGroups[0]'],
    );
    accepts('weaviate:\n  authorization:\n    rootUsers: [admin]\n    rootGroups: [ops]\n');
  });
});

describe('network ranges AWS would reject', () => {
  it('rejects a VPC larger than /16, naming the range AWS allows', () => {
    // The default client VPN range lies inside both, and is reported too.
    assert.deepEqual(errorsOf('network:\n  vpcCidr: 0.0.0.0/0\n'), [
      'bp.yaml:1:1: adminAccess.clientVpn.clientCidr: the client range 10.250.0.0/22 overlaps the VPC 0.0.0.0/0',
      'bp.yaml:2:3: network.vpcCidr: expected a VPC range of /16 or smaller (AWS allows /16 to /28), got /0',
    ]);
    assert.deepEqual(errorsOf('network:\n  vpcCidr: 10.0.0.0/8\n'), [
      'bp.yaml:1:1: adminAccess.clientVpn.clientCidr: the client range 10.250.0.0/22 overlaps the VPC 10.0.0.0/8',
      'bp.yaml:2:3: network.vpcCidr: expected a VPC range of /16 or smaller (AWS allows /16 to /28), got /8',
    ]);
    accepts('network:\n  vpcCidr: 10.0.0.0/16\n');
  });

  it('rejects a VPC too small for the subnet plan instead of failing during synthesis', () => {
    assert.deepEqual(errorsOf('network:\n  vpcCidr: 10.0.0.0/28\n'), [
      'bp.yaml:2:3: network.vpcCidr: expected a VPC range of /24 or larger: the subnet plan needs room for four tiers in 3 availability zones, got /28',
    ]);
    accepts('network:\n  vpcCidr: 10.0.0.0/24\n');
    const twoZones = 'preset: development\nenvironment:\n  availabilityZones: [us-east-1a, us-east-1b]\n';
    accepts(`${twoZones}network:\n  vpcCidr: 10.0.0.0/25\n`);
    assert.deepEqual(errorsOf(`${twoZones}network:\n  vpcCidr: 10.0.0.0/26\n`), [
      'bp.yaml:5:3: network.vpcCidr: expected a VPC range of /25 or larger: the subnet plan needs room for four tiers in 2 availability zones, got /26',
    ]);
  });

  it('knows the smallest VPC the subnet plan fits for every number of zones', () => {
    const zoneCounts = Object.keys(SMALLEST_VPC_PREFIX_BY_ZONES).map(Number);
    assert.deepEqual(zoneCounts, [2, 3, 4, 5, 6]);
    const fits = (prefix: number, zones: string[]) => {
      try {
        return planSubnets(`10.0.0.0/${prefix}`, zones).length === zones.length * 4;
      } catch {
        return false;
      }
    };
    for (const count of zoneCounts) {
      const zones = [...'abcdef'].slice(0, count).map((s) => `us-east-1${s}`);
      const smallest = SMALLEST_VPC_PREFIX_BY_ZONES[count]!;
      assert.equal(fits(smallest, zones), true, `/${smallest} in ${count} zones`);
      assert.equal(fits(smallest + 1, zones), false, `/${smallest + 1} in ${count} zones`);
    }
  });

  it('rejects host bits and leading zeros in every CIDR', () => {
    assert.deepEqual(errorsOf('network:\n  vpcCidr: 10.40.0.1/16\n'), [
      'bp.yaml:2:3: network.vpcCidr: expected the network address 10.40.0.0/16 (host bits are set), got string "10.40.0.1/16"',
    ]);
    assert.deepEqual(errorsOf('network:\n  vpcCidr: 010.40.0.0/16\n'), [
      'bp.yaml:2:3: network.vpcCidr: expected an IPv4 CIDR without leading zeros, got string "010.40.0.0/16"',
    ]);
    assert.deepEqual(errorsOf('cluster:\n  publicAccessCidrs: [10.99.0.0/16, 10.99.1.7/24]\n'), [
      'bp.yaml:2:37: cluster.publicAccessCidrs[1]: expected the network address 10.99.1.0/24 (host bits are set), got string "10.99.1.7/24"',
    ]);
    accepts('network:\n  vpcCidr: 10.40.0.0/16\nadminAccess:\n  clientVpn:\n    clientCidr: 10.250.0.0/22\n');
  });
});

describe('names AWS and Kubernetes would reject', () => {
  it('rejects reserved tag prefixes and characters AWS does not allow in tags', () => {
    assert.deepEqual(errorsOf('tags:\n  aws:cost: x\n'), [
      'bp.yaml:2:3: tags.aws:cost: expected a tag key that does not start with aws: or vectorfort: (reserved for AWS and vectorfort), got key "aws:cost"',
    ]);
    assert.deepEqual(errorsOf('tags:\n  AWS:cost: x\n').length, 1);
    assert.deepEqual(errorsOf('tags:\n  vectorfort:component: x\n'), [
      'bp.yaml:2:3: tags.vectorfort:component: expected a tag key that does not start with aws: or vectorfort: (reserved for AWS and vectorfort), got key "vectorfort:component"',
    ]);
    assert.deepEqual(errorsOf('tags:\n  "team#1": x\n'), [
      'bp.yaml:2:3: tags.team#1: expected a tag key of letters, digits, spaces and _ . : / = + - @, got key "team#1"',
    ]);
    assert.deepEqual(errorsOf('tags:\n  team: "a;b"\n'), [
      'bp.yaml:2:3: tags.team: expected a tag value of letters, digits, spaces and _ . : / = + - @, got string "a;b"',
    ]);
    accepts(
      'tags:\n  team: search\n  cost-center: "42"\n  owner: ops@example.com\n  app:tier: "a b/c=d+e"\n',
    );
  });

  it("limits the number of tags to what AWS allows beside vectorfort's own", () => {
    const tags = (n: number) => `tags:\n${Array.from({ length: n }, (_, i) => `  t${i}: v\n`).join('')}`;
    assert.deepEqual(errorsOf(tags(46)), [
      'bp.yaml:1:1: tags: expected at most 45 tags (AWS allows 50 per resource and vectorfort adds up to 5), got a mapping',
    ]);
    accepts(tags(45));
  });

  it('rejects Secrets Manager names AWS does not accept or that read as an ARN suffix', () => {
    assert.deepEqual(errorsOf('detection:\n  alerting:\n    chatWebhookSecretName: "chat webhook"\n'), [
      'bp.yaml:3:5: detection.alerting.chatWebhookSecretName: expected a secret name of letters, digits and / _ + = . @ -, got string "chat webhook"',
    ]);
    assert.deepEqual(errorsOf('detection:\n  alerting:\n    pagingWebhookSecretName: team/pager-abcdef\n'), [
      'bp.yaml:3:5: detection.alerting.pagingWebhookSecretName: expected a secret name that does not end in a hyphen and six characters, which reads as the random suffix of a secret ARN, got string "team/pager-abcdef"',
    ]);
    accepts(
      'detection:\n  alerting:\n    chatWebhookSecretName: team/chat\n    pagingWebhookSecretName: team/pager-webhook1\n',
    );
  });

  it('checks label keys and values with the Kubernetes grammar', () => {
    assert.deepEqual(errorsOf('monitoring:\n  prometheusPodLabels:\n    "-bad": x\n'), [
      'bp.yaml:3:5: monitoring.prometheusPodLabels.-bad: expected a label key whose name is 1–63 letters, digits and - _ . starting and ending alphanumeric, got key "-bad"',
    ]);
    assert.deepEqual(errorsOf('monitoring:\n  prometheusPodLabels:\n    "Example.com/name": x\n'), [
      'bp.yaml:3:5: monitoring.prometheusPodLabels.Example.com/name: expected a label key whose prefix is a DNS subdomain (lower-case, at most 253 characters) such as app.kubernetes.io/name, got key "Example.com/name"',
    ]);
    assert.deepEqual(errorsOf(`monitoring:\n  selectorLabels:\n    ${'n'.repeat(64)}: x\n`).length, 1);
    assert.deepEqual(errorsOf('monitoring:\n  selectorLabels:\n    release: "a b"\n'), [
      'bp.yaml:3:5: monitoring.selectorLabels.release: expected a label value of letters, digits and - _ . starting and ending alphanumeric, got string "a b"',
    ]);
    accepts(
      `monitoring:\n  prometheusPodLabels:\n    app.kubernetes.io/name: prometheus\n    ${'n'.repeat(63)}: ""\n  selectorLabels:\n    release: kube-prometheus-stack_1.0\n`,
    );
  });
});

describe('detection services left to someone else', () => {
  it('must name who provides them, and only when they are off', () => {
    assert.deepEqual(errorsOf('detection:\n  cloudTrail:\n    enabled: false\n'), [
      'bp.yaml:2:3: detection.cloudTrail.providedBy: detection.cloudTrail is off: name who provides it instead (an organisation-wide service), so the report can say who answers for what these templates cannot show',
    ]);
    assert.equal(
      errorsOf('detection:\n  guardDuty:\n    providedBy: the delegated administrator\n')[0]!
        .split(': ')
        .pop(),
      'providedBy is set but detection.guardDuty is on; remove providedBy or turn the service off',
    );
    assert.match(
      errorsOf('detection:\n  config:\n    enabled: false\n    providedBy: them\n')[0]!,
      /detection\.config\.providedBy: .*10/,
    );
    accepts('detection:\n  config:\n    enabled: false\n    providedBy: the Control Tower recorder\n');
  });
});
