/**
 * Which containers are the Weaviate database, told by what they are rather than by a name or label (the Helm
 * chart labels its inference modules `app.kubernetes.io/name: weaviate` too, and serves them from the same
 * registry). The image decides first: a repository named `weaviate` (`semitechnologies/weaviate`, its
 * `cr.weaviate.io` home or any mirror ending in `/weaviate`) is the database; one of Weaviate's module images
 * (`transformers-inference`, `text2vec-*`, `reranker-*`, …) is not. Any other image is the database when it runs
 * Weaviate's binary, or listens on Weaviate's client API port together with one of its cluster traits.
 */
type Obj = Readonly<Record<string, unknown>>;

/** Client API ports: REST and gRPC. */
const API_PORTS = [8080, 50051];
/** Ports only a Weaviate node opens: memberlist gossip and data, Raft and its internal RPC. */
const CLUSTER_PORTS = [7946, 7947, 8300, 8301];
/** Variables that configure a Weaviate node's clustering. */
const CLUSTER_VARIABLES = ['CLUSTER_JOIN', 'CLUSTER_GOSSIP_BIND_PORT', 'RAFT_JOIN', 'RAFT_BOOTSTRAP_EXPECT'];

/**
 * The images Weaviate's chart and docs run beside the database: inference containers for modules. Matched on
 * the repository's last path segment, so mirrors are recognised too.
 */
const MODULE_IMAGE =
  /^(?:(?:text2vec|multi2vec|img2vec|qna|reranker|ner|sum|text2colbert|multi2multivec)-[a-z0-9-]+|[a-z0-9-]+-inference|contextionary|text-spellcheck-model|[a-z0-9-]+-transformers)$/;

/** The repository path of an image without registry host, tag or digest, lower case. */
export function repositoryOf(image: string): string {
  const withoutDigest = image.split('@')[0]!.toLowerCase();
  const segments = withoutDigest.split('/');
  const last = segments.pop()!;
  segments.push(last.split(':')[0]!);
  // The first segment is a registry host when it has a dot or a port, or is localhost.
  if (segments.length > 1 && /[.:]|^localhost$/.test(segments[0]!)) segments.shift();
  return segments.join('/');
}

function lastSegment(image: string): string {
  return repositoryOf(image).split('/').pop()!;
}

/** Whether an image is one of Weaviate's module (inference) images. */
export function isModuleImage(image: string): boolean {
  return MODULE_IMAGE.test(lastSegment(image));
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function declaredPorts(container: Obj): number[] {
  const ports = Array.isArray(container.ports) ? container.ports : [];
  return ports.map((p) => (p as Obj | null)?.containerPort).filter((p): p is number => typeof p === 'number');
}

function setsVariable(container: Obj, names: readonly string[]): boolean {
  const env = Array.isArray(container.env) ? container.env : [];
  return env.some((e) => names.includes(String((e as Obj | null)?.name)));
}

/** Why a container is the Weaviate database, or undefined when it is not. */
export function databaseEvidence(container: Obj): string | undefined {
  const image = typeof container.image === 'string' ? container.image : '';
  if (image !== '' && lastSegment(image) === 'weaviate') return `image ${image}`;
  if (image !== '' && isModuleImage(image)) return undefined;
  const command = strings(container.command);
  if (command[0] !== undefined && posixBase(command[0]) === 'weaviate') return `command ${command[0]}`;
  const ports = declaredPorts(container);
  if (!ports.some((p) => API_PORTS.includes(p))) return undefined;
  if (ports.some((p) => CLUSTER_PORTS.includes(p))) return 'Weaviate API and cluster ports';
  if (
    [...command, ...strings(container.args)].some(
      (a) => a === '--config-file' || a.startsWith('--config-file='),
    )
  )
    return 'Weaviate API port and --config-file';
  if (setsVariable(container, CLUSTER_VARIABLES)) return 'Weaviate API port and cluster settings';
  return undefined;
}

function posixBase(path: string): string {
  return path.split('/').pop() ?? path;
}

/** Whether a container is the Weaviate database. */
export function isDatabaseContainer(container: unknown): boolean {
  const record = typeof container === 'object' && container !== null ? (container as Obj) : undefined;
  return record !== undefined && databaseEvidence(record) !== undefined;
}
