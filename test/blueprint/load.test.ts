import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadBlueprint, parseBlueprint, validateBlueprint } from '../../src/blueprint/index.js';
import { deriveFlowSpec } from '../../src/flows/index.js';
import { InputError } from '../../src/errors.js';
import { errorsOf } from './refusals.js';

/** Parses `text` and returns the error lines it produces (or fails when it parses). */

describe('default blueprint', () => {
  it('is production Weaviate on EKS across three zones with secure defaults', () => {
    const { blueprint, file, placeholders } = loadBlueprint();
    assert.equal(file, undefined);
    assert.equal(blueprint.preset, 'production');
    assert.equal(blueprint.environment.account, '111111111111');
    assert.equal(blueprint.environment.region, 'us-east-1');
    assert.equal(blueprint.network.natGateways, 3);
    assert.equal(blueprint.exposure, 'private');
    assert.equal(blueprint.cluster.allowPublicEndpoint, false);
    assert.equal(blueprint.cluster.allowPodInstanceMetadata, false);
    assert.equal(blueprint.network.allowDataTierInternetEgress, false);
    assert.equal(blueprint.weaviate.replicas, 3);
    assert.equal(blueprint.weaviate.authentication.allowAnonymousAccess, false);
    assert.equal(blueprint.weaviate.authentication.apiKey.enabled, true);
    assert.equal(blueprint.weaviate.authorization.mode, 'rbac');
    assert.equal(blueprint.mesh.enabled, true);
    assert.deepEqual(
      blueprint.cluster.nodeGroups.map((g) => g.role),
      ['system', 'weaviate'],
    );
    assert.deepEqual(placeholders, [
      'environment.account',
      'adminAccess.clientVpn.serverCertificateArn',
      'adminAccess.clientVpn.clientRootCertificateArn',
    ]);
  });

  it('names S3 by its interface endpoint in the endpoints tier, in every region, with no address ranges', () => {
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-2']) {
      const spec = deriveFlowSpec(validateBlueprint({ environment: { region } }, 'x.yaml'));
      const endpoint = spec.components.find((c) => c.id === 's3-endpoint');
      assert.deepEqual(
        { tier: endpoint?.tier, awsTag: endpoint?.awsTag, cidrs: endpoint?.cidrs },
        { tier: 'endpoints', awsTag: 's3-endpoint', cidrs: undefined },
      );
      const backups = spec.flows.find((f) => f.id === 'weaviate-to-s3-endpoint-backups');
      assert.equal(backups?.to, 's3-endpoint', region);
    }
  });
});

describe('presets', () => {
  it('development keeps privacy and encryption but uses one NAT gateway and smaller nodes', () => {
    const bp = parseBlueprint('preset: development\n', 'dev.yaml');
    assert.equal(bp.network.natGateways, 1);
    assert.equal(bp.exposure, 'private');
    assert.equal(bp.cluster.allowPublicEndpoint, false);
    assert.equal(bp.cluster.nodeGroups[0]?.instanceTypes[0], 't3.large');
    assert.equal(bp.adminAccess.clientVpn.enabled, false);
    assert.equal(bp.weaviate.replicas, 3);
  });

  it('keeps control-plane logs 365 days in production and 90 in development', () => {
    assert.equal(parseBlueprint('{}', 'prod.yaml').cluster.logRetentionDays, 365);
    assert.equal(parseBlueprint('preset: development\n', 'dev.yaml').cluster.logRetentionDays, 90);
  });

  it('lets the user override a preset value', () => {
    const bp = parseBlueprint('preset: development\nnetwork:\n  natGateways: 2\n', 'dev.yaml');
    assert.equal(bp.network.natGateways, 2);
    assert.equal(bp.network.flowLogs.retentionDays, 30);
  });

  it('reads JSON as well as YAML', () => {
    const bp = parseBlueprint('{"name": "search", "weaviate": {"replicas": 5}}', 'bp.json');
    assert.equal(bp.name, 'search');
    assert.equal(bp.weaviate.replicas, 5);
  });

  it('rejects an unknown preset and suggests the closest', () => {
    assert.deepEqual(errorsOf('preset: prodution\n'), [
      'bp.yaml:1:1: preset: expected one of production, development, staging, enclave, got string "prodution" (did you mean "production"?)',
    ]);
  });
});

