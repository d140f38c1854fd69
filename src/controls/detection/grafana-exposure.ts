/**
 * Grafana is not exposed: no LoadBalancer or NodePort Service, Ingress, Gateway API route or Istio
 * VirtualService reaches its pods, it binds no host port, anonymous visitors get no role above Viewer, and no
 * admin password that the manifests themselves hold (or Grafana's default one) opens its login form or basic
 * authentication. Settings are read from the container's `GF_*` variables, which override grafana.ini; where a
 * setting the check needs could come from a mounted grafana.ini or `envFrom` instead, the result is unknown.
 */
import type { Inventory, K8sObject, PodTemplate } from '../../inventory/model.js';
import { isSymbolic } from '../../inventory/values.js';
import { asList, asObj, podContainers, workloadResult, type Obj } from '../k8s/objects.js';
import { selects } from '../k8s/selectors.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

const GRAFANA_IMAGE = /(^|\/)grafana\/grafana(-oss|-enterprise)?(:|@|$)/;
const ROLES_ABOVE_VIEWER = ['editor', 'admin'];

type Setting = { value: string | undefined } | { unknown: string };

interface GrafanaContainer {
  readonly raw: Obj;
  readonly env: ReadonlyMap<string, Obj>;
  /** Why settings may come from elsewhere than the variables (a mounted grafana.ini, envFrom), if they may. */
  readonly elsewhere?: string;
}

function grafanaContainer(pod: PodTemplate): GrafanaContainer | undefined {
  const c = podContainers(pod).find(
    (x) => x.field === 'containers' && typeof x.raw.image === 'string' && GRAFANA_IMAGE.test(x.raw.image),
  );
  if (!c) return undefined;
  const env = new Map<string, Obj>();
  for (const e of asList(c.raw.env)) {
    const o = asObj(e);
    if (o && typeof o.name === 'string') env.set(o.name, o);
  }
  const iniMount = asList(c.raw.volumeMounts)
    .map((m) => asObj(m)?.mountPath)
    .find((p) => p === '/etc/grafana' || p === '/etc/grafana/' || p === '/etc/grafana/grafana.ini');
  const elsewhere =
    asList(c.raw.envFrom).length > 0
      ? 'its envFrom sources are not read'
      : iniMount || env.has('GF_PATHS_CONFIG')
        ? 'a grafana.ini mounted into the container is not read'
        : undefined;
  return { raw: c.raw, env, ...(elsewhere ? { elsewhere } : {}) };
}

/** A setting's literal value from the variables; unknown when its value is not written out. */
function setting(c: GrafanaContainer, name: string): Setting {
  const e = c.env.get(name);
  if (!e) return c.elsewhere ? { unknown: `${name} is not set and ${c.elsewhere}` } : { value: undefined };
  if (isSymbolic(e.value)) return { unknown: `the value of ${name} is not determined by the input` };
  if (e.valueFrom !== undefined) return { unknown: `${name} comes from a reference (valueFrom)` };
  return { value: typeof e.value === 'string' ? e.value : undefined };
}

const isTrue = (v: string | undefined) => v?.toLowerCase() === 'true';

/** Services, Ingresses and routes that reach the pod from outside the cluster network, as messages. */
function exposures(inventory: Inventory, pod: PodTemplate, c: GrafanaContainer): string[] {
  const out: string[] = [];
  if (pod.spec.hostNetwork === true) out.push('the pod uses the host network');
  for (const p of asList(c.raw.ports))
    if (asObj(p)?.hostPort !== undefined)
      out.push(`container port ${String(asObj(p)?.containerPort)} binds a host port`);
  const services = inventory.k8s.filter((o) => {
    if (o.kind !== 'Service' || o.namespace !== pod.namespace) return false;
    const selector = asObj(asObj(o.object.spec)?.selector);
    return (
      selector !== undefined &&
      Object.keys(selector).length > 0 &&
      selects({ matchLabels: selector }, pod.labels) !== false
    );
  });
  const names = new Set(services.map((s) => s.name));
  for (const s of services) {
    const type = asObj(s.object.spec)?.type;
    if (type === 'LoadBalancer' || type === 'NodePort')
      out.push(`Service ${s.namespace}/${s.name} is of type ${type}`);
  }
  const routesTo = (o: K8sObject, service: unknown) =>
    typeof service === 'string' && o.namespace === pod.namespace && names.has(service.split('.')[0]!);
  for (const o of inventory.k8s) {
    const spec = o.object.spec;
    const backends: unknown[] = [];
    if (o.kind === 'Ingress') collect(spec, 'service', (v) => backends.push(asObj(v)?.name));
    else if (o.apiVersion.startsWith('gateway.networking.k8s.io/') && o.kind.endsWith('Route'))
      collect(spec, 'backendRefs', (v) => asList(v).forEach((b) => backends.push(asObj(b)?.name)));
    else if (o.kind === 'VirtualService' && o.apiVersion.startsWith('networking.istio.io/'))
      collect(spec, 'destination', (v) => backends.push(asObj(v)?.host));
    if (backends.some((b) => routesTo(o, b))) out.push(`${o.kind} ${o.namespace}/${o.name} routes to it`);
  }
  return out;
}

