/** SARIF 2.1.0: failing and unknown findings as results, one rule per control, acknowledgements as suppressions. */
import type * as sarif from 'sarif';
import type { Finding, Severity } from '../../findings/index.js';
import type { Report } from '../model.js';

const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

/**
 * A file path as the relative URI reference SARIF requires (`artifactLocation.uri`): forward slashes, and each
 * segment percent-encoded, so a space, `#`, `?` or `%` stays part of the path and a `:` cannot read as a scheme.
 */
export function pathToUriReference(path: string): string {
  return path.replaceAll('\\', '/').split('/').map(encodeURIComponent).join('/');
}

function level(f: Finding): sarif.Result.level {
  if (f.status === 'unknown') return 'note';
  return f.severity === 'critical' || f.severity === 'high'
    ? 'error'
    : f.severity === 'medium'
      ? 'warning'
      : 'note';
}

export function renderSarif(report: Report): string {
  const rules = new Map<string, sarif.ReportingDescriptor>();
  for (const f of report.findings) {
    if (rules.has(f.ruleId)) continue;
    rules.set(f.ruleId, {
      id: f.ruleId,
      name: f.ruleId,
      shortDescription: { text: f.title },
      ...(f.remediation ? { help: { text: f.remediation } } : {}),
      properties: {
        'security-severity': SECURITY_SEVERITY[f.severity],
        tags: ['security', ...Object.keys(f.frameworks)],
        frameworks: f.frameworks,
        ...(f.origin ? { origin: f.origin } : {}),
      },
    });
  }
  const ruleIndex = new Map([...rules.keys()].map((id, i) => [id, i]));
  const results: sarif.Result[] = report.findings
    .filter((f) => f.status === 'fail' || f.status === 'unknown')
    .map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: level(f),
      kind: f.status === 'unknown' ? 'review' : 'fail',
      message: {
        text: f.status === 'unknown' ? `Could not be evaluated: ${f.message}` : f.message,
      },
      locations: [
        {
          ...(f.resource.file
            ? {
                physicalLocation: {
                  artifactLocation: { uri: pathToUriReference(f.resource.file) },
                  ...(f.resource.line ? { region: { startLine: f.resource.line } } : {}),
                },
              }
            : {}),
          logicalLocations: [{ fullyQualifiedName: f.resource.id, kind: 'resource' }],
        },
      ],
      ...(f.acknowledged
        ? {
            suppressions: [
              {
                kind: 'external',
                justification: f.acknowledged.reason,
                ...(f.acknowledged.owner || f.acknowledged.expires
                  ? { properties: termsOf(f.acknowledged) }
                  : {}),
              },
            ],
          }
        : {}),
      properties: {
        resourceType: f.resource.type,
        ...(f.lapsedAcknowledgement ? { lapsedAcknowledgement: f.lapsedAcknowledgement } : {}),
        ...(f.resource.path ? { path: f.resource.path } : {}),
        ...(f.assumptions?.length ? { assumptions: f.assumptions } : {}),
        ...(f.duplicateOf?.length ? { duplicateOf: f.duplicateOf } : {}),
      },
    }));
  const log: sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            rules: [...rules.values()],
          },
        },
        results,
        ...invocations(report),
        ...versionControl(report),
        // The run's verdict at --fail-on, the same one the other reports show and the exit code follows.
        properties: {
          verdict: report.verdict,
          ...(report.acknowledgements ? { acknowledgements: report.acknowledgements } : {}),
        },
        ...artifacts(report),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function termsOf(note: { readonly owner?: string; readonly expires?: string }): Record<string, string> {
  return {
    ...(note.owner !== undefined ? { owner: note.owner } : {}),
    ...(note.expires !== undefined ? { expires: note.expires } : {}),
  };
}

/**
 * One invocation: when it ran, and what it rested on — the parameter values the user supplied and the
 * provenance (tool, catalog and flow spec digests, the blueprint, the CI run, live API calls).
 */
function invocations(report: Report): Pick<sarif.Run, 'invocations'> {
  const p = report.provenance;
  if (!report.parameters && !p) return {};
  const properties: Record<string, unknown> = {
    ...(report.parameters
      ? { parametersFile: report.parameters.file, parameters: report.parameters.values }
      : {}),
    ...(p
      ? {
          controlCatalog: p.controlCatalog,
          evaluatedAt: p.evaluatedAt,
          ...(p.flowSpec ? { flowSpec: p.flowSpec } : {}),
          ...(p.blueprint ? { blueprint: p.blueprint } : {}),
          ...(p.parameters ? { parametersDigest: p.parameters } : {}),
          ...(p.commit ? { commit: p.commit } : {}),
          ...(p.ci ? { ci: p.ci } : {}),
          ...(p.calls ? { calls: p.calls } : {}),
        }
      : {}),
  };
  return {
    invocations: [
      {
        executionSuccessful: true,
        ...(p ? { startTimeUtc: p.startedAt, endTimeUtc: p.finishedAt } : {}),
        properties,
      },
    ],
  };
}

/** The commit, when the repository it belongs to is known (SARIF requires its URI). */
function versionControl(report: Report): Pick<sarif.Run, 'versionControlProvenance'> {
  const commit = report.provenance?.commit;
  if (!commit?.repositoryUri) return {};
  return {
    versionControlProvenance: [
      {
        repositoryUri: commit.repositoryUri,
        revisionId: commit.revision,
        ...(commit.branch ? { branch: commit.branch } : {}),
      },
    ],
  };
}

/** The inputs as given (with their kind), then every file read with its SHA-256. */
function artifacts(report: Report): Pick<sarif.Run, 'artifacts'> {
  const given = (report.inputs ?? []).map((i) => ({
    location: { uri: pathToUriReference(i.path) },
    description: { text: i.kind },
  }));
  const read = (report.provenance?.inputs ?? []).map((f) => ({
    location: { uri: pathToUriReference(f.path) },
    length: f.bytes,
    hashes: { 'sha-256': f.sha256 },
    roles: ['analysisTarget' as const],
  }));
  return given.length + read.length > 0 ? { artifacts: [...given, ...read] } : {};
}
