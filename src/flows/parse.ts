/**
 * Reads a flow spec back from where it travelled (a template's Metadata). Controls and the prover rely on its
 * shape, so a spec that is present but malformed is bad input, named by file and path, not something to guess
 * around.
 */
import { InputError } from '../errors.js';
import { TIERS } from './network-plan.js';
import { COMPONENT_TIERS, DENIAL_CLASSES, LAYERS, PROTECTION_KINDS, type FlowSpec } from './types.js';

export interface FlowSpecSource {
  /** The file the spec was read from. */
  readonly file: string;
  /** Dotted path of the spec inside the file, e.g. `Metadata.vectorfort:flowSpec`. */
  readonly path: string;
  /**
   * 1-based line of a dotted path in the file, when the format carries positions.
   * @default - errors name no line
   */
  readonly lineOf?: (path: string) => number | undefined;
}

type Fields = Readonly<Record<string, unknown>>;

/** Checks the shape of an embedded flow spec; throws an InputError naming the first problem's path. */
export function parseFlowSpec(value: unknown, source: FlowSpecSource): FlowSpec {
  const read = new SpecReader(source);
  const spec = read.object(value, []);
  if (spec.version !== 1) read.fail(['version'], `expected version 1, got ${describe(spec.version)}`);
  read.string(spec.name, ['name']);
  read.string(spec.vpcCidr, ['vpcCidr']);
  read.list(spec.subnets, ['subnets']).forEach((subnet, i) => readSubnet(read, subnet, ['subnets', i]));
  if (spec.externalNetwork !== undefined)
    readExternalNetwork(read, spec.externalNetwork, ['externalNetwork']);
  const components = read.list(spec.components, ['components']);
  const ids = new Set<string>();
  components.forEach((component, i) => {
    const id = readComponent(read, component, ['components', i]);
    if (ids.has(id)) read.fail(['components', i, 'id'], `the component "${id}" is declared twice`);
    ids.add(id);
  });
  read.list(spec.flows, ['flows']).forEach((flow, i) => readFlow(read, flow, ['flows', i], ids));
  read.list(spec.denials, ['denials']).forEach((denial, i) => readDenial(read, denial, ['denials', i], ids));
  return value as FlowSpec;
}

function readSubnet(read: SpecReader, value: unknown, at: Path): void {
  const subnet = read.object(value, at);
  read.oneOf(subnet.tier, [...at, 'tier'], TIERS);
  read.string(subnet.availabilityZone, [...at, 'availabilityZone']);
  read.string(subnet.cidr, [...at, 'cidr']);
}

function readExternalNetwork(read: SpecReader, value: unknown, at: Path): void {
  const network = read.object(value, at);
  read.string(network.vpcId, [...at, 'vpcId']);
  read.list(network.subnets, [...at, 'subnets']).forEach((id, i) => read.string(id, [...at, 'subnets', i]));
  if (network.acknowledged !== undefined) read.string(network.acknowledged, [...at, 'acknowledged']);
}

function readComponent(read: SpecReader, value: unknown, at: Path): string {
  const component = read.object(value, at);
  const id = read.string(component.id, [...at, 'id']);
  read.string(component.description, [...at, 'description']);
  read.oneOf(component.tier, [...at, 'tier'], COMPONENT_TIERS);
  if (component.k8s !== undefined) {
    const k8s = read.object(component.k8s, [...at, 'k8s']);
    read.string(k8s.namespace, [...at, 'k8s', 'namespace']);
    const labels = read.object(k8s.labels, [...at, 'k8s', 'labels']);
    for (const [key, label] of Object.entries(labels)) read.string(label, [...at, 'k8s', 'labels', key]);
    if (k8s.serviceAccount !== undefined) read.string(k8s.serviceAccount, [...at, 'k8s', 'serviceAccount']);
  }
  if (component.nodeGroup !== undefined)
    read.oneOf(component.nodeGroup, [...at, 'nodeGroup'], ['system', 'weaviate']);
  if (component.meshed !== undefined) read.boolean(component.meshed, [...at, 'meshed']);
  if (component.awsTag !== undefined) read.string(component.awsTag, [...at, 'awsTag']);
  if (component.prefixList !== undefined) read.string(component.prefixList, [...at, 'prefixList']);
  if (component.cidrs !== undefined)
    read.list(component.cidrs, [...at, 'cidrs']).forEach((cidr, i) => read.string(cidr, [...at, 'cidrs', i]));
  return id;
}

