/**
 * Builds the CDK app for a blueprint and synthesizes it in-process, offline: the stack's environment comes from
 * the blueprint and the availability zones are seeded into the context, so nothing is looked up. CDK's built-in
 * CloudFormation validator is off (it costs ~1.7 s and ~330 MB per synth; cfn-lint runs in the tests instead);
 * the cdk-nag packs run as validation plugins.
 *
 * One stack per blueprint, plus a us-east-1 companion (`vectorfort-<name>-edge`) when CloudFront fronts a stack
 * in another region: CloudFront's certificate and web ACL exist only in us-east-1 (edge/edge-stack.ts), and one
 * in the backups' replica region (`vectorfort-<name>-backup-replica`, backup-replica/replica-stack.ts) unless the
 * blueprint keeps the backups in one region.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { App, Aspects } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { replicaRegionOf, resolvedAvailabilityZones, type Blueprint } from '../blueprint/index.js';
import type { FlowSpec } from '../flows/types.js';
import type { RenderedChart } from '../k8s/types.js';
import { acknowledgementTermsOf, applyAcknowledgementTerms } from './acknowledgement-terms.js';
import { dropBuiltinValidatorAcknowledgements } from './inert-acknowledgements.js';
import { ValidationError } from './errors.js';
import { addNagPacks } from './nag.js';
import { VectorfortBackupReplicaStack } from './backup-replica/replica-stack.js';
import { needsEdgeStack, VectorfortEdgeStack } from './edge/edge-stack.js';
import { AcknowledgeChosenRetention } from './private/chosen-retention.js';
import { stackNameOf, VectorfortStack } from './stack.js';

export interface CreateAppOptions {
  /** Where the cloud assembly goes. */
  readonly outdir: string;
  /** Run the cdk-nag packs. @default true */
  readonly nag?: boolean;
  /** The flow spec, when the caller derived it already. @default - derived from the blueprint */
  readonly flowSpec?: FlowSpec;
  /** Kubernetes charts already rendered for `k8s/`, applied as they are. @default - rendered by the stack */
  readonly charts?: readonly RenderedChart[];
  /**
   * When the synthesis happens (injected, never read from the clock here): the acknowledgements our constructs
   * write expire the blueprint's review period after it.
   * @default - no computed expiry: acknowledgements carry the blueprint's `acknowledgements.expires` if set
   */
  readonly synthesizedAt?: Date;
}

export interface VectorfortApp {
  readonly app: App;
  /** The main stack (`vectorfort-<name>`), in the blueprint's region. */
  readonly stack: VectorfortStack;
  /**
   * The us-east-1 companion stack (`vectorfort-<name>-edge`), only for `exposure: cloudfront` outside us-east-1.
   */
  readonly edgeStack?: VectorfortEdgeStack;
  /** The replica-region companion stack (`vectorfort-<name>-backup-replica`), unless `backup.replicaRegion: none`. */
  readonly backupReplicaStack?: VectorfortBackupReplicaStack;
}

