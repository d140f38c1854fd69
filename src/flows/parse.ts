/**
 * Reads a flow spec back from where it travelled (a template's Metadata). Controls and the prover rely on its
 * shape, so a spec that is present but malformed is bad input, named by file and path, not something to guess
 * around.
 */
import { InputError } from '../errors.js';
import { TIERS } from './network-plan.js';
import {
  COMPONENT_TIERS,
  DENIAL_CLASSES,
  LAYERS,
  PROTECTION_KINDS,
  type ClaimParty,
  type Component,
  type DenialClaim,
  type ExternalNetwork,
  type Flow,
  type FlowProtection,
  type FlowSpec,
  type K8sSelector,
  type PlannedSubnet,
} from './types.js';

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

/**
 * Checks the shape of an embedded flow spec; throws an InputError naming the first problem's path. The spec
 * returned is rebuilt from the fields checked, in the order the types declare them: a key the spec format does
 * not have is left behind (it would otherwise reach the report, whose schema has no place for it), and the
 * order of a template's keys, which means nothing to CloudFormation, cannot change the report's text.
 */
export function parseFlowSpec(value: unknown, source: FlowSpecSource): FlowSpec {
  const read = new SpecReader(source);
  const spec = read.object(value, []);
  if (spec.version !== 1) read.fail(['version'], `expected version 1, got ${describe(spec.version)}`);
  const name = read.string(spec.name, ['name']);
  const vpcCidr = read.string(spec.vpcCidr, ['vpcCidr']);
  const subnets = read
    .list(spec.subnets, ['subnets'])
    .map((subnet, i) => readSubnet(read, subnet, ['subnets', i]));
  const externalNetwork =
    spec.externalNetwork === undefined
      ? undefined
      : readExternalNetwork(read, spec.externalNetwork, ['externalNetwork']);
  const ids = new Set<string>();
  const components = read.list(spec.components, ['components']).map((entry, i) => {
    const component = readComponent(read, entry, ['components', i]);
    if (ids.has(component.id))
      read.fail(['components', i, 'id'], `the component "${component.id}" is declared twice`);
    ids.add(component.id);
    return component;
  });
  const flows = read.list(spec.flows, ['flows']).map((flow, i) => readFlow(read, flow, ['flows', i], ids));
  const denials = read
    .list(spec.denials, ['denials'])
    .map((denial, i) => readDenial(read, denial, ['denials', i], ids));
  return {
    version: 1,
    name,
    vpcCidr,
    subnets,
    ...(externalNetwork ? { externalNetwork } : {}),
    components,
    flows,
    denials,
  };
}

function readSubnet(read: SpecReader, value: unknown, at: Path): PlannedSubnet {
  const subnet = read.object(value, at);
  return {
    tier: read.oneOf(subnet.tier, [...at, 'tier'], TIERS),
    availabilityZone: read.string(subnet.availabilityZone, [...at, 'availabilityZone']),
    cidr: read.string(subnet.cidr, [...at, 'cidr']),
  };
}

function readExternalNetwork(read: SpecReader, value: unknown, at: Path): ExternalNetwork {
  const network = read.object(value, at);
  return {
    vpcId: read.string(network.vpcId, [...at, 'vpcId']),
    subnets: read
      .list(network.subnets, [...at, 'subnets'])
      .map((id, i) => read.string(id, [...at, 'subnets', i])),
    ...optional('acknowledged', network.acknowledged, (v) => read.string(v, [...at, 'acknowledged'])),
  };
}

function readComponent(read: SpecReader, value: unknown, at: Path): Component {
  const component = read.object(value, at);
  return {
    id: read.string(component.id, [...at, 'id']),
    description: read.string(component.description, [...at, 'description']),
    tier: read.oneOf(component.tier, [...at, 'tier'], COMPONENT_TIERS),
    ...optional('k8s', component.k8s, (v) => readSelector(read, v, [...at, 'k8s'])),
    ...optional('nodeGroup', component.nodeGroup, (v) =>
      read.oneOf(v, [...at, 'nodeGroup'], ['system', 'weaviate'] as const),
    ),
    ...optional('meshed', component.meshed, (v) => read.boolean(v, [...at, 'meshed'])),
    ...optional('awsTag', component.awsTag, (v) => read.string(v, [...at, 'awsTag'])),
    ...optional('cidrs', component.cidrs, (v) =>
      read.list(v, [...at, 'cidrs']).map((cidr, i) => read.string(cidr, [...at, 'cidrs', i])),
    ),
    ...optional('prefixList', component.prefixList, (v) => read.string(v, [...at, 'prefixList'])),
  };
}

