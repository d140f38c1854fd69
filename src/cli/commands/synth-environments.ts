/**
 * `vectorfort synth` of a blueprint with `environments`: one set of stacks, manifests and reports per
 * environment under `<out>/<environment>/`, each verified on its own (its own flow spec, its own objects), then
 * the cross-environment controls over all of them, whose findings join the report of the environment they are
 * about. The run passes only when every environment's report passes.
 */
import { join, relative } from 'node:path';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type { EnvironmentBlueprint, LoadedBlueprint } from '../../blueprint/index.js';
import type { EnvironmentUnderCheck } from '../../controls/environments/index.js';
import { EXIT_FINDINGS, ExitError } from '../../errors.js';
import { summarize, verdictOf, type Finding, type Severity } from '../../findings/index.js';
import type { Report } from '../../report/model.js';
import { printable } from '../../report/printable.js';
import { placementsOf, synthCostEstimate } from '../cost-of-assembly.js';
import { asInputError } from '../input-caused.js';
import { assertOutputReplaceable, recordOutput } from '../output-record.js';
import { runVerify, sortFindings } from '../run-verify.js';
import { verdictReason } from '../verdict-reason.js';
import { acknowledgementTermsOf } from '../../aws/acknowledgement-terms.js';
import { renderEnvironmentsHtml, type EnvironmentEntry } from '../../report/format/environments-html.js';
import { renderEnvironmentsJson } from '../../report/format/environments-json.js';
import { VERSION } from '../../version.js';
import { writeCharts } from '../write-charts.js';
import { writeFileAtomic } from '../write-file.js';

const REPORT_FORMATS = ['json', 'sarif', 'html'] as const;

/** The overview of every environment, written next to their directories. */
const OVERVIEW_FILES = ['environments.html', 'environments.json'] as const;

export interface SynthEnvironmentsOptions {
  readonly out: string;
  readonly failOn: Severity;
  readonly verify: boolean;
  readonly allowUnknown?: boolean;
  /** When the synthesis happens: starts the review period of the acknowledgements it writes. */
  readonly now: Date;
}

interface Synthesized {
  readonly env: EnvironmentBlueprint;
  readonly dir: string;
  readonly assemblyDir: string;
  readonly k8sDir: string;
  readonly files: readonly string[];
  readonly nagErrors: number;
}