export function createApp(bp: Blueprint, options: CreateAppOptions): VectorfortApp {
  const { account, region } = bp.environment;
  const app = new App({
    outdir: options.outdir,
    builtinCloudFormationValidation: false,
    analyticsReporting: false,
    context: {
      ...cxapi.CURRENTLY_RECOMMENDED_FLAGS,
      [`availability-zones:account=${account}:region=${region}`]: resolvedAvailabilityZones(bp),
      // Validation findings go to cdk.out/validation-report.json, which synthesize() reads; without this an
      // in-process synth prints the whole report to stderr and throws on the first error.
      [cxapi.FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT]: false,
      // Construct paths in resource Metadata (`aws:cdk:path`), as `cdk synth` writes them: reports and the
      // verifier name resources by them.
      [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true,
    },
  });
  const edgeStack = needsEdgeStack(bp)
    ? new VectorfortEdgeStack(app, `${stackNameOf(bp)}-edge`, { blueprint: bp })
    : undefined;
  const backupReplicaStack = replicaRegionOf(bp)
    ? new VectorfortBackupReplicaStack(app, `${stackNameOf(bp)}-backup-replica`, { blueprint: bp })
    : undefined;
  const stack = new VectorfortStack(app, stackNameOf(bp), {
    blueprint: bp,
    flowSpec: options.flowSpec,
    charts: options.charts,
    edgeStack,
    backupReplicaStack,
  });
  Aspects.of(app).add(new AcknowledgeChosenRetention(bp.preset));
  if (options.nag ?? true) addNagPacks(app);
  applyAcknowledgementTerms(app, acknowledgementTermsOf(bp, options.synthesizedAt));
  dropBuiltinValidatorAcknowledgements(app);
  return { app, stack, edgeStack, backupReplicaStack };
}

export interface NagFinding {
  readonly pack: string;
  readonly ruleId: string;
  readonly resource: string;
  readonly message: string;
}

export interface StackSummary {
  readonly name: string;
  readonly templateFile: string;
  readonly resourceCount: number;
  /** Resources per CloudFormation type. */
  readonly resourceTypes: Readonly<Record<string, number>>;
}

export interface SynthResult {
  /** The cloud assembly directory (`<outDir>/cdk.out`). */
  readonly assemblyDir: string;
  readonly stacks: readonly StackSummary[];
  /** cdk-nag's findings file, when the packs ran. */
  readonly validationReportFile?: string;
  /** Unacknowledged cdk-nag errors (the quality gate wants none). */
  readonly nagErrors: readonly NagFinding[];
  /** Findings acknowledged with a reason (they stay in the report, marked suppressed). */
  readonly nagAcknowledged: number;
  /** The stack object, for callers that inspect the construct tree. */
  readonly stack: VectorfortStack;
  /** The us-east-1 companion stack, when the blueprint has one. */
  readonly edgeStack?: VectorfortEdgeStack;
}

/** Synthesizes the blueprint into `<outDir>/cdk.out` (cleaned first). */
export function synthesize(
  bp: Blueprint,
  outDir: string,
  options: Omit<CreateAppOptions, 'outdir'> = {},
): SynthResult {
  const assemblyDir = join(outDir, 'cdk.out');
  rmSync(assemblyDir, { recursive: true, force: true });
  const { app, stack, edgeStack } = createApp(bp, { ...options, outdir: assemblyDir });
  let assembly: cxapi.CloudAssembly | undefined;
  try {
    assembly = app.synth();
  } catch (error) {
    // Validation plugins (cdk-nag) make synth throw after the assembly is written; their findings are in the
    // report. Anything else is a real failure.
    if (
      !(error instanceof Error && /Validation failed/.test(error.message)) ||
      !existsSync(reportPath(assemblyDir))
    )
      throw error;
  }
  // The main stack first (CDK lists dependencies first): callers that want "the" template take stacks[0].
  const artifacts = [...(assembly ?? new cxapi.CloudAssembly(assemblyDir)).stacks].sort(
    (a, b) => Number(b.stackName === stack.stackName) - Number(a.stackName === stack.stackName),
  );
  const stacks = artifacts.map((s) => {
    const template = s.template as { Resources?: Record<string, { Type: string }> };
    const resources = Object.values(template.Resources ?? {});
    const resourceTypes: Record<string, number> = {};
    for (const r of resources) resourceTypes[r.Type] = (resourceTypes[r.Type] ?? 0) + 1;
    return {
      name: s.stackName,
      templateFile: join(assemblyDir, s.templateFile),
      resourceCount: resources.length,
      resourceTypes,
    };
  });
  assertTemplatesFit(stack, stacks);
  const report = existsSync(reportPath(assemblyDir)) ? reportPath(assemblyDir) : undefined;
  return {
    assemblyDir,
    stacks,
    validationReportFile: report,
    nagErrors: report ? nagErrorsOf(report) : [],
    nagAcknowledged: report ? acknowledgedCount(report) : 0,
    stack,
    edgeStack,
  };
}

/** CloudFormation refuses a template body over this many bytes, even uploaded through S3. */
export const CLOUDFORMATION_TEMPLATE_LIMIT_BYTES = 1_000_000;

/**
 * The CDK only warns about a template over CloudFormation's limit; the deployment would then fail. Refuse it
 * here, naming each template and its size, as the CDK refuses a stack over 500 resources.
 */
export function assertTemplatesFit(scope: IConstruct, stacks: readonly StackSummary[]): void {
  const over = stacks
    .map((s) => ({ file: basename(s.templateFile), bytes: statSync(s.templateFile).size }))
    .filter((t) => t.bytes > CLOUDFORMATION_TEMPLATE_LIMIT_BYTES);
  if (over.length === 0) return;
  throw new ValidationError(
    'template-too-large',
    `${over.map((t) => `${t.file} is ${t.bytes.toLocaleString('en-US')} bytes`).join(', ')}; CloudFormation ` +
      `refuses templates over ${CLOUDFORMATION_TEMPLATE_LIMIT_BYTES.toLocaleString('en-US')} bytes. Turn off ` +
      'options this environment does not need (docs/architecture-aws.md lists what each example weighs)',
    scope,
  );
}

function reportPath(assemblyDir: string): string {
  return join(assemblyDir, 'validation-report.json');
}

interface ValidationReportJson {
  pluginReports?: {
    pluginName?: string;
    suppressedViolations?: { violatingConstructs?: unknown[] }[];
    violations?: {
      ruleName: string;
      description?: string;
      severity?: string;
      violatingConstructs?: { constructPath?: string }[];
    }[];
  }[];
}

/** Unacknowledged error findings in a validation report (acknowledged findings are not listed there). */
export function nagErrorsOf(reportFile: string): NagFinding[] {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ValidationReportJson;
  const findings: NagFinding[] = [];
  for (const plugin of report.pluginReports ?? []) {
    for (const v of plugin.violations ?? []) {
      if (v.severity !== 'error') continue;
      for (const c of v.violatingConstructs ?? [])
        findings.push({
          pack: plugin.pluginName ?? 'unknown',
          ruleId: v.ruleName,
          resource: c.constructPath ?? 'unknown',
          message: v.description ?? '',
        });
    }
  }
  return findings;
}

function acknowledgedCount(reportFile: string): number {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ValidationReportJson;
  return (report.pluginReports ?? [])
    .flatMap((p) => p.suppressedViolations ?? [])
    .reduce((n, v) => n + (v.violatingConstructs?.length ?? 1), 0);
}
