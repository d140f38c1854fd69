/**
 * The audit pipeline: the live account and cluster read into the inventory, the same controls and proofs as
 * `verify` run over it, and the audit's own findings (what could not be read, what drifted) judged with them.
 */
import type { AwsTarget } from '../audit/aws/session.js';
import type { Severity } from '../findings/index.js';
import type { AuditSection } from '../report/audit-section.js';
import type { Report } from '../report/model.js';
import { reportFromInventory } from './run-verify.js';

export interface RunAuditOptions {
  readonly aws: AwsTarget;
  readonly stacks: readonly string[];
  /** @default - the cluster is not read */
  readonly kubeconfig?: string;
  /** @default - the cluster is not read */
  readonly k8sDump?: string;
  /**
   * The baseline for drift: a synth output, a cloud assembly, templates or manifests.
   * @default - the stacks' deployed templates
   */
  readonly against?: string;
  /** @default 'info' */
  readonly failOn?: Severity;
  /** @default false */
  readonly allowUnknown?: boolean;
  /** @default now */
  readonly now?: Date;
}

export async function runAudit(options: RunAuditOptions): Promise<{ readonly report: Report }> {
  const [
    { readLive },
    { computeDrift },
    { gapFindings, driftFindings },
    { loadInventory, inventoryFromObjects },
  ] = await Promise.all([
    import('../audit/live-inventory.js'),
    import('../audit/drift/index.js'),
    import('../audit/findings.js'),
    import('../inventory/index.js'),
  ]);
  // A bad baseline is bad input: refused before any call is made.
  const given = options.against === undefined ? undefined : await loadInventory([options.against]);
  const live = await readLive({
    aws: options.aws,
    stacks: options.stacks,
    ...(options.kubeconfig === undefined ? {} : { kubeconfig: options.kubeconfig }),
    ...(options.k8sDump === undefined ? {} : { k8sDump: options.k8sDump }),
  });
  const baseline = given ?? inventoryFromObjects({ templates: live.templates });
  const flowSpec = live.flowSpec ?? baseline.flowSpec;
  const inventory = flowSpec ? { ...live.inventory, flowSpec } : live.inventory;
  const drift = computeDrift(live, baseline);
  const region = options.aws.region;
  const { report } = await reportFromInventory(inventory, {
    failOn: options.failOn ?? 'info',
    allowUnknown: options.allowUnknown ?? false,
    ...(options.now ? { now: options.now } : {}),
    extraFindings: [...gapFindings(live.gaps, region), ...driftFindings(drift, region)],
    nag: false,
  });
  const callIndex = new Map(live.calls.map((c, i) => [c, i]));
  const audit: AuditSection = {
    region,
    ...(live.aws.account ? { account: live.aws.account } : {}),
    stacks: [...options.stacks],
    startedAt: live.startedAt,
    finishedAt: new Date().toISOString(),
    ...(live.cluster ? { cluster: live.cluster.source } : {}),
    baseline: options.against ?? 'the deployed templates (cloudformation:GetTemplate)',
    calls: live.calls.map((c) => ({ ...c })),
    resources: live.resources.map((r) => ({
      id: r.key,
      type: r.type,
      physicalId: r.physicalId,
      origin: r.origin,
      calls: r.calls.map((c) => callIndex.get(c)).filter((i): i is number => i !== undefined),
    })),
    services: live.aws.services.map((s) => ({ ...s })),
    drift,
  };
  // The provenance names every call the live facts came from, or the error that left a result unknown.
  const provenance = report.provenance && {
    ...report.provenance,
    calls: live.calls.map((c) => ({
      service: c.service,
      operation: c.operation,
      region: c.region,
      time: c.time,
      ...(c.requestId !== undefined ? { requestId: c.requestId } : {}),
      ...(c.outcome !== 'ok' ? { error: c.error ?? c.outcome } : {}),
    })),
  };
  return { report: { ...report, audit, ...(provenance ? { provenance } : {}) } };
}
