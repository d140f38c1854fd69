// Measures `reach list` in process over a generated cluster: 1,000 workloads in 50 namespaces and 1,000
// NetworkPolicies (ingress from pods of the namespace and from labelled namespaces, egress to pods and to
// ipBlocks with except ranges, named ports). Times the listing (network model, policy compilation, every pair
// and every address range) and, apart, the rendering of the text form. Target: list at most 2 s.
// Median of N runs (default 5), wall and CPU time (the machine is shared). Usage: node --import tsx bench/reach-list.mjs [runs]
// (writes bench/results/reach-list.json)
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runsArgument, writeResult } from './lib/options.mjs';
import { machine, median } from './lib/timing.mjs';

const runs = runsArgument(5);
const { inventoryFromObjects } = await import('../src/inventory/index.ts');
const { listConnections } = await import('../src/reach/workloads/index.ts');
const { listText } = await import('../src/reach/workloads/format.ts');

function generated(workloads, policies) {
  const namespaces = 50;
  const manifests = [];
  for (let n = 0; n < namespaces; n++)
    manifests.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `ns${n}`, labels: { team: `t${n % 10}`, env: n % 2 ? 'prod' : 'dev' } },
    });
  for (let w = 0; w < workloads; w++) {
    const labels = { app: `app${w}`, tier: ['web', 'api', 'db', 'cache'][w % 4] };
    manifests.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app${w}`, namespace: `ns${w % namespaces}` },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              { name: 'main', image: 'x', ports: [{ name: 'http', containerPort: 8000 + (w % 7) }] },
            ],
          },
        },
      },
    });
  }
  for (let p = 0; p < policies; p++) {
    const namespace = `ns${p % namespaces}`;
    const tier = ['web', 'api', 'db', 'cache'][p % 4];
    manifests.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `pol${p}`, namespace },
      spec: {
        podSelector: { matchLabels: { tier } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [
              {
                podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] },
              },
            ],
            ports: [{ port: 'http' }],
          },
          {
            from: [
              {
                namespaceSelector: { matchLabels: { team: `t${p % 10}` } },
                podSelector: { matchLabels: { tier: 'web' } },
              },
            ],
            ports: [{ port: 8080, endPort: 8090 }],
          },
        ],
        egress: [
          { to: [{ podSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }, { port: 'http' }] },
          {
            to: [{ ipBlock: { cidr: `10.${p % 256}.0.0/16`, except: [`10.${p % 256}.${p % 8}.0/24`] } }],
            ports: [{ port: 443 }],
          },
        ],
      },
    });
  }
  return manifests;
}

const manifests = generated(1000, 1000);
const listMs = [];
const listCpuMs = [];
const textMs = [];
let counts;
for (let i = 0; i < runs; i++) {
  // A fresh inventory each run: the network model and the listing are cached per inventory.
  const inventory = inventoryFromObjects({ manifests });
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const list = listConnections(inventory);
  const t1 = performance.now();
  const used = process.cpuUsage(cpu);
  listCpuMs.push((used.user + used.system) / 1000);
  const text = listText(list, (s) => s);
  const t2 = performance.now();
  listMs.push(t1 - t0);
  textMs.push(t2 - t1);
  counts = { connections: list.connections.length, unknown: list.unknown.length, textBytes: text.length };
}
const result = {
  machine: machine(),
  runs,
  workloads: 1000,
  policies: 1000,
  listMs: Math.round(median(listMs)),
  // CPU time of the same runs: on a shared machine the wall time includes waiting for a core.
  listCpuMs: Math.round(median(listCpuMs)),
  loadAverage: Math.round(loadavg()[0] * 10) / 10,
  textMs: Math.round(median(textMs)),
  ...counts,
  targetMs: 2000,
};
writeResult('reach-list.json', result);
if (result.listMs > result.targetMs) process.exitCode = 1;
