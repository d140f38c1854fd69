/**
 * Provenance: the digests match the inputs byte for byte, the times come from the injected clock, the catalog
 * digest changes when a control's metadata does, and the commit and CI run come from the CI system's variables
 * or from git (a stand-in reader here), with credentials stripped from repository URLs.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { collectProvenance, sourceControl, withoutCredentials } from '../../src/cli/provenance/index.js';
import { runVerify } from '../../src/cli/run-verify.js';
import { controlCatalogDigest } from '../../src/controls/catalog-digest.js';
import { CONTROLS } from '../../src/controls/registry.js';
import { canonicalJson } from '../../src/contract/canonical-json.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-provenance-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

const POD = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop }
spec:
  containers: [{ name: web, image: "registry.example/web@sha256:${'1'.repeat(64)}" }]
`;
const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
data: { mode: strict }
`;
mkdirSync(join(dir, 'manifests', 'nested'), { recursive: true });
writeFileSync(join(dir, 'manifests', 'pod.yaml'), POD);
writeFileSync(join(dir, 'manifests', 'nested', 'config.yml'), CONFIG);
writeFileSync(join(dir, 'manifests', 'README.md'), 'not an input');
writeFileSync(join(dir, 'manifests', '.hidden.yaml'), CONFIG);

const GITHUB = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SHA: 'f'.repeat(40),
  GITHUB_REF_NAME: 'main',
  GITHUB_SERVER_URL: 'https://github.example',
  GITHUB_REPOSITORY: 'acme/platform',
  GITHUB_RUN_ID: '9001',
};

describe('provenance of a verify run', () => {
  const ticks = [new Date('2026-12-07T10:00:00.000Z'), new Date('2026-12-07T10:00:03.250Z')];
  const clock = () => ticks.shift() ?? new Date('2099-01-01T00:00:00Z');
  const gitCalls: string[][] = [];
  const run = runVerify({
    paths: [join(dir, 'manifests')],
    clock,
    now: new Date('2027-01-01T00:00:00Z'),
    env: GITHUB,
    git: (args) => {
      gitCalls.push([...args]);
      return undefined;
    },
  });

  it("records every input file's SHA-256 and size, and nothing else under the input", async () => {
    const { report } = await run;
    assert.deepEqual(
      report.provenance!.inputs.map((f) => [f.path.replace(/.*manifests/, 'manifests'), f.sha256, f.bytes]),
      [
        ['manifests/nested/config.yml', sha256(CONFIG), Buffer.byteLength(CONFIG)],
        ['manifests/pod.yaml', sha256(POD), Buffer.byteLength(POD)],
      ],
    );
  });

  it('takes the start and end from the clock and the evaluation time from --now', async () => {
    const p = (await run).report.provenance!;
    assert.equal(p.startedAt, '2026-12-07T10:00:00.000Z');
    assert.equal(p.finishedAt, '2026-12-07T10:00:03.250Z');
    assert.equal(p.evaluatedAt, '2027-01-01T00:00:00.000Z');
  });

  it('digests the control catalog the run used', async () => {
    const p = (await run).report.provenance!;
    assert.deepEqual(p.controlCatalog, { sha256: controlCatalogDigest(CONTROLS), controls: CONTROLS.length });
    assert.match(p.controlCatalog.sha256, /^[0-9a-f]{64}$/);
  });

  it('reads the commit and the run from the CI variables, without asking git', async () => {
    const p = (await run).report.provenance!;
    assert.deepEqual(p.commit, {
      revision: 'f'.repeat(40),
      branch: 'main',
      repositoryUri: 'https://github.example/acme/platform',
      source: 'env:GITHUB_SHA',
    });
    assert.deepEqual(p.ci, {
      system: 'github-actions',
      runId: '9001',
      url: 'https://github.example/acme/platform/actions/runs/9001',
    });
    assert.deepEqual(gitCalls, []);
  });
});

describe('the control catalog digest', () => {
  it('changes when one control changes its severity, and not with the order of keys', () => {
    const changed = CONTROLS.map((c, i) =>
      i === 0 ? { ...c, severity: c.severity === 'low' ? 'high' : 'low' } : c,
    );
    assert.notEqual(controlCatalogDigest(changed as typeof CONTROLS), controlCatalogDigest(CONTROLS));
    const reordered = CONTROLS.map((c) => Object.fromEntries(Object.entries(c).reverse()) as typeof c);
    assert.equal(controlCatalogDigest(reordered), controlCatalogDigest(CONTROLS));
  });
});

describe('provenance of a synth', () => {
  it('digests the blueprint file, or the default blueprint as canonical JSON, and the flow spec', () => {
    const blueprint = join(dir, 'blueprint.yaml');
    writeFileSync(blueprint, 'name: shop\n');
    const flowSpec = { version: 1, components: [{ id: 'web', tier: 'data' }], flows: [] };
    const common = {
      paths: [join(dir, 'manifests', 'pod.yaml')],
      catalog: { sha256: '0'.repeat(64), controls: 1 },
      evaluatedAt: new Date(0),
      startedAt: new Date(0),
      finishedAt: new Date(1),
      env: {},
      git: () => undefined,
    };
    const fromFile = collectProvenance({ ...common, blueprint: { file: blueprint } });
    assert.equal(fromFile.blueprint?.sha256, sha256('name: shop\n'));
    assert.equal(fromFile.commit, undefined);
    const defaults = { name: 'weaviate', preset: 'production' };
    const fromDefaults = collectProvenance({
      ...common,
      blueprint: { defaults, name: '(default blueprint)' },
      flowSpec: flowSpec as never,
    });
    assert.deepEqual(fromDefaults.blueprint, {
      path: '(default blueprint)',
      sha256: sha256(canonicalJson(defaults)),
      bytes: Buffer.byteLength(canonicalJson(defaults)),
    });
    assert.equal(fromDefaults.flowSpec?.sha256, sha256(canonicalJson(flowSpec)));
  });
});

describe('source control', () => {
  it('falls back to git: revision, branch, remote without credentials, uncommitted changes', () => {
    const answers: Record<string, string> = {
      'rev-parse HEAD': 'a'.repeat(40),
      'rev-parse --abbrev-ref HEAD': 'feature/x',
      'config --get remote.origin.url': 'https://x-access-token:ghs_secret@github.example/acme/platform.git',
      'status --porcelain --untracked-files=no': ' M src/app.ts',
    };
    assert.deepEqual(
      sourceControl({}, (args) => answers[args.join(' ')]),
      {
        commit: {
          revision: 'a'.repeat(40),
          branch: 'feature/x',
          repositoryUri: 'https://github.example/acme/platform.git',
          modified: true,
          source: 'git',
        },
      },
    );
  });

  it('records nothing outside a repository and without CI variables', () => {
    assert.deepEqual(
      sourceControl({}, () => undefined),
      {},
    );
  });

  it('reads GitLab CI and strips user names from scp-like remotes', () => {
    const scm = sourceControl(
      {
        GITLAB_CI: 'true',
        CI_COMMIT_SHA: 'b'.repeat(40),
        CI_COMMIT_REF_NAME: 'release',
        CI_PROJECT_URL: 'https://gitlab.example/acme/platform',
        CI_PIPELINE_ID: '77',
        CI_PIPELINE_URL: 'https://gitlab.example/acme/platform/-/pipelines/77',
      },
      () => undefined,
    );
    assert.equal(scm.commit?.source, 'env:CI_COMMIT_SHA');
    assert.deepEqual(scm.ci, {
      system: 'gitlab-ci',
      runId: '77',
      url: 'https://gitlab.example/acme/platform/-/pipelines/77',
    });
    assert.equal(
      withoutCredentials('git@github.example:acme/platform.git'),
      'github.example:acme/platform.git',
    );
  });
});
