/** docs/controls.md, generated from the catalog: one row per control with its frameworks. */
import { ENVIRONMENT_CONTROLS } from '../controls/environments/index.js';
import { CONTROLS } from '../controls/registry.js';
import { requirementIds } from '../frameworks/index.js';
import { FRAMEWORK_KEYS } from '../findings/index.js';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function controlsMarkdown(): string {
  const lines = [
    '# Controls',
    '',
    'Generated from the catalog (`src/controls/`) by `npm run docs`; a test fails when this file is stale.',
    `${CONTROLS.length} controls. Framework columns list the requirement ids each control provides evidence for;`,
    '`k8s-pss` values are `level/check` as named by the upstream pod-security-admission library.',
    '',
    `| ID | Title | Severity | Applies to | ${FRAMEWORK_KEYS.join(' | ')} |`,
    `|---|---|---|---|${FRAMEWORK_KEYS.map(() => '---').join('|')}|`,
  ];
  for (const c of [...CONTROLS].sort((a, b) => a.id.localeCompare(b.id))) {
    const frameworks = FRAMEWORK_KEYS.map((k) => cell(requirementIds(k, c.frameworks[k] ?? []).join(', ')));
    lines.push(
      `| ${c.id}${c.deprecated ? ' (deprecated)' : ''} | ${cell(c.title)} | ${c.severity} | ${cell(c.appliesTo.join(', '))} | ${frameworks.join(' | ')} |`,
    );
  }
  lines.push(
    '',
    '## Cross-environment controls',
    '',
    `${ENVIRONMENT_CONTROLS.length} controls over several environments at once, run by \`synth\` of a blueprint with`,
    '`environments`; each finding joins the report of the environment it is about.',
    '',
    `| ID | Title | Severity | Reads | ${FRAMEWORK_KEYS.join(' | ')} |`,
    `|---|---|---|---|${FRAMEWORK_KEYS.map(() => '---').join('|')}|`,
  );
  for (const c of ENVIRONMENT_CONTROLS) {
    const frameworks = FRAMEWORK_KEYS.map((k) => cell(requirementIds(k, c.frameworks[k] ?? []).join(', ')));
    lines.push(
      `| ${c.id} | ${cell(c.title)} | ${c.severity} | ${cell(c.appliesTo.join(', '))} | ${frameworks.join(' | ')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
