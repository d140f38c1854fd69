/**
 * The HTML report's evidence sections: where the report came from (provenance), and every acknowledgement
 * with its owner, expiry and status. Every value passes through `esc`.
 */
import type { AcknowledgementRecord } from '../../findings/index.js';
import type { Report } from '../model.js';
import { esc } from './html-escape.js';

export function provenanceSection(report: Report): string {
  const p = report.provenance;
  if (!p) return '';
  const row = (label: string, value: string) => `<tr><th>${esc(label)}</th><td>${value}</td></tr>`;
  const code = (value: string) => `<code>${esc(value)}</code>`;
  const rows = [
    row('Tool', `${esc(p.tool.name)} ${esc(p.tool.version)}`),
    row('Control catalog', `${code(p.controlCatalog.sha256)} (${p.controlCatalog.controls} controls)`),
    p.flowSpec ? row('Flow spec', code(p.flowSpec.sha256)) : '',
    p.blueprint ? row('Blueprint', `${code(p.blueprint.path)} ${code(p.blueprint.sha256)}`) : '',
    p.parameters ? row('Parameters', `${code(p.parameters.path)} ${code(p.parameters.sha256)}`) : '',
    row('Started', code(p.startedAt)),
    row('Finished', code(p.finishedAt)),
    row('Acknowledgements judged at', code(p.evaluatedAt)),
    p.commit
      ? row(
          'Commit',
          `${code(p.commit.revision)}${p.commit.branch ? ` on ${code(p.commit.branch)}` : ''}` +
            `${p.commit.repositoryUri ? ` in ${code(p.commit.repositoryUri)}` : ''}` +
            `${p.commit.modified ? ' <b>with uncommitted changes</b>' : ''} <span class="meta">(from ${esc(p.commit.source)})</span>`,
        )
      : row('Commit', 'not in a repository, no CI variables'),
    p.ci
      ? row(
          'CI run',
          `${esc(p.ci.system)}${p.ci.runId ? ` run ${code(p.ci.runId)}` : ''}${p.ci.url ? ` ${code(p.ci.url)}` : ''}`,
        )
      : '',
  ];
  const files = p.inputs.map(
    (f) =>
      `<tr><td><code>${esc(f.path)}</code></td><td>${f.bytes}</td><td><code>${esc(f.sha256)}</code></td></tr>`,
  );
  const calls = (p.calls ?? []).map(
    (c) =>
      `<tr><td>${esc(c.service)}</td><td>${esc(c.operation)}</td><td>${esc(c.region ?? '')}</td><td><code>${esc(c.time)}</code></td><td><code>${esc(c.requestId ?? '')}</code></td><td>${esc(c.error ?? '')}</td></tr>`,
  );
  return [
    '<section id="provenance"><h2>Provenance</h2>',
    '<p>What this report was made from, by which version and when. Digests are SHA-256.</p>',
    `<table class="provenance">${rows.join('')}</table>`,
    `<h3>Input files (${p.inputs.length})</h3>`,
    `<table class="input-digests"><tr><th>File</th><th>Bytes</th><th>SHA-256</th></tr>${files.join('')}</table>`,
    calls.length
      ? `<h3>API calls (${calls.length})</h3><table><tr><th>Service</th><th>Operation</th><th>Region</th><th>Time</th><th>Request id</th><th>Error</th></tr>${calls.join('')}</table>`
      : '',
    '</section>',
  ].join('\n');
}

const STATUS_CLASS: Readonly<Record<AcknowledgementRecord['status'], string>> = {
  lapsed: 'st-fail',
  expiring: 'st-unknown',
  stale: 'st-unknown',
  active: 'st-pass',
};

export function acknowledgementStatusSection(report: Report): string {
  const records = report.acknowledgements ?? [];
  if (records.length === 0) return '';
  const count = (status: string) => records.filter((r) => r.status === status).length;
  const rows = records.map((r) => {
    const first = r.resources[0];
    const where = first
      ? `<code>${esc(first.id)}</code>${r.resources.length > 1 ? ` and ${r.resources.length - 1} more` : ''}`
      : '';
    return (
      `<tr class="${STATUS_CLASS[r.status]}"><td>${esc(r.status)}</td><td><code>${esc(r.ruleId)}</code>${r.origin ? ` <span class="meta">(${esc(r.origin)})</span>` : ''}</td>` +
      `<td>${where}</td><td>${esc(r.owner ?? '')}</td><td>${esc(r.expires ?? 'never')}</td><td>${r.findings}</td>` +
      `<td>${esc(r.reason)}${r.staleReason ? `<div class="meta">${esc(r.staleReason)}</div>` : ''}</td></tr>`
    );
  });
  return [
    `<section id="acknowledgement-status"><h2>Acknowledgements (${records.length})</h2>`,
    `<p>${count('lapsed')} lapsed (their findings fail again), ${count('expiring')} expiring within 30 days, ${count('stale')} stale (they excuse nothing any more: remove them), ${count('active')} active.</p>`,
    `<details${count('lapsed') + count('expiring') > 0 ? ' open' : ''}><summary>Show all ${records.length}</summary>`,
    '<table><tr><th>Status</th><th>Rule</th><th>Resource</th><th>Owner</th><th>Expires</th><th>Findings</th><th>Reason</th></tr>',
    ...rows,
    '</table></details></section>',
  ].join('\n');
}