/** Calls `found` with every value under the key `key`, at any depth. */
function collect(value: unknown, key: string, found: (v: unknown) => void): void {
  if (Array.isArray(value)) for (const v of value) collect(v, key, found);
  else {
    const o = asObj(value);
    if (!o) return;
    for (const [k, v] of Object.entries(o)) {
      if (k === key) found(v);
      collect(v, key, found);
    }
  }
}

/** Why anonymous visitors get a role above Viewer, if they do; unknown when the settings are not known. */
function anonymousRole(c: GrafanaContainer): string | { unknown: string } | undefined {
  const enabled = setting(c, 'GF_AUTH_ANONYMOUS_ENABLED');
  if ('unknown' in enabled) return enabled;
  if (!isTrue(enabled.value)) return undefined;
  const role = setting(c, 'GF_AUTH_ANONYMOUS_ORG_ROLE');
  if ('unknown' in role) return role;
  return role.value && ROLES_ABOVE_VIEWER.includes(role.value.toLowerCase())
    ? `anonymous visitors get the ${role.value} role`
    : undefined;
}

/** Why a password from the manifests (or Grafana's default) opens Grafana, if one does. */
function staticPassword(
  inventory: Inventory,
  pod: PodTemplate,
  c: GrafanaContainer,
): string | { unknown: string } | undefined {
  const noAdmin = setting(c, 'GF_SECURITY_DISABLE_INITIAL_ADMIN_CREATION');
  if ('unknown' in noAdmin) return noAdmin;
  if (isTrue(noAdmin.value)) return undefined;
  const form = setting(c, 'GF_AUTH_DISABLE_LOGIN_FORM');
  const basic = setting(c, 'GF_AUTH_BASIC_ENABLED');
  if ('unknown' in form) return form;
  if ('unknown' in basic) return basic;
  if (isTrue(form.value) && basic.value?.toLowerCase() === 'false') return undefined;
  const entry = c.env.get('GF_SECURITY_ADMIN_PASSWORD');
  if (c.env.has('GF_SECURITY_ADMIN_PASSWORD__FILE')) return undefined;
  if (!entry)
    return c.elsewhere
      ? { unknown: `GF_SECURITY_ADMIN_PASSWORD is not set and ${c.elsewhere}` }
      : "the admin user keeps Grafana's default password and the login form or basic authentication accepts it";
  if (typeof entry.value === 'string') return 'GF_SECURITY_ADMIN_PASSWORD is written in the manifests';
  const ref = asObj(asObj(entry.valueFrom)?.secretKeyRef);
  if (!ref || typeof ref.name !== 'string' || typeof ref.key !== 'string')
    return {
      unknown: 'GF_SECURITY_ADMIN_PASSWORD comes from a reference the input does not determine',
    };
  const secrets = inventory.k8s.filter((o) => o.kind === 'Secret');
  const secret = secrets.find((o) => o.namespace === pod.namespace && o.name === ref.name);
  if (!secret) {
    // A Secret the input leaves undetermined (its kind, name or namespace) may be the one the password is in.
    const gap = inventory.diagnostics.find((d) => d.gap === 'undetermined' || d.gap === 'malformed');
    const open = secrets.find((o) => {
      const metadata = o.object.metadata;
      return (
        isSymbolic(metadata) || isSymbolic(asObj(metadata)?.name) || isSymbolic(asObj(metadata)?.namespace)
      );
    });
    if (gap || open)
      return {
        unknown: `Secret ${pod.namespace}/${ref.name} may be among the objects the input does not determine`,
      };
    return undefined;
  }
  const { data, stringData } = secret.object;
  if (isSymbolic(data) || isSymbolic(stringData))
    return { unknown: `the data of Secret ${pod.namespace}/${ref.name} is not determined by the input` };
  const keys = { ...asObj(data), ...asObj(stringData) };
  if (isSymbolic(keys[ref.key]))
    return { unknown: `the data of Secret ${pod.namespace}/${ref.name} is not determined by the input` };
  return ref.key in keys
    ? `the admin password is in Secret ${pod.namespace}/${ref.name} of the manifests`
    : undefined;
}

