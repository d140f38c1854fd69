import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBlueprint } from '../../src/blueprint/index.js';
import { errorsOf } from './refusals.js';

describe('workload options', () => {
  it('default to three replicas, factor 3, RBAC with an API-keyed root user, metrics and the mesh on', () => {
    const bp = parseBlueprint('{}', 'bp.yaml');
    assert.equal(bp.weaviate.replicas, 3);
    assert.equal(bp.weaviate.replicationFactor, 3);
    assert.equal(bp.weaviate.authorization.mode, 'rbac');
    assert.deepEqual(bp.weaviate.authorization.rootUsers, ['admin']);
    assert.deepEqual(bp.weaviate.authentication.apiKey.users, ['admin']);
    assert.equal(bp.weaviate.authentication.allowAnonymousAccess, false);
    assert.equal(bp.monitoring.enabled, true);
    assert.equal(bp.mesh.enabled, true);
    assert.equal(bp.backup.rpoHours, 24);
  });

  it('accepts five replicas when the node group can hold them', () => {
    const bp = parseBlueprint(
      [
        'cluster:',
        '  nodeGroups:',
        '    - {name: system, role: system, instanceTypes: [m7i.large], minSize: 2, maxSize: 4, desiredSize: 3}',
        '    - {name: weaviate, role: weaviate, instanceTypes: [r7i.xlarge], minSize: 5, maxSize: 5, desiredSize: 5}',
        'weaviate:',
        '  replicas: 5',
      ].join('\n'),
      'bp.yaml',
    );
    assert.equal(bp.weaviate.replicas, 5);
  });

  it('rejects more replicas than the Weaviate node group can hold (one pod per node)', () => {
    assert.deepEqual(errorsOf('weaviate:\n  replicas: 7\n'), [
      'bp.yaml:1:1: cluster.nodeGroups[1].maxSize: the weaviate node group must hold one node per replica: maxSize 6 < weaviate.replicas 7',
    ]);
  });

  it('rejects a replication factor above the replica count', () => {
    const errors = errorsOf('weaviate:\n  replicationFactor: 5\n');
    assert.deepEqual(errors, [
      'bp.yaml:2:3: weaviate.replicationFactor: the replication factor (5) cannot exceed weaviate.replicas (3)',
    ]);
  });

  it('rejects a moving image tag', () => {
    const [message] = errorsOf('weaviate:\n  image:\n    tag: latest\n');
    assert.match(
      message ?? '',
      /weaviate\.image\.tag: expected a version tag such as 1\.38\.2 \(never latest\)/,
    );
  });

  it('rejects two Weaviate ports with the same number', () => {
    assert.deepEqual(errorsOf('weaviate:\n  ports:\n    gossip: 8080\n'), [
      'bp.yaml:2:3: weaviate.ports: each Weaviate port needs its own number: http and gossip are both 8080',
    ]);
  });

  it("rejects a port in Istio's reserved range while the mesh is on, and allows it when it is off", () => {
    assert.deepEqual(errorsOf('weaviate:\n  ports:\n    metrics: 15020\n'), [
      "bp.yaml:2:3: weaviate.ports: port metrics (15020) is in Istio's reserved range 15000–15090; pick another",
    ]);
    const bp = parseBlueprint('mesh: {enabled: false}\nweaviate:\n  ports:\n    metrics: 15020\n', 'bp.yaml');
    assert.equal(bp.weaviate.ports.metrics, 15020);
  });

  it('requires admin users in admin-list mode', () => {
    assert.deepEqual(errorsOf('weaviate:\n  authorization:\n    mode: admin-list\n'), [
      'bp.yaml:2:3: weaviate.authorization.adminUsers: the admin-list mode needs at least one admin user',
    ]);
  });

  it('rejects admin-list users while RBAC is on: the two models exclude each other', () => {
    assert.deepEqual(
      errorsOf('weaviate:\n  authorization:\n    adminUsers: [bob]\n    readOnlyUsers: [eve]\n'),
      [
        'bp.yaml:3:5: weaviate.authorization.adminUsers: RBAC and the admin list exclude each other: remove adminUsers/readOnlyUsers (bob, eve) or set authorization.mode to admin-list',
      ],
    );
  });

  it('accepts the admin list alone, with its users keyed', () => {
    const bp = parseBlueprint(
      [
        'weaviate:',
        '  authentication:',
        '    apiKey: {users: [bob]}',
        '  authorization: {mode: admin-list, adminUsers: [bob]}',
      ].join('\n'),
      'bp.yaml',
    );
    assert.equal(bp.weaviate.authorization.mode, 'admin-list');
    assert.deepEqual(bp.weaviate.authorization.adminUsers, ['bob']);
  });

  it('rejects an even replica count and fewer than three in production, naming the fix', () => {
    assert.deepEqual(errorsOf('weaviate:\n  replicas: 6\n'), [
      'bp.yaml:2:3: weaviate.replicas: expected an odd number of replicas (Raft needs a majority), got 6; use 7 or 5',
    ]);
    assert.match(errorsOf('weaviate:\n  replicas: 1\n')[0] ?? '', /at least 3 replicas in production.*got 1/);
  });

  it('requires the OIDC client id when only the issuer is given', () => {
    assert.deepEqual(
      errorsOf(
        'network: {allowDataTierInternetEgress: true}\nweaviate:\n  authentication:\n' +
          '    oidc: {enabled: true, issuer: "https://idp.example.com", issuerCidrs: [198.51.100.0/24]}\n',
      ),
      ['bp.yaml:4:5: weaviate.authentication.oidc: OIDC is enabled but clientId is missing'],
    );
  });

  it('accepts OIDC with root groups and no API-keyed root user', () => {
    const bp = parseBlueprint(
      [
        'network: {allowDataTierInternetEgress: true}',
        'weaviate:',
        '  authentication:',
        '    apiKey: {enabled: false}',
        '    oidc: {enabled: true, issuer: "https://idp.example.com", clientId: weaviate, groupsClaim: roles,',
        '      issuerCidrs: [198.51.100.0/24]}',
        '  authorization:',
        '    rootUsers: []',
        '    rootGroups: [weaviate-admins]',
      ].join('\n'),
      'bp.yaml',
    );
    assert.equal(bp.weaviate.authentication.oidc.groupsClaim, 'roles');
    assert.deepEqual(bp.weaviate.authorization.rootGroups, ['weaviate-admins']);
  });

  it('requires a memory quantity in Mi or Gi (request = limit)', () => {
    const [message] = errorsOf('weaviate:\n  resources:\n    memory: 16G\n');
    assert.match(message ?? '', /weaviate\.resources\.memory: expected a memory quantity such as 16Gi/);
  });

  it('refuses to take over a system namespace for Weaviate, the gateway or monitoring', () => {
    assert.deepEqual(errorsOf('weaviate:\n  namespace: kube-system\n'), [
      'bp.yaml:2:3: weaviate.namespace: "kube-system" is a system namespace; vectorfort closes the namespaces it uses, so pick another',
    ]);
    assert.equal(errorsOf('mesh:\n  ingressNamespace: istio-system\n').length, 1);
    assert.equal(errorsOf('monitoring:\n  namespace: default\n').length, 1);
  });
});
