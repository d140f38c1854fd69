/**
 * How the end-to-end test drives each alert we ship: the fault it sets on the Weaviate stand-in, and the `for:`
 * duration the generated rule carries in production (the test shortens it; this table pins the real value).
 * An alert missing here fails the test: every alert must be shown to fire.
 */
import { HEARTBEAT_ALERT } from '../../../src/k8s/alertmanager-config.js';
import type { WeaviateStandIn } from './weaviate-stand-in.js';

export interface DriveContext {
  /** Weaviate's memory limit in bytes, from the blueprint. */
  readonly memoryLimitBytes: number;
  readonly memoryAlertPercent: number;
  readonly diskAlertPercent: number;
  readonly errorRateAlertPercent: number;
  readonly rtoSeconds: number;
  readonly rpoSeconds: number;
}

export interface Drive {
  /** The production `for:` of the rule. @default - none: it fires on the first evaluation */
  readonly productionFor?: string;
  /**
   * `fresh`: the condition can only be shown on a Prometheus without history (an absence over a long window,
   * such as no backup within the RPO), so it is driven first; `any`: driven after the quiet baseline; `always`:
   * fires from the start and never stops (the heartbeat), so the quiet baseline leaves it out.
   */
  readonly when: 'fresh' | 'any' | 'always';
  apply(standIn: WeaviateStandIn, ctx: DriveContext): void;
}

/** Every pod up, low memory, no errors, backups flowing, volumes a tenth full: no alert may fire. */
export function healthy(standIn: WeaviateStandIn, ctx: DriveContext): void {
  for (const pod of Object.values(standIn.pods)) {
    pod.up = true;
    pod.residentMemoryBytes = Math.round(ctx.memoryLimitBytes * 0.1);
    pod.okPerScrape = 100;
    pod.errorsPerScrape = 0;
    pod.backupBytesPerScrape = 4096;
  }
  for (const claim of Object.keys(standIn.volumes)) standIn.volumes[claim] = 0.1;
  // The jobs: the last backup succeeded just now, the last drill restored well within RTO and RPO.
  Object.assign(standIn.jobs, {
    backupSucceeded: true,
    backupFailed: false,
    drillSucceeded: true,
    drillSuccess: 1,
    drillRtoSeconds: Math.round(ctx.rtoSeconds / 10),
    drillRpoSeconds: Math.round(ctx.rpoSeconds / 10),
  });
}

const firstPod = (s: WeaviateStandIn) => Object.keys(s.pods).sort()[0]!;
const lastPod = (s: WeaviateStandIn) => Object.keys(s.pods).sort().at(-1)!;

export const DRIVES: Readonly<Record<string, Drive>> = {
  // The dead-man's switch: nothing drives it, it must simply arrive, on the heartbeat topic only.
  [HEARTBEAT_ALERT]: {
    when: 'always',
    apply: () => undefined,
  },
  // A fresh Prometheus has never seen a successful backup: the absence over the RPO fires it.
  WeaviateBackupOlderThanRpo: {
    productionFor: '10m',
    when: 'fresh',
    apply: (s) => {
      s.jobs.backupSucceeded = false;
    },
  },
  WeaviateBackupFailed: {
    when: 'any',
    apply: (s) => {
      s.jobs.backupFailed = true;
    },
  },
  // A fresh Prometheus has never seen a passing drill: the absence over the drill's longest gap fires it, as it
  // does when drills stop running or die before serving a result.
  WeaviateRestoreDrillOverdue: {
    productionFor: '10m',
    when: 'fresh',
    apply: (s) => {
      s.jobs.drillSucceeded = false;
    },
  },
  WeaviateRestoreDrillFailed: {
    when: 'any',
    apply: (s) => {
      s.jobs.drillSuccess = 0;
    },
  },
  WeaviateRestoreDrillOverRto: {
    when: 'any',
    apply: (s, ctx) => {
      s.jobs.drillRtoSeconds = ctx.rtoSeconds * 2;
    },
  },
  WeaviateRestoreDrillOverRpo: {
    when: 'any',
    apply: (s, ctx) => {
      s.jobs.drillRpoSeconds = ctx.rpoSeconds * 2;
    },
  },
  WeaviatePodDown: {
    productionFor: '5m',
    when: 'any',
    apply: (s) => {
      s.pods[lastPod(s)]!.up = false;
    },
  },
  // One of three voters down leaves exactly the quorum: one more loss and Raft stops.
  WeaviateQuorumAtRisk: {
    productionFor: '2m',
    when: 'any',
    apply: (s) => {
      s.pods[lastPod(s)]!.up = false;
    },
  },
  WeaviateHighErrorRate: {
    productionFor: '10m',
    when: 'any',
    apply: (s, ctx) => {
      for (const pod of Object.values(s.pods)) {
        pod.okPerScrape = 100;
        // Twice the threshold's share of failing requests.
        pod.errorsPerScrape = Math.ceil(
          (100 * 2 * ctx.errorRateAlertPercent) / (100 - 2 * ctx.errorRateAlertPercent),
        );
      }
    },
  },
  WeaviateMemoryHigh: {
    productionFor: '10m',
    when: 'any',
    apply: (s, ctx) => {
      s.pods[firstPod(s)]!.residentMemoryBytes = Math.round(
        (ctx.memoryLimitBytes * Math.min(100, ctx.memoryAlertPercent + 5)) / 100,
      );
    },
  },
  WeaviateDiskHigh: {
    productionFor: '10m',
    when: 'any',
    apply: (s, ctx) => {
      const claim = Object.keys(s.volumes).sort()[0]!;
      s.volumes[claim] = Math.min(1, (ctx.diskAlertPercent + 5) / 100);
    },
  },
};