export const control: Control = {
  id: 'VF-DETECTION-008',
  area: 'detection',
  title: 'Grafana is not exposed and admits no anonymous editor or static password',
  severity: 'high',
  rationale:
    "Grafana's dashboards and data sources read the monitoring data and, through its data sources, CloudWatch with its own identity: a load balancer, node port or route in front of it, an anonymous Editor or Admin role, or an admin password that sits in the deployment's manifests (or is Grafana's default) lets anyone who reaches it read — or change — what the security team relies on.",
  remediation:
    'Keep Grafana behind no Service type LoadBalancer or NodePort, Ingress or route; open it with kubectl port-forward over the private API endpoint (vectorfort: monitoring.grafana, the default). Give anonymous access the Viewer role at most, and turn off the login form and basic authentication and the initial admin user (GF_AUTH_DISABLE_LOGIN_FORM, GF_AUTH_BASIC_ENABLED=false, GF_SECURITY_DISABLE_INITIAL_ADMIN_CREATION), or sign in through OIDC.',
  references: [
    'https://grafana.com/docs/grafana/latest/setup-grafana/configure-security/',
    'https://grafana.com/docs/grafana/latest/setup-grafana/configure-security/configure-authentication/grafana/',
  ],
  frameworks: {
    'nist-csf-2.0': ['PR.AA-05', 'PR.IR-01'],
    'iso-27001-2022': ['A.8.3', 'A.8.5', 'A.8.20'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  appliesTo: ['Deployment', 'StatefulSet', 'Pod', 'Service', 'Ingress', 'Custom::AWSCDK-EKS-HelmChart'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const results: ControlResult[] = [];
    for (const pod of inventory.pods) {
      const c = grafanaContainer(pod);
      if (!c) continue;
      const problems: string[] = [];
      let unknown: string | undefined;
      problems.push(...exposures(inventory, pod, c));
      for (const found of [anonymousRole(c), staticPassword(inventory, pod, c)]) {
        if (typeof found === 'string') problems.push(found);
        else if (found) unknown ??= found.unknown;
      }
      if (problems.length) results.push(workloadResult(pod, 'fail', problems.join('; ')));
      else if (unknown) results.push(workloadResult(pod, 'unknown', unknown));
      else
        results.push(
          workloadResult(
            pod,
            'pass',
            'no Service, Ingress or route exposes Grafana; anonymous access is Viewer at most; no password from the manifests opens it',
          ),
        );
    }
    for (const release of inventory.helm) {
      const chart = typeof release.chart === 'string' ? release.chart.split('/').pop() : undefined;
      const values = asObj(release.values);
      const subChart = chart === 'kube-prometheus-stack' && asObj(values?.grafana)?.enabled !== false;
      if (chart !== 'grafana' && !subChart) continue;
      results.push({
        status: 'unknown',
        resource: {
          type: 'Custom::AWSCDK-EKS-HelmChart',
          id: release.embeddedIn,
          file: release.location.file,
          path: release.location.path,
          ...(release.location.line !== undefined ? { line: release.location.line } : {}),
        },
        message: `the Helm release installs Grafana (${chart === 'grafana' ? 'the grafana chart' : "kube-prometheus-stack's grafana sub-chart"}), whose Services, routes and settings exist only once it is rendered at deploy time: render it with helm template and verify those manifests`,
      });
    }
    return results;
  },
};
