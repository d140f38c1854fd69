// Measures loadInventory on generated inputs: CloudFormation templates of 1,000 / 10,000 / 100,000 resources
// (500 per template, with the intrinsics real templates use) and Kubernetes manifests of 100 / 1,000 / 10,000
// workloads. Each size runs in its own process (wall time and peak RSS under GNU time), median of N runs
// (default 3). Targets: 100k resources + 10k workloads under 10 s and 1 GiB, growing no faster than linearly.
// Usage: node bench/inventory.mjs [runs]   (writes bench/results/inventory.json)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from './lib/generate-inputs.mjs';
import { buildDist } from './lib/prepare.mjs';
import { runsArgument, sized, writeResult } from './lib/options.mjs';
import { machine, median, timed } from './lib/timing.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

if (process.argv[2] === '--child') {
  // In the measured process: load the inventory and report the in-process time and counts.
  const { loadInventory } = await import(pathToFileURL(process.argv[3]).href);
  const started = performance.now();
  const inventory = await loadInventory(process.argv.slice(4));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      seconds,
      cfn: inventory.cfn.length,
      k8s: inventory.k8s.length,
      pods: inventory.pods.length,
    }),
  );
} else {
  await main();
}

async function main() {
  const runs = runsArgument(3);
  const work = mkdtempSync(join(tmpdir(), 'vectorfort-bench-inventory-'));
  try {
    // The inventory as the build lays it out, file by file (its YAML worker is a file of its own). A copy of a
    // subset of the sources, transpiled here, went stale once the inventory imported a module outside it.
    buildDist();
    const bundle = join(root, 'dist', 'inventory', 'index.js');
    const sizes = [];
    {
      for (const resources of sized([1_000, 10_000, 100_000], [500, 1_000, 1_500])) {
        const workloads = resources / 10;
        const dir = join(work, `input-${resources}`);
        generate(dir, resources, workloads);
        const samples = [];
        for (let i = 0; i < runs; i++) {
          const t = timed(
            [
              process.execPath,
              '--max-old-space-size=1024',
              'bench/inventory.mjs',
              '--child',
              bundle,
              join(dir, 'templates'),
              join(dir, 'manifests'),
            ],
            { cwd: root },
          );
          const child = JSON.parse(t.stdout.trim().split('\n').at(-1));
          if (child.cfn !== resources || child.pods !== workloads)
            throw new Error(
              `expected ${resources} resources and ${workloads} workloads, read ${JSON.stringify(child)}`,
            );
          samples.push({ ...t, loadSeconds: child.seconds, k8s: child.k8s });
          console.error(
            `${resources} resources + ${workloads} workloads, run ${i + 1}/${runs}: ${t.wall.toFixed(2)} s wall, ` +
              `${child.seconds.toFixed(2)} s loading, ${t.cpu.toFixed(2)} s CPU, ${t.rssMb.toFixed(0)} MB`,
          );
        }
        sizes.push({
          resources,
          workloads,
          kubernetesObjects: samples[0].k8s,
          medianWallSeconds: round(median(samples.map((s) => s.wall))),
          medianLoadSeconds: round(median(samples.map((s) => s.loadSeconds))),
          medianPeakRssMb: Math.round(median(samples.map((s) => s.rssMb))),
          // User + system CPU of the process: less sensitive than wall time to other load on the machine.
          medianCpuSeconds: round(median(samples.map((s) => s.cpu))),
        });
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const [, medium, large] = sizes;
    const result = {
      command: 'loadInventory([templates/, manifests/]) in a fresh process (node, dist/inventory as built)',
      runs,
      sizes,
      // Seconds per resource at 100k relative to 10k (1k is dominated by start-up): at most ~1 is linear.
      growthLoadPerResource100kVs10k: round(
        large.medianLoadSeconds / large.resources / (medium.medianLoadSeconds / medium.resources),
      ),
      growthCpuPerResource100kVs10k: round(
        large.medianCpuSeconds / large.resources / (medium.medianCpuSeconds / medium.resources),
      ),
      date: new Date().toISOString().slice(0, 10),
      machine: machine(),
      // Other processes compete for the same cores during a run; wall times include that wait.
      loadAverageAtEnd: Number(loadavg()[0].toFixed(2)),
      targets: { resources: 100_000, workloads: 10_000, wallSeconds: 10, peakRssMb: 1024 },
      meetsTargets: large.medianWallSeconds < 10 && large.medianPeakRssMb < 1024,
    };
    writeResult('inventory.json', result);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function round(x) {
  return Number(x.toFixed(3));
}
