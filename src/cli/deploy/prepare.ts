/**
 * What deploy, diff and destroy act on: the blueprint synthesized the way `synth` does it, into the same
 * output directory (`<out>/cdk.out`, `<out>/k8s`), and for deploy verified with the reports written next to
 * it, so the assembly deployed is the one whose report the gate read. A blueprint with `environments` is acted
 * on one environment at a time (`--environment`), under `<out>/<environment>/`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentsOf, loadBlueprint, placeholdersOf, type Blueprint } from '../../blueprint/index.js';
import { InputError } from '../../errors.js';
import type { Severity } from '../../findings/index.js';
import type { Report } from '../../report/model.js';
import { asInputError } from '../input-caused.js';
import { assertOutputReplaceable, recordOutput } from '../output-record.js';
import { runVerify } from '../run-verify.js';
import { writeCharts } from '../write-charts.js';
import { writeFileAtomic } from '../write-file.js';

const REPORT_FORMATS = ['json', 'sarif', 'html'] as const;

export interface PrepareOptions {
  /** The blueprint file. @default - the default production blueprint */
  readonly blueprint?: string;
  /** With an `environments` blueprint, the one to act on. @default - required for such a blueprint */
  readonly environment?: string;
  /** The output directory, as for synth. */
  readonly out: string;
  /** Verify and write the reports (deploy). @default false */
  readonly verify?: boolean;
  readonly failOn: Severity;
  readonly allowUnknown?: boolean;
  /** The time of the run; starts the review period of the acknowledgements written. */
  readonly now: Date;
}

export interface Prepared {
  /** The blueprint acted on (one environment's, for an `environments` blueprint). */
  readonly blueprint: Blueprint;
  readonly blueprintFile?: string;
  /** Fields still holding a placeholder value. */
  readonly placeholders: readonly string[];
  readonly dir: string;
  readonly assemblyDir: string;
  readonly stackNames: readonly string[];
  /** Each stack's synthesized template. */
  readonly templates: readonly { readonly stackName: string; readonly template: unknown }[];
  /** Unacknowledged cdk-nag errors. */
  readonly nagErrors: number;
  /** The verification's report (with `verify`). */
  readonly report?: Report;
  readonly reportFile?: string;
}

export async function prepare(options: PrepareOptions): Promise<Prepared> {
  const loaded = loadBlueprint(options.blueprint);
  const source = loaded.file ?? '(default blueprint)';
  const environments = environmentsOf(loaded.blueprint);
  let bp = loaded.blueprint;
  let dir = options.out;
  if (environments) {
    const names = environments.map((e) => e.name);
    const chosen = environments.find((e) => e.name === options.environment);
    if (!chosen)
      throw new InputError(
        options.environment === undefined
          ? `the blueprint declares environments (${names.join(', ')}): choose one with --environment`
          : `--environment ${options.environment}: the blueprint declares ${names.join(', ')}`,
        source,
        'environments',
      );
    bp = chosen.blueprint;
    dir = join(options.out, chosen.name);
  } else if (options.environment !== undefined)
    throw new InputError(
      `--environment ${options.environment}: the blueprint declares no environments`,
      source,
    );

  const reports = REPORT_FORMATS.map((format) => `report.${format}`);
  assertOutputReplaceable(dir, options.verify ? reports : []);
  const { deriveFlowSpec } = await import('../../flows/index.js');
  const { renderCharts } = await import('../../k8s/index.js');
  const { acknowledgementTermsOf } = await import('../../aws/acknowledgement-terms.js');
  const { flowSpec, charts } = await asInputError(source, async () => {
    const spec = deriveFlowSpec(bp);
    return { flowSpec: spec, charts: renderCharts(bp, spec, acknowledgementTermsOf(bp, options.now)) };
  });
  const k8sDir = join(dir, 'k8s');
  const files = writeCharts(k8sDir, charts);
  const { synthesize } = await import('../../aws/app.js');
  const result = await asInputError(source, async () =>
    synthesize(bp, dir, { flowSpec, charts, synthesizedAt: options.now }),
  ).finally(() => recordOutput(dir, []));
  const templates = result.stacks.map((s) => ({
    stackName: s.name,
    template: JSON.parse(readFileSync(s.templateFile, 'utf8')) as unknown,
  }));
  const prepared = {
    blueprint: bp,
    ...(loaded.file === undefined ? {} : { blueprintFile: loaded.file }),
    placeholders: environments ? placeholdersOf(bp) : loaded.placeholders,
    dir,
    assemblyDir: result.assemblyDir,
    stackNames: result.stacks.map((s) => s.name),
    templates,
    nagErrors: result.nagErrors.length,
  };
  if (!options.verify) return prepared;

  const verified = await runVerify({
    paths: [result.assemblyDir, ...(files.length > 0 ? [k8sDir] : [])],
    failOn: options.failOn,
    allowUnknown: options.allowUnknown ?? false,
    now: options.now,
    requireAcknowledgementExpiry: bp.preset === 'production',
    blueprint:
      loaded.file === undefined ? { defaults: bp, name: '(default blueprint)' } : { file: loaded.file },
  });
  const { renderReport } = await import('../../report/format/index.js');
  for (const format of REPORT_FORMATS)
    writeFileAtomic(join(dir, `report.${format}`), renderReport(verified.report, format));
  recordOutput(dir, reports);
  return { ...prepared, report: verified.report, reportFile: join(dir, 'report.json') };
}
