import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateBlueprint } from '../../src/blueprint/index.js';
import { InputError } from '../../src/errors.js';
import { deriveFlowSpec, parseFlowSpec, type FlowSpecSource } from '../../src/flows/index.js';

const SOURCE: FlowSpecSource = { file: 'app.template.json', path: 'Metadata.vectorfort:flowSpec' };

/** The default blueprint's spec as it travels: through JSON, so every test starts from plain data. */
function embedded(): Record<string, unknown> & { denials: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify(deriveFlowSpec(validateBlueprint({}, 'bp.yaml'))));
}

/** Parses a changed copy of the default spec and returns the InputError it raises. */
function rejection(change: (spec: ReturnType<typeof embedded>) => void, source = SOURCE): InputError {
  const spec = embedded();
  change(spec);
  let caught: unknown;
  try {
    parseFlowSpec(spec, source);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  return caught;
}

describe('parseFlowSpec', () => {
  it('accepts the spec the generator embeds, unchanged', () => {
    const spec = embedded();
    assert.deepEqual(parseFlowSpec(spec, SOURCE), spec);
  });

  it('leaves out keys the spec format does not have, so they cannot reach the report', () => {
    const spec = embedded() as ReturnType<typeof embedded> & {
      flows: { protection?: Record<string, unknown> }[];
      components: Record<string, unknown>[];
    };
    const flow = spec.flows.findIndex((f) => f.protection !== undefined);
    spec.flows[flow]!.protection!.note = '<img src=x onerror=alert(1)>';
    spec.flows[flow]!.protection!.verdict = 'proved';
    (spec.flows[flow] as Record<string, unknown>).owner = 'someone';
    spec.components[0]!.extra = { deep: true };
    (spec as Record<string, unknown>).signedBy = 'nobody';
    const parsed = parseFlowSpec(spec, SOURCE);
    assert.deepEqual(Object.keys(parsed.flows[flow]!.protection!), ['kind', 'terminatedBy']);
    assert.equal('owner' in parsed.flows[flow]!, false);
    assert.equal('extra' in parsed.components[0]!, false);
    assert.equal('signedBy' in parsed, false);
    // The parsed spec is a copy: changing the input afterwards changes nothing in it.
    spec.flows[flow]!.protection!.kind = 'none';
    assert.notEqual(parsed.flows[flow]!.protection!.kind, 'none');
  });

  it('reads the same spec, key for key, whatever order its keys are written in', () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    const spec = embedded();
    const labelled = spec.components as { k8s?: { labels: Record<string, string> } }[];
    const component = labelled.findIndex((c) => Object.keys(c.k8s?.labels ?? {}).length > 0);
    labelled[component]!.k8s!.labels = { zone: 'a', app: 'b', __proto__: 'c' } as Record<string, string>;
    Object.defineProperty(labelled[component]!.k8s!.labels, '__proto__', { value: 'c', enumerable: true });
    const parsed = parseFlowSpec(spec, SOURCE);
    assert.equal(JSON.stringify(parseFlowSpec(reversed(spec), SOURCE)), JSON.stringify(parsed));
    // Labels come back by key, `__proto__` as a label of its own rather than a prototype.
    assert.deepEqual(Object.keys(parsed.components[component]!.k8s!.labels), ['__proto__', 'app', 'zone']);
    assert.equal(Object.getPrototypeOf(parsed.components[component]!.k8s!.labels), Object.prototype);
  });

  it('rejects a denial without a class, naming its path and the classes to choose from', () => {
    const error = rejection((spec) => delete spec.denials[1]!.class);
    assert.equal(error.file, 'app.template.json');
    assert.equal(error.path, 'Metadata.vectorfort:flowSpec.denials.1.class');
    assert.match(
      error.message,
      /^the flow spec is malformed: expected the denial's class \(one of internet-isolation, exfiltration, instance-metadata, namespace-isolation, api-access, ipv6-internet-isolation, enclave-egress\)/,
    );
    assert.match(error.message, /synthesize again/);
  });

  it('rejects a denial class the prover does not know', () => {
    const error = rejection((spec) => (spec.denials[0]!.class = 'unnamed'));
    assert.equal(error.path, 'Metadata.vectorfort:flowSpec.denials.0.class');
    assert.match(
      error.message,
      /expected one of internet-isolation, .*api-access, ipv6-internet-isolation, enclave-egress, got "unnamed"$/,
    );
  });

  it('rejects a null denial instead of crashing on it', () => {
    const error = rejection((spec) => (spec.denials = [null as never]));
    assert.equal(error.path, 'Metadata.vectorfort:flowSpec.denials.0');
    assert.match(error.message, /expected an object, got null$/);
  });

  for (const field of ['components', 'flows', 'denials', 'subnets'] as const)
    it(`rejects ${field} when it is not a list`, () => {
      const error = rejection((spec) => ((spec as Record<string, unknown>)[field] = { first: {} }));
      assert.equal(error.path, `Metadata.vectorfort:flowSpec.${field}`);
      assert.match(error.message, /expected a list, got an object$/);
    });

  it('rejects a spec that is not an object, and another version', () => {
    assert.throws(
      () => parseFlowSpec('v1', SOURCE),
      (e: unknown) =>
        e instanceof InputError &&
        e.path === 'Metadata.vectorfort:flowSpec' &&
        /expected an object, got "v1"/.test(e.message),
    );
    const error = rejection((spec) => (spec.version = 2));
    assert.equal(error.path, 'Metadata.vectorfort:flowSpec.version');
    assert.match(error.message, /expected version 1, got 2$/);
  });

  it('rejects a flow or a denial naming an undeclared component', () => {
    const flow = rejection((spec) => ((spec.flows as Record<string, unknown>[])[2]!.to = 'ghost'));
    assert.equal(flow.path, 'Metadata.vectorfort:flowSpec.flows.2.to');
    assert.match(flow.message, /names the component "ghost", which is not declared$/);
    const denial = rejection((spec) => (spec.denials[0]!.to = ['tier:data', 'tier:basement']));
    assert.equal(denial.path, 'Metadata.vectorfort:flowSpec.denials.0.to.1');
    assert.match(denial.message, /names the tier "basement", expected one of internet, public, /);
  });

  it('rejects wrong field types inside flows and components', () => {
    const cases: [string, (spec: ReturnType<typeof embedded>) => void, RegExp][] = [
      [
        'flows.0.port',
        (spec) => ((spec.flows as Record<string, unknown>[])[0]!.port = '8080'),
        /expected a port number \(0 to 65535\), got "8080"$/,
      ],
      [
        'flows.0.protocol',
        (spec) => ((spec.flows as Record<string, unknown>[])[0]!.protocol = 'icmp'),
        /expected one of tcp, udp, got "icmp"$/,
      ],
      [
        'flows.0.enforcedBy.1',
        (spec) => ((spec.flows as Record<string, unknown>[])[0]!.enforcedBy = ['network-policy', 'firewall']),
        /expected one of security-group, network-acl, network-policy, mesh, got "firewall"$/,
      ],
      [
        'components.1.k8s.labels',
        (spec) =>
          (((spec.components as Record<string, unknown>[])[1]!.k8s as Record<string, unknown>).labels = null),
        /expected an object, got null$/,
      ],
      [
        'components.3.id',
        (spec) => ((spec.components as Record<string, unknown>[])[3]!.id = 'weaviate'),
        /the component "weaviate" is declared twice$/,
      ],
      [
        'denials.2.ports.0',
        (spec) => (spec.denials[2]!.ports = [-1]),
        /expected a port number \(0 to 65535\), got -1$/,
      ],
      [
        'denials.1.defenseInDepth',
        (spec) => (spec.denials[1]!.defenseInDepth = 'no'),
        /expected true or false, got "no"$/,
      ],
    ];
    assert.ok(cases.length > 0);
    for (const [path, change, message] of cases) {
      const error = rejection(change);
      assert.equal(error.path, `Metadata.vectorfort:flowSpec.${path}`);
      assert.match(error.message, message);
    }
  });

  it('names the line of the problem, or of the nearest enclosing value the file places', () => {
    const lines = new Map([
      ['Metadata.vectorfort:flowSpec', 3],
      ['Metadata.vectorfort:flowSpec.denials.0', 40],
    ]);
    const error = rejection((spec) => delete spec.denials[0]!.class, {
      ...SOURCE,
      lineOf: (p) => lines.get(p),
    });
    assert.deepEqual(error.position, { line: 40 });
    assert.equal(
      error.describe().startsWith('app.template.json:40: Metadata.vectorfort:flowSpec.denials.0.class: '),
      true,
    );
  });
});