export async function synthEnvironments(
  loaded: LoadedBlueprint,
  environments: readonly EnvironmentBlueprint[],
  options: SynthEnvironmentsOptions,
): Promise<void> {
  const source = loaded.file ?? '(default blueprint)';
  const reports = REPORT_FORMATS.map((format) => `report.${format}`);
  for (const env of environments)
    assertOutputReplaceable(join(options.out, env.name), options.verify ? reports : []);
  if (options.verify) assertOutputReplaceable(options.out, OVERVIEW_FILES);
  const { deriveFlowSpec } = await import('../../flows/index.js');
  const { renderCharts } = await import('../../k8s/index.js');
  const { synthesize } = await import('../../aws/app.js');
  const show = (path: string) => printable(relative(process.cwd(), path) || '.');

  const built: Synthesized[] = [];
  const lines = [
    `vectorfort synth: ${printable(loaded.blueprint.name)} (${environments.length} environments) from ${
      loaded.file === undefined ? 'the default blueprint' : printable(loaded.file)
    }`,
  ];
  for (const env of environments) {
    const bp = env.blueprint;
    const dir = join(options.out, env.name);
    const { flowSpec, charts } = await asInputError(source, async () => {
      const spec = deriveFlowSpec(bp);
      return { flowSpec: spec, charts: renderCharts(bp, spec, acknowledgementTermsOf(bp, options.now)) };
    });
    const k8sDir = join(dir, 'k8s');
    const files = writeCharts(k8sDir, charts);
    const result = await asInputError(source, async () =>
      synthesize(bp, dir, { flowSpec, charts, synthesizedAt: options.now }),
    ).finally(() => recordOutput(dir, []));
    built.push({
      env,
      dir,
      assemblyDir: result.assemblyDir,
      k8sDir,
      files,
      nagErrors: result.nagErrors.length,
    });
    lines.push(
      `  ${printable(env.name)} (${env.preset}, ${bp.environment.account}, ${bp.environment.region}, ${bp.network.vpcCidr}): ` +
        result.stacks.map((s) => `${printable(s.name)} (${s.resourceCount} resources)`).join(', ') +
        ` -> ${show(dir)}; cdk-nag: ${result.nagErrors.length} unacknowledged errors`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const nagErrors = built.reduce((n, b) => n + b.nagErrors, 0);
  if (!options.verify) {
    if (nagErrors > 0) throw new ExitError(EXIT_FINDINGS, 'cdk-nag reported unacknowledged errors');
    return;
  }

  const verified = [];
  for (const b of built) {
    const outcome = await runVerify({
      paths: [b.assemblyDir, ...(b.files.length > 0 ? [b.k8sDir] : [])],
      failOn: options.failOn,
      allowUnknown: options.allowUnknown ?? false,
    });
    verified.push({ ...b, ...outcome });
  }
  const { evaluateEnvironmentControls, ENVIRONMENT_CONTROLS } =
    await import('../../controls/environments/index.js');
  const underCheck: EnvironmentUnderCheck[] = verified.map((v) => {
    const placement = [...placementsOf([{ dir: v.assemblyDir, environment: v.env.name }]).values()][0];
    const account = accountOf(v.assemblyDir);
    return {
      name: v.env.name,
      preset: v.env.preset,
      ...(account ? { account } : {}),
      ...(placement ? { region: placement.region } : {}),
      connectedTo: v.env.connectedTo,
      inventory: v.inventory,
    };
  });
  const crossFindings = evaluateEnvironmentControls(underCheck);
  const { loadPriceTable } = await import('../../cost/index.js');
  const table = loadPriceTable();
  const { renderReport } = await import('../../report/format/index.js');

  const summaries: string[] = [];
  let failed: { readonly name: string; readonly report: Report }[] = [];
  const entries: EnvironmentEntry[] = [];
  for (const v of verified) {
    const stacks = new Set(v.inventory.cfn.map((r) => r.stack));
    const own = crossFindings.filter((f) => belongsTo(f, v.env.name, stacks));
    const findings = sortFindings([...v.report.findings, ...own]);
    const priced = synthCostEstimate(
      v.inventory,
      v.env.blueprint,
      [{ dir: v.assemblyDir, environment: v.env.name }],
      table,
    );
    const report: Report = {
      ...v.report,
      findings,
      summary: summarize(findings),
      verdict: verdictOf(findings, v.report.flows, {
        failOn: options.failOn,
        allowUnknown: options.allowUnknown ?? false,
      }),
      controlsEvaluated: [
        ...new Set([
          ...(v.report.controlsEvaluated ?? []),
          ...ENVIRONMENT_CONTROLS.map((c) => c.id).filter((id) => own.some((f) => f.ruleId === id)),
        ]),
      ].sort(),
      ...(priced.estimate ? { cost: priced.estimate } : {}),
    };
    const written = REPORT_FORMATS.map((format) => {
      const file = join(v.dir, `report.${format}`);
      writeFileAtomic(file, renderReport(report, format));
      return file;
    });
    recordOutput(v.dir, reports);
    const account = underCheck.find((u) => u.name === v.env.name)?.account;
    entries.push({
      name: v.env.name,
      preset: v.env.preset,
      ...(account ? { account } : {}),
      region: v.env.blueprint.environment.region,
      vpcCidr: v.env.blueprint.network.vpcCidr,
      reportHref: `${v.env.name}/report.html`,
      report,
    });
    const s = report.summary;
    summaries.push(
      `  ${printable(v.env.name)}: ${report.verdict.status}; ${s.pass} pass, ${s.fail} fail, ${s.unknown} unknown; ` +
        `${report.flows.length} flows; ${report.cost ? `about $${report.cost.total.monthly.toFixed(2)} a month` : (priced.note ?? 'no cost estimate')}; ` +
        `reports: ${written.map(show).join(', ')}`,
    );
    if (report.verdict.status !== 'pass') failed = [...failed, { name: v.env.name, report }];
  }
  const cross = crossFindings.filter((f) => f.status !== 'not-applicable');
  summaries.push(
    `  cross-environment: ${cross.filter((f) => f.status === 'pass').length} pass, ` +
      `${cross.filter((f) => f.status === 'fail').length} fail, ${cross.filter((f) => f.status === 'unknown').length} unknown`,
  );
  const overview = { name: loaded.blueprint.name, environments: entries, cross: crossFindings };
  writeFileAtomic(join(options.out, OVERVIEW_FILES[0]), renderEnvironmentsHtml(overview));
  writeFileAtomic(join(options.out, OVERVIEW_FILES[1]), renderEnvironmentsJson(overview, VERSION));
  recordOutput(options.out, OVERVIEW_FILES);
  summaries.push(`  overview: ${OVERVIEW_FILES.map((f) => show(join(options.out, f))).join(', ')}`);
  process.stdout.write(`${summaries.join('\n')}\n`);
  if (nagErrors > 0) throw new ExitError(EXIT_FINDINGS, 'cdk-nag reported unacknowledged errors');
  if (failed.length > 0) {
    for (const { name, report } of failed) {
      const blocking = report.findings.filter((f) =>
        report.verdict.status === 'fail' ? f.status === 'fail' && !f.acknowledged : f.status === 'unknown',
      );
      for (const f of blocking.slice(0, 10))
        process.stderr.write(
          `${printable(name)}: ${f.status === 'unknown' ? 'unknown' : f.severity} ${printable(f.ruleId)}: ${printable(f.resource.id)}: ${printable(f.message)}\n`,
        );
    }
    const reason = failed.map(({ name, report }) => `${name}: ${verdictReason(report.verdict)}`).join('; ');
    process.stderr.write(`${reason}\n`);
    throw new ExitError(EXIT_FINDINGS, reason);
  }
}

/** The account the assembly synthesized the environment's stacks for; undefined when it states none. */
function accountOf(assemblyDir: string): string | undefined {
  return new cxapi.CloudAssembly(assemblyDir).stacks
    .map((s) => s.environment.account)
    .find((a) => /^\d{12}$/.test(a));
}

/** Whether a cross-environment finding is about this environment: its stacks, or the environment itself. */
function belongsTo(finding: Finding, name: string, stacks: ReadonlySet<string>): boolean {
  const id = finding.resource.id;
  if (finding.resource.type === 'vectorfort/Environment') return id === name || id.startsWith(`${name} (`);
  return stacks.has(id.split('/')[0]!);
}