function readFlow(read: SpecReader, value: unknown, at: Path, ids: ReadonlySet<string>): void {
  const flow = read.object(value, at);
  read.string(flow.id, [...at, 'id']);
  for (const end of ['from', 'to'] as const) {
    const id = read.string(flow[end], [...at, end]);
    if (!ids.has(id)) read.fail([...at, end], `names the component "${id}", which is not declared`);
  }
  const port = read.port(flow.port, [...at, 'port']);
  if (flow.toPort !== undefined && read.port(flow.toPort, [...at, 'toPort']) < port)
    read.fail(
      [...at, 'toPort'],
      `expected toPort to be at least port (${port}), got ${describe(flow.toPort)}`,
    );
  read.oneOf(flow.protocol, [...at, 'protocol'], ['tcp', 'udp']);
  read.string(flow.description, [...at, 'description']);
  read
    .list(flow.enforcedBy, [...at, 'enforcedBy'])
    .forEach((layer, i) => read.oneOf(layer, [...at, 'enforcedBy', i], LAYERS));
  read.boolean(flow.viaMesh, [...at, 'viaMesh']);
  if (flow.protection !== undefined) {
    const protection = read.object(flow.protection, [...at, 'protection']);
    read.oneOf(protection.kind, [...at, 'protection', 'kind'], PROTECTION_KINDS);
    read.string(protection.terminatedBy, [...at, 'protection', 'terminatedBy']);
    if (protection.acknowledged !== undefined)
      read.string(protection.acknowledged, [...at, 'protection', 'acknowledged']);
  }
}

function readDenial(read: SpecReader, value: unknown, at: Path, ids: ReadonlySet<string>): void {
  const denial = read.object(value, at);
  read.string(denial.id, [...at, 'id']);
  if (denial.class === undefined)
    read.fail(
      [...at, 'class'],
      `expected the denial's class (one of ${DENIAL_CLASSES.join(', ')}); a spec without it predates denial classes: synthesize again`,
    );
  read.oneOf(denial.class, [...at, 'class'], DENIAL_CLASSES);
  read.string(denial.description, [...at, 'description']);
  for (const end of ['from', 'to'] as const)
    read.list(denial[end], [...at, end]).forEach((party, i) => {
      const name = read.string(party, [...at, end, i]);
      const tier = name.startsWith('tier:') ? name.slice('tier:'.length) : undefined;
      const known =
        tier === undefined ? ids.has(name) : (COMPONENT_TIERS as readonly string[]).includes(tier);
      if (!known)
        read.fail(
          [...at, end, i],
          tier === undefined
            ? `names the component "${name}", which is not declared`
            : `names the tier "${tier}", expected one of ${COMPONENT_TIERS.join(', ')}`,
        );
    });
  read.list(denial.ports, [...at, 'ports']).forEach((port, i) => read.port(port, [...at, 'ports', i]));
  if (denial.defenseInDepth !== undefined) read.boolean(denial.defenseInDepth, [...at, 'defenseInDepth']);
}

type Path = readonly (string | number)[];

/** Typed reads that fail with the spec's source, the dotted path and what was expected. */
class SpecReader {
  constructor(private readonly source: FlowSpecSource) {}

  fail(at: Path, message: string): never {
    const path = [this.source.path, ...at].filter((s) => s !== '').join('.');
    throw new InputError(`the flow spec is malformed: ${message}`, this.source.file, path, this.position(at));
  }

  object(value: unknown, at: Path): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlain(value))
      this.fail(at, `expected an object, got ${describe(value)}`);
    return value as Fields;
  }

  list(value: unknown, at: Path): readonly unknown[] {
    if (!Array.isArray(value)) this.fail(at, `expected a list, got ${describe(value)}`);
    return value;
  }

  string(value: unknown, at: Path): string {
    if (typeof value !== 'string') this.fail(at, `expected a string, got ${describe(value)}`);
    return value;
  }

  boolean(value: unknown, at: Path): boolean {
    if (typeof value !== 'boolean') this.fail(at, `expected true or false, got ${describe(value)}`);
    return value;
  }

  port(value: unknown, at: Path): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535)
      this.fail(at, `expected a port number (0 to 65535), got ${describe(value)}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, at: Path, allowed: readonly T[]): T {
    if (!(allowed as readonly unknown[]).includes(value))
      this.fail(at, `expected one of ${allowed.join(', ')}, got ${describe(value)}`);
    return value as T;
  }

  /** The line of the path, or of its nearest ancestor the file places (a missing key has no line). */
  private position(at: Path): { line: number } | undefined {
    for (let n = at.length; n >= 0; n--) {
      const line = this.source.lineOf?.(
        [this.source.path, ...at.slice(0, n)].filter((s) => s !== '').join('.'),
      );
      if (line !== undefined) return { line };
    }
    return undefined;
  }
}

/** Plain data (parsed JSON or YAML), not an unresolved value the template reader put in its place. */
function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object')
    return isPlain(value) ? 'an object' : 'a value the template does not determine';
  return JSON.stringify(value);
}
