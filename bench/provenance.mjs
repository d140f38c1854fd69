// Measures what provenance and the evidence bundle cost on the default output: collecting the provenance
// (SHA-256 of every input file, the catalog digest, source control) and writing a signed bundle, each in one
// process, median of N runs (default 21) after a warm-up. Usage: node --import tsx bench/provenance.mjs [runs]
// (writes bench/results/provenance.json)
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBundle } from '../src/cli/evidence/bundle.ts';
import { localSigner } from '../src/cli/evidence/signature.ts';
import { collectProvenance } from '../src/cli/provenance/index.ts';
import { runVerify } from '../src/cli/run-verify.ts';
import { controlCatalogDigest } from '../src/controls/catalog-digest.ts';
import { CONTROLS } from '../src/controls/registry.ts';
import { buildDist, synthesizeDefaultOutput } from './lib/prepare.mjs';
import { runsArgument, writeResult } from './lib/options.mjs';
import { machine, median } from './lib/timing.mjs';

const runs = runsArgument(21);
const out = mkdtempSync(join(tmpdir(), 'vectorfort-bench-provenance-'));
try {
  buildDist();
  synthesizeDefaultOutput(out);
  const paths = [join(out, 'cdk.out'), join(out, 'k8s')];
  const { report } = await runVerify({ paths });
  const key = join(out, 'key.pem');
  writeFileSync(key, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const signer = localSigner(key);
  const time = async (f) => {
    const started = process.hrtime.bigint();
    await f();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const provenance = () =>
    collectProvenance({
      paths,
      catalog: { sha256: controlCatalogDigest(CONTROLS), controls: CONTROLS.length },
      evaluatedAt: new Date(),
      startedAt: new Date(),
      finishedAt: new Date(),
    });
  const bundle = () => writeBundle(join(out, 'bundle'), report, { now: new Date(), signer });
  await time(provenance);
  await time(bundle);
  const p = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    p.push(await time(provenance));
    b.push(await time(bundle));
  }
  const result = {
    command: 'collectProvenance and a signed writeBundle over the default output, in one process',
    runs,
    inputFiles: provenance().inputs.length,
    medianProvenanceMs: Number(median(p).toFixed(1)),
    medianBundleMs: Number(median(b).toFixed(1)),
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    // Provenance within 5% of a verify of the same output (6.07 s in bench/results/verify.json).
    targets: { provenanceMs: 300, bundleMs: 1000 },
  };
  writeResult('provenance.json', result);
} finally {
  rmSync(out, { recursive: true, force: true });
}