function readSelector(read: SpecReader, value: unknown, at: Path): K8sSelector {
  const k8s = read.object(value, at);
  const namespace = read.string(k8s.namespace, [...at, 'namespace']);
  const given = read.object(k8s.labels, [...at, 'labels']);
  // Labels by key: a selector's meaning does not depend on the order they were written in.
  // (fromEntries defines each key as its own property, `__proto__` included.)
  const labels = Object.fromEntries(
    Object.keys(given)
      .sort()
      .map((key) => [key, read.string(given[key], [...at, 'labels', key])]),
  );
  return {
    namespace,
    labels,
    ...optional('serviceAccount', k8s.serviceAccount, (v) => read.string(v, [...at, 'serviceAccount'])),
  };
}

function readFlow(read: SpecReader, value: unknown, at: Path, ids: ReadonlySet<string>): Flow {
  const flow = read.object(value, at);
  const id = read.string(flow.id, [...at, 'id']);
  const [from, to] = (['from', 'to'] as const).map((end) => {
    const component = read.string(flow[end], [...at, end]);
    if (!ids.has(component))
      read.fail([...at, end], `names the component "${component}", which is not declared`);
    return component;
  }) as [string, string];
  const port = read.port(flow.port, [...at, 'port']);
  const toPort = optional('toPort', flow.toPort, (v) => {
    const last = read.port(v, [...at, 'toPort']);
    if (last < port)
      read.fail([...at, 'toPort'], `expected toPort to be at least port (${port}), got ${describe(v)}`);
    return last;
  });
  return {
    id,
    from,
    to,
    port,
    ...toPort,
    protocol: read.oneOf(flow.protocol, [...at, 'protocol'], ['tcp', 'udp'] as const),
    description: read.string(flow.description, [...at, 'description']),
    enforcedBy: read
      .list(flow.enforcedBy, [...at, 'enforcedBy'])
      .map((layer, i) => read.oneOf(layer, [...at, 'enforcedBy', i], LAYERS)),
    viaMesh: read.boolean(flow.viaMesh, [...at, 'viaMesh']),
    ...optional('protection', flow.protection, (v) => readProtection(read, v, [...at, 'protection'])),
  };
}

function readProtection(read: SpecReader, value: unknown, at: Path): FlowProtection {
  const protection = read.object(value, at);
  return {
    kind: read.oneOf(protection.kind, [...at, 'kind'], PROTECTION_KINDS),
    terminatedBy: read.string(protection.terminatedBy, [...at, 'terminatedBy']),
    ...optional('acknowledged', protection.acknowledged, (v) => read.string(v, [...at, 'acknowledged'])),
  };
}

function readDenial(read: SpecReader, value: unknown, at: Path, ids: ReadonlySet<string>): DenialClaim {
  const denial = read.object(value, at);
  const id = read.string(denial.id, [...at, 'id']);
  if (denial.class === undefined)
    read.fail(
      [...at, 'class'],
      `expected the denial's class (one of ${DENIAL_CLASSES.join(', ')}); a spec without it predates denial classes: synthesize again`,
    );
  const cls = read.oneOf(denial.class, [...at, 'class'], DENIAL_CLASSES);
  const description = read.string(denial.description, [...at, 'description']);
  const [from, to] = (['from', 'to'] as const).map((end) =>
    read.list(denial[end], [...at, end]).map((party, i) => {
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
      return name as ClaimParty;
    }),
  ) as [ClaimParty[], ClaimParty[]];
  return {
    id,
    class: cls,
    description,
    from,
    to,
    ports: read.list(denial.ports, [...at, 'ports']).map((port, i) => read.port(port, [...at, 'ports', i])),
    ...optional('defenseInDepth', denial.defenseInDepth, (v) => read.boolean(v, [...at, 'defenseInDepth'])),
  };
}

/** `{ [key]: read(value) }` when the field is present, `{}` when it is not (optional fields stay absent). */
function optional<K extends string, T>(
  key: K,
  value: unknown,
  read: (value: unknown) => T,
): { [P in K]?: T } {
  return value === undefined ? {} : ({ [key]: read(value) } as { [P in K]?: T });
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
