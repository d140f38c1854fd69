/**
 * The evidence command end to end, through the built CLI on a small manifest: the bundle's files and manifest,
 * its signature, and `--check` finding every kind of tampering (a changed, added or removed file, a manifest
 * changed after signing, a signature by another key or with altered bytes); and `verify
 * --list-acknowledgements` with the time injected by `--now`.
 */
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { vectorfort } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vectorfort-evidence-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const REASON = 'reviewed: the node agent needs the host network';
const manifest = join(dir, 'app.yaml');
writeFileSync(
  manifest,
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations:
    vectorfort.dev/acknowledge: '${JSON.stringify({
      'VF-PSS-002': { reason: REASON, owner: 'shop team', expires: '2027-03-31' },
      'VF-K8S-001': REASON,
      'VF-PSS-001': { reason: 'reviewed: privileged is needed', expires: '2027-12-31' },
    })}'
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: registry.example/web@sha256:${'0'.repeat(64)}
`,
);
const keys = generateKeyPairSync('ed25519');
const privateKey = join(dir, 'sign.pem');
const publicKey = join(dir, 'sign.pub');
writeFileSync(privateKey, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
writeFileSync(publicKey, keys.publicKey.export({ type: 'spki', format: 'pem' }));
const otherKey = join(dir, 'other.pub');
writeFileSync(otherKey, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));

mkdirSync(join(dir, 'evidence'));
writeFileSync(join(dir, 'evidence', 'restore-drill.txt'), 'restored 3 of 3 nodes in 41 minutes\n');
writeFileSync(join(dir, 'evidence', 'ir-review.txt'), 'incident response plan reviewed\n');
const attachments = join(dir, 'evidence', 'attachments.yaml');
writeFileSync(
  attachments,
  `attachments:
  - requirement: soc2/CC7.4
    file: restore-drill.txt
    date: 2027-01-15
    description: Incident response exercise
  - requirement: iso-27001-2022/A.5.24
    file: ir-review.txt
    date: 2025-11-01