describe('invalid blueprints', () => {
  it('names an unknown key with its line and the closest valid key', () => {
    assert.deepEqual(errorsOf('cluster:\n  kubernetesVersoin: "1.35"\n'), [
      'bp.yaml:2:3: cluster.kubernetesVersoin: unknown key "kubernetesVersoin" (did you mean "kubernetesVersion"?)',
    ]);
  });

  it('points inside lists with [index] paths', () => {
    const text = [
      'cluster:',
      '  nodeGroups:',
      '    - {name: system, role: system, instanceTypes: [m7i.large], minSize: 1, maxSize: 2, desiredSize: 1}',
      '    - name: weaviate',
      '      role: weaviate',
      '      instanceTypes: [42]',
      '      minSize: 3',
      '      maxSize: 3',
      '      desiredSize: 3',
    ].join('\n');
    assert.deepEqual(errorsOf(text), [
      'bp.yaml:6:23: cluster.nodeGroups[1].instanceTypes[0]: expected string, got number 42',
    ]);
  });

  it('reports a YAML syntax error with its line and column', () => {
    const [message] = errorsOf('weaviate:\n  replicas: [3\n');
    assert.match(message ?? '', /^bp\.yaml:\d+:\d+: invalid YAML\/JSON: /);
  });

  it('rejects a top level that is not a mapping', () => {
    assert.deepEqual(errorsOf('- a\n- b\n'), [
      'bp.yaml:1:1: expected a mapping of blueprint settings at the top level, got a list',
    ]);
  });

  it('rejects a log retention CloudWatch Logs does not offer', () => {
    const [message] = errorsOf('cluster:\n  logRetentionDays: 100\n');
    assert.match(
      message!,
      /^bp\.yaml:2:3: cluster\.logRetentionDays: .*one of the retention periods CloudWatch Logs accepts: 1, 3, 5/,
    );
  });

  it('rejects an even replica count', () => {
    assert.deepEqual(errorsOf('weaviate:\n  replicas: 4\n'), [
      'bp.yaml:2:3: weaviate.replicas: expected an odd number of replicas (Raft needs a majority), got 4; use 5 or 3',
    ]);
  });

  it('rejects fewer than three replicas in production but allows one in development', () => {
    assert.deepEqual(errorsOf('weaviate:\n  replicas: 1\n  replicationFactor: 1\n'), [
      'bp.yaml:2:3: weaviate.replicas: expected at least 3 replicas in production (a quorum that survives losing a node or a zone), got 1',
    ]);
    assert.equal(
      parseBlueprint('preset: development\nweaviate:\n  replicas: 1\n  replicationFactor: 1\n', 'd.yaml')
        .weaviate.replicas,
      1,
    );
  });

  it('requires root users when RBAC is on', () => {
    assert.deepEqual(errorsOf('weaviate:\n  authorization:\n    rootUsers: []\n'), [
      'bp.yaml:3:5: weaviate.authorization.rootUsers: RBAC needs at least one root user or root group, or nobody can manage roles',
    ]);
  });

  it('requires a root user to have an API key when OIDC is off', () => {
    assert.deepEqual(errorsOf('weaviate:\n  authorization:\n    rootUsers: [alice]\n'), [
      'bp.yaml:3:5: weaviate.authorization.rootUsers: root user "alice" has no API key and OIDC is off; add it to weaviate.authentication.apiKey.users',
    ]);
  });

  it("requires issuer, client id, the issuer's ranges and a route to them when OIDC is enabled", () => {
    assert.deepEqual(errorsOf('weaviate:\n  authentication:\n    oidc:\n      enabled: true\n'), [
      "bp.yaml:3:5: weaviate.authentication.oidc: OIDC is enabled but issuer, clientId and issuerCidrs (the address ranges of the issuer's discovery and keys) are missing",
      "bp.yaml:4:7: weaviate.authentication.oidc.enabled: Weaviate fetches the issuer's discovery document and signing keys (JWKS) over HTTPS to validate tokens, and the data tier has no route to the internet: set network.allowDataTierInternetEgress: true (a weakening), or leave weaviate.authentication.oidc off (clients authenticate with API keys)",
    ]);
  });

  it('rejects an OIDC issuer that is not https', () => {
    const errors = errorsOf(
      'weaviate:\n  authentication:\n    oidc: {enabled: true, issuer: "http://idp.example.com", clientId: x}\n',
    );
    assert.deepEqual(errors, [
      'bp.yaml:3:27: weaviate.authentication.oidc.issuer: expected an https URL, got string "http://idp.example.com"',
    ]);
  });

  it('refuses to leave Weaviate without authentication', () => {
    assert.deepEqual(errorsOf('weaviate:\n  authentication:\n    apiKey: {enabled: false}\n'), [
      'bp.yaml:2:3: weaviate.authentication: enable apiKey or oidc: with no authentication method Weaviate silently turns anonymous access on',
    ]);
  });

  it('refuses anonymous access with RBAC', () => {
    assert.match(
      errorsOf('preset: development\nweaviate:\n  authentication:\n    allowAnonymousAccess: true\n')[0] ??
        '',
      /allowAnonymousAccess: anonymous access cannot be combined with RBAC/,
    );
  });

  it('needs CIDRs for a public endpoint and never 0.0.0.0/0', () => {
    assert.match(
      errorsOf('cluster:\n  allowPublicEndpoint: true\n')[0] ?? '',
      /publicAccessCidrs: a public endpoint needs publicAccessCidrs/,
    );
    assert.match(
      errorsOf('cluster:\n  allowPublicEndpoint: true\n  publicAccessCidrs: [0.0.0.0/0]\n')[0] ?? '',
      /0\.0\.0\.0\/0 opens the API to the whole internet/,
    );
  });

  it('needs a domain and a certificate source when exposed', () => {
    assert.deepEqual(errorsOf('exposure: alb\n'), [
      'bp.yaml:1:1: edge.domainName: exposure "alb" needs edge.domainName',
      'bp.yaml:1:1: edge.certificateArn: exposure "alb" needs edge.certificateArn, or edge.hostedZoneId and edge.hostedZoneName to issue a DNS-validated certificate',
    ]);
  });

  it('needs the mesh when exposed: the load balancer targets its ingress gateway', () => {
    assert.deepEqual(
      errorsOf(
        'exposure: alb\nmesh:\n  enabled: false\nedge:\n  domainName: w.example.com\n  certificateArn: arn:aws:acm:us-east-1:111111111111:certificate/x\n',
      ),
      [
        'bp.yaml:3:3: mesh.enabled: exposure "alb" sends client traffic to the Istio ingress gateway (the load balancer\'s targets); it needs mesh.enabled',
      ],
    );
    // Without exposure the mesh may be off.
    assert.doesNotThrow(() => validateBlueprint({ mesh: { enabled: false } }, 'bp.yaml'));
  });

  it('rejects a VPN client range that overlaps the VPC', () => {
    assert.match(
      errorsOf('adminAccess:\n  clientVpn:\n    clientCidr: 10.40.8.0/22\n')[0] ?? '',
      /clientCidr: the client range 10\.40\.8\.0\/22 overlaps the VPC 10\.40\.0\.0\/16/,
    );
  });

  it('rejects public images without internet egress for the data tier', () => {
    assert.match(
      errorsOf('images:\n  source: public\n')[0] ?? '',
      /images\.source: images from public registries need a route to the internet/,
    );
  });

  it('rejects moving image tags', () => {
    assert.match(
      errorsOf('weaviate:\n  image:\n    tag: latest\n')[0] ?? '',
      /weaviate\.image\.tag: expected a version tag such as 1\.38\.2 \(never latest\)/,
    );
  });

  it('reports every problem of a file at once', () => {
    const errors = errorsOf('cluster:\n  bogus: 1\nnetwork:\n  natGateways: -1\n');
    assert.equal(errors.length, 2);
  });
});

describe('loading files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vf-bp-'));

  it('names a missing file', () => {
    assert.throws(
      () => loadBlueprint(join(dir, 'missing.yaml')),
      (e: unknown) => e instanceof InputError && e.describe().endsWith('missing.yaml: file not found'),
    );
  });

  it('names a directory given as a file', () => {
    assert.throws(
      () => loadBlueprint(dir),
      (e: unknown) => e instanceof InputError && /is a directory/.test(e.describe()),
    );
  });

  it('rejects binary content', () => {
    const file = join(dir, 'binary.yaml');
    writeFileSync(file, Buffer.from([0x00, 0x01, 0x02, 0xff]));
    assert.throws(
      () => loadBlueprint(file),
      (e: unknown) => e instanceof InputError && /binary file/.test(e.describe()),
    );
  });

  it('loads a valid file and reports no placeholders once they are replaced', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(
      file,
      'environment:\n  account: "222222222222"\nadminAccess:\n  clientVpn:\n    enabled: false\n',
    );
    const loaded = loadBlueprint(file);
    assert.equal(loaded.file, file);
    assert.deepEqual(loaded.placeholders, []);
  });
});
