/**
 * What the inventory could not model becomes an `unknown` finding with the file, the path and why, so that the
 * report shows the gap instead of counting the run as if everything had been checked: a file that could not
 * be read, a transform that was not expanded, a kind that runs containers we do not model, a malformed spec,
 * a part decided only at deploy time.
 */
import type { InputGap, Inventory, InventoryDiagnostic } from '../inventory/model.js';
import type { Finding } from '../findings/index.js';

export const NOT_READ_RULE_ID = 'input-not-read';

const GAPS: Readonly<Record<InputGap, { ruleId: string; title: string; remediation: string }>> = {
  'not-read': {
    ruleId: NOT_READ_RULE_ID,
    title: 'An input file could not be read; nothing in it was checked',
    remediation: 'Make the file readable and non-empty (or put the template in the input), or remove it.',
  },
  transform: {
    ruleId: 'input-transform-not-expanded',
    title: 'A transform is not expanded offline; what it generates was not checked',
    remediation:
      'Verify the processed template instead (`aws cloudformation get-template --template-stage Processed`, or `sam build` output), or accept the gap with --allow-unknown.',
  },
  kind: {
    ruleId: 'input-kind-not-modelled',
    title: 'A kind that runs containers is not modelled; its pods were not checked',
    remediation:
      'Check its pods another way (render the pods it creates and verify those), or accept the gap with --allow-unknown.',
  },
  malformed: {
    ruleId: 'input-malformed',
    title: 'Part of an input does not have the shape its type requires; it was not checked',
    remediation:
      'Fix the shape the message names (the API server or CloudFormation would refuse it, or read it differently).',
  },
  undetermined: {
    ruleId: 'input-not-determined',
    title: 'Part of an input is decided only at deploy time; it was not checked',
    remediation:
      'State the value in the input (a literal list, a parameter default), or accept the gap with --allow-unknown.',
  },
};

export function inputGapFindings(inventory: Inventory): Finding[] {
  const findings: Finding[] = [];
  for (const d of inventory.diagnostics) {
    const gap = gapOf(d);
    if (gap === undefined || d.location === undefined) continue;
    const { ruleId, title, remediation } = GAPS[gap];
    const { file, path, line } = d.location;
    findings.push({
      ruleId,
      title,
      severity: 'high',
      status: 'unknown',
      resource: {
        type: d.subject?.type ?? 'file',
        id: d.subject?.id ?? file,
        file,
        ...(path !== '' ? { path } : {}),
        ...(line !== undefined ? { line } : {}),
      },
      message: d.message,
      remediation,
      frameworks: {},
      origin: 'vectorfort',
    });
  }
  return findings;
}

function gapOf(d: InventoryDiagnostic): InputGap | undefined {
  return d.gap ?? (d.notRead === true ? 'not-read' : undefined);
}

/**
 * One `unknown` finding when no control gave a verdict on anything in the input (only kinds and types no
 * control reads): "no finding" must not read as "checked and fine". Controls that judge only how the input is
 * put together (`structural`: each object defined once) do not count: they pass on anything.
 */
export function nothingCheckedFindings(
  inventory: Inventory,
  findings: readonly Finding[],
  structural: ReadonlySet<string>,
): Finding[] {
  if (findings.some((f) => (f.status === 'pass' || f.status === 'fail') && !structural.has(f.ruleId)))
    return [];
  const inputs = inventory.inputs.map((i) => i.path);
  return [
    {
      ruleId: 'input-nothing-checked',
      title: 'No control applies to anything in the input; nothing was checked',
      severity: 'high',
      status: 'unknown',
      resource: {
        type: 'input',
        id: inputs.join(', ') || '(none)',
        ...(inputs[0] ? { file: inputs[0] } : {}),
      },
      message: `no control gave a verdict on ${inputs.length === 1 ? 'this input' : `these ${inputs.length} inputs`}: none of their resources or objects is of a type the controls check`,
      remediation:
        'Verify the inputs that deploy the system (templates, manifests), or accept an empty check with --allow-unknown.',
      frameworks: {},
      origin: 'vectorfort',
    },
  ];
}