`,
);

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('vectorfort evidence', () => {
  const bundle = join(dir, 'bundle');
  let run: ReturnType<typeof vectorfort>;
  before(() => {
    run = vectorfort(
      'evidence',
      manifest,
      '--out',
      bundle,
      '--now',
      '2027-02-01',
      '--sign-key',
      privateKey,
      '--attachments',
      attachments,
    );
  });

  it('writes the bundle and exits like verify (1: the input fails controls)', () => {
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /vectorfort evidence: \d+ files, signed manifest/);
  });

  it('lists every file but the manifest and signature in the manifest, with its SHA-256', () => {
    const m = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string }[];
    };
    const paths = m.files.map((f) => f.path);
    for (const expected of [
      'report.json',
      'report.sarif',
      'report.html',
      'requirements/soc2.csv',
      'requirements/soc2.html',
      'manual-evidence.csv',
      'manual-evidence.html',
      'attachments/soc2/CC7.4/restore-drill.txt',
    ])
      assert.ok(paths.includes(expected), expected);
    assert.ok(m.files.length > 0);
    for (const f of m.files) assert.equal(f.sha256, sha256(join(bundle, f.path)), f.path);
  });

  it('flags manual evidence older than the framework period and a manual requirement without any', () => {
    const csv = readFileSync(join(bundle, 'manual-evidence.csv'), 'utf8');
    assert.match(
      csv,
      /soc2,CC7\.4,.*,365,evidenced,attachments\/soc2\/CC7\.4\/restore-drill\.txt,2027-01-15,current,/,
    );
    assert.match(csv, /iso-27001-2022,A\.5\.24,.*,365,outdated,.*,2025-11-01,outdated,/);
    assert.match(csv, /iso-27001-2022,A\.8\.25,.*,missing,/);
  });

  it('writes a requirement table per framework with the acknowledgement and evidence time', () => {
    const csv = readFileSync(join(bundle, 'requirements/k8s-pss.csv'), 'utf8');
    assert.match(
      csv.split('\r\n')[0]!,
      /^requirement,title,controls,resources,status,acknowledgement,evidence timestamp$/,
    );
    const hostNetwork = csv.split('\r\n').find((l) => l.startsWith('baseline/hostNamespaces'));
    assert.ok(hostNetwork, csv);
    assert.match(
      hostNetwork,
      /VF-PSS-002,shop\/web,acknowledged,"VF-PSS-002 on shop\/web: reviewed: the node agent needs the host network \(owner shop team, expires 2027-03-31\)",\d{4}-\d\d-\d\dT[\d:.]+Z$/,
    );
  });

  it('is intact under --check, signed by the expected key', () => {
    const check = vectorfort('evidence', '--check', bundle, '--public-key', publicKey);
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /intact/);
    assert.match(check.stdout, /signature: valid, by the key in .*sign\.pub \(ED25519\)/);
  });

  const tampered: [string, (copy: string) => void, RegExp][] = [
    ['a changed file', (c) => writeFileSync(join(c, 'report.json'), '{}'), /changed: report\.json/],
    [
      'an added file',
      (c) => writeFileSync(join(c, 'requirements', 'extra.csv'), 'x'),
      /added: requirements\/extra\.csv/,
    ],
    ['a removed file', (c) => unlinkSync(join(c, 'manual-evidence.csv')), /removed: manual-evidence\.csv/],
    [
      'a manifest changed to match a changed file',
      (c) => {
        writeFileSync(join(c, 'report.html'), '<p>all good</p>');
        const path = join(c, 'manifest.json');
        const m = JSON.parse(readFileSync(path, 'utf8')) as { files: { path: string; sha256: string }[] };
        m.files.find((f) => f.path === 'report.html')!.sha256 = sha256(join(c, 'report.html'));
        writeFileSync(path, JSON.stringify(m, null, 2));
      },
      /manifest\.json changed after it was signed/,
    ],
    [
      'a signature with altered bytes',
      (c) => {
        const path = join(c, 'manifest.sig.json');
        const sig = JSON.parse(readFileSync(path, 'utf8')) as { signature: string };
        const bytes = Buffer.from(sig.signature, 'base64');
        bytes[0] = bytes[0]! ^ 0xff;
        writeFileSync(path, JSON.stringify({ ...sig, signature: bytes.toString('base64') }));
      },
      /the signature was not made by the key/,
    ],
    [
      'a removed signature',
      (c) => unlinkSync(join(c, 'manifest.sig.json')),
      /not signed, but a signature by/,
    ],
  ];
  for (const [what, tamper, problem] of tampered)
    it(`detects ${what} (exit 1)`, () => {
      const copy = mkdtempSync(join(dir, 'copy-'));
      cpSync(bundle, copy, { recursive: true });
      tamper(copy);
      const check = vectorfort('evidence', '--check', copy, '--public-key', publicKey);
      assert.equal(check.status, 1, check.stdout + check.stderr);
      assert.match(check.stdout, /NOT INTACT/);
      assert.match(check.stdout, problem);
    });

  it('detects a bundle signed by another key than the one required', () => {
    const check = vectorfort('evidence', '--check', bundle, '--public-key', otherKey);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /the signature was not made by the key in .*other\.pub/);
  });

  it('refuses to write over a directory that is not a bundle (exit 2)', () => {
    const out = vectorfort('evidence', manifest, '--out', join(dir, 'evidence'));
    assert.equal(out.status, 2);
    assert.match(out.stderr, /expected an empty directory or an earlier evidence bundle/);
  });

  it('names the file and the path of a bad attachment manifest (exit 2)', () => {
    const bad = join(dir, 'evidence', 'bad.yaml');
    writeFileSync(
      bad,
      'attachments:\n  - requirement: soc2/CC6.1\n    file: ir-review.txt\n    date: 2026-02-30\n',
    );
    const out = vectorfort('evidence', manifest, '--out', join(dir, 'never'), '--attachments', bad);
    assert.equal(out.status, 2);
    assert.match(out.stderr, /bad\.yaml: attachments\.0\.date: expected a calendar date/);
  });
});

describe('verify --list-acknowledgements', () => {
  const list = (now: string) => {
    const run = vectorfort('verify', manifest, '--list-acknowledgements', '--format', 'json', '--now', now);
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as {
      evaluatedAt: string;
      acknowledgements: { ruleId: string; status: string; owner?: string }[];
    };
  };
  const statuses = (l: ReturnType<typeof list>) =>
    Object.fromEntries(l.acknowledgements.map((a) => [a.ruleId, a.status]));

  it('prints every acknowledgement with its status at the time given', () => {
    const listed = list('2027-01-01');
    assert.equal(listed.evaluatedAt, '2027-01-01T00:00:00.000Z');
    assert.deepEqual(statuses(listed), {
      'VF-PSS-002': 'active',
      'VF-K8S-001': 'active',
      'VF-PSS-001': 'stale',
    });
  });

  it('shows the acknowledgement as expiring within 30 days, then lapsed after its date', () => {
    assert.equal(statuses(list('2027-03-15'))['VF-PSS-002'], 'expiring');
    assert.equal(statuses(list('2027-03-31T23:59:59Z'))['VF-PSS-002'], 'expiring');
    assert.equal(statuses(list('2027-04-01'))['VF-PSS-002'], 'lapsed');
  });

  it('prints a text table for the terminal', () => {
    const run = vectorfort('verify', manifest, '--list-acknowledgements', '--now', '2027-04-01');
    assert.equal(run.status, 0);
    assert.match(
      run.stdout,
      /3 acknowledgements at 2027-04-01T00:00:00\.000Z: 1 lapsed, 0 expiring, 1 stale, 1 active/,
    );
    assert.match(run.stdout, /LAPSED\s+VF-PSS-002 shop\/web/);
    assert.match(run.stdout, /owner: shop team; expires: 2027-03-31/);
  });

  it('fails the lapsed finding in the report and, when required, every acknowledgement without expiry', () => {
    const run = vectorfort(
      'verify',
      manifest,
      '--format',
      'json',
      '--now',
      '2027-04-01',
      '--require-acknowledgement-expiry',
    );
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; status: string; acknowledged?: unknown; lapsedAcknowledgement?: unknown }[];
    };
    const lapsed = report.findings.find((f) => f.ruleId === 'VF-PSS-002');
    assert.equal(lapsed?.status, 'fail');
    assert.equal(lapsed?.acknowledged, undefined);
    assert.deepEqual(lapsed?.lapsedAcknowledgement, {
      reason: REASON,
      owner: 'shop team',
      expires: '2027-03-31',
    });
    const undated = report.findings.filter((f) => f.ruleId === 'vectorfort-acknowledgement-expiry');
    assert.equal(undated.length, 1);
  });
});
