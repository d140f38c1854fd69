/**
 * Where Alertmanager sends an alert, decided statically: Alertmanager configurations found in the input (a Helm
 * release's `alertmanager.config`, as the kube-prometheus-stack chart takes it, or a Secret's
 * `alertmanager.yaml`, as the Prometheus Operator reads it), and a walk of the route tree with the labels a rule
 * sets. Labels the rule does not set come from the series at run time: a matcher on one of them may go either
 * way, so both branches are followed. Written here because no library evaluates Alertmanager routes in
 * TypeScript; the semantics follow Alertmanager's documentation (first matching child wins unless `continue`).
 */
import { parseBoundedYaml } from '../../contract/bounded-yaml.js';
import { InputLimitError } from '../../contract/input-limits.js';
import type { Inventory } from '../../inventory/model.js';
import { getPath, isPlainObject, isSymbolic } from '../../inventory/values.js';
import { firstUndetermined } from '../k8s/objects.js';

type Obj = { readonly [key: string]: unknown };

/** An Alertmanager configuration and where it was read. */
export interface AlertmanagerSource {
  readonly where: string;
  /** The configuration, or why it could not be read. */
  readonly config: Obj | { readonly undetermined: string };
}

/** Every Alertmanager configuration of the input. */
export function alertmanagerConfigs(inventory: Inventory): AlertmanagerSource[] {
  const out: AlertmanagerSource[] = [];
  for (const release of inventory.helm) {
    const am = getPath(release.values, 'alertmanager');
    if (am === undefined) continue;
    const where = `Helm release ${typeof release.release === 'string' ? release.release : release.key}`;
    const enabled = getPath(am, 'enabled');
    if (enabled === false) continue;
    const config = getPath(am, 'config');
    if (config === undefined) continue;
    if (isSymbolic(enabled) || !isPlainObject(config))
      out.push({ where, config: { undetermined: 'alertmanager.config is not determined by the input' } });
    else out.push({ where, config: config as Obj });
  }
  for (const o of inventory.k8s) {
    if (o.kind !== 'Secret') continue;
    const where = `Secret ${o.namespace ?? 'default'}/${o.name}`;
    const text = readSecretText(o.object as Obj);
    if (text === undefined) continue;
    if (typeof text !== 'string') {
      out.push({ where, config: { undetermined: `alertmanager.yaml is not determined by the input` } });
      continue;
    }
    try {
      const parsed: unknown = parseBoundedYaml(text);
      out.push(
        isPlainObject(parsed)
          ? { where, config: parsed as Obj }
          : { where, config: { undetermined: 'alertmanager.yaml is not a mapping' } },
      );
    } catch (error) {
      const why =
        error instanceof InputLimitError
          ? `alertmanager.yaml is not evaluated: ${error.message}`
          : 'alertmanager.yaml is not valid YAML';
      out.push({ where, config: { undetermined: why } });
    }
  }
  return out;
}

/** The text of a Secret's `alertmanager.yaml` (stringData, or base64 data); an object when undetermined. */
function readSecretText(secret: Obj): string | { undetermined: true } | undefined {
  const key = 'alertmanager.yaml';
  const stringData = isPlainObject(secret.stringData) ? (secret.stringData as Obj)[key] : undefined;
  if (typeof stringData === 'string') return stringData;
  if (stringData !== undefined) return { undetermined: true };
  const data = isPlainObject(secret.data) ? (secret.data as Obj)[key] : undefined;
  if (typeof data === 'string') return Buffer.from(data, 'base64').toString('utf8');
  if (data !== undefined) return { undetermined: true };
  return undefined;
}

/** A statically known label value, or undefined when it comes from the series (or a template) at run time. */
export type StaticLabels = Readonly<Record<string, string | undefined>>;

type Tri = true | false | 'maybe';

/** One matcher (`name="v"`, `name!="v"`, `name=~"re"`, `name!~"re"`) against the labels; 'maybe' when unknown. */
function matcher(text: string, labels: StaticLabels): Tri | 'invalid' {
  const m = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"?((?:[^"\\]|\\.)*)"?\s*$/.exec(text);
  if (!m) return 'invalid';
  const [, name, op, raw] = m;
  const value = raw!.replace(/\\(.)/g, '$1');
  const actual = labels[name!];
  if (!(name! in labels) || actual === undefined) return 'maybe';
  const hit = op!.includes('~') ? new RegExp(`^(?:${value})$`).test(actual) : actual === value;
  return op!.startsWith('!') ? !hit : hit;
}

/** Whether a route's matchers (`matchers`, `match`, `match_re`) match; 'maybe' when a label is unknown. */
function routeMatches(route: Obj, labels: StaticLabels): Tri | 'invalid' {
  const texts: string[] = [];
  if (route.matchers !== undefined) {
    if (!Array.isArray(route.matchers)) return 'invalid';
    for (const t of route.matchers) {
      if (typeof t !== 'string') return 'invalid';
      texts.push(...t.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter((s) => s.trim() !== ''));
    }
  }
  for (const [field, op] of [
    ['match', '='],
    ['match_re', '=~'],
  ] as const) {
    const set = route[field];
    if (set === undefined) continue;
    if (!isPlainObject(set)) return 'invalid';
    for (const [k, v] of Object.entries(set)) {
      if (typeof v !== 'string') return 'invalid';
      texts.push(`${k}${op}"${v.replace(/"/g, '\\"')}"`);
    }
  }
  let result: Tri = true;
  for (const t of texts) {
    const r = matcher(t, labels);
    if (r === 'invalid') return 'invalid';
    if (r === false) return false;
    if (r === 'maybe') result = 'maybe';
  }
  return result;
}

/** The outcome of routing an alert through one configuration. */
export type RouteOutcome =
  | { readonly status: 'notified'; readonly receivers: readonly string[] }
  | { readonly status: 'dropped'; readonly reason: string }
  | { readonly status: 'unknown'; readonly reason: string };

/** Receivers with at least one integration (`*_configs` with entries) notify someone; the rest drop. */
function notifies(config: Obj, name: string): boolean | 'unknown' {
  const receivers = config.receivers;
  if (!Array.isArray(receivers)) return false;
  const r = receivers.find((x) => isPlainObject(x) && (x as Obj).name === name) as Obj | undefined;
  if (!r) return false;
  let unknown = false;
  for (const [k, v] of Object.entries(r)) {
    if (!k.endsWith('_configs')) continue;
    if (Array.isArray(v) && v.length > 0) return true;
    if (!Array.isArray(v)) unknown = true;
  }
  return unknown ? 'unknown' : false;
}

/**
 * Routes an alert with `labels` through `config`. Every branch the labels may take is followed; the alert is
 * `notified` when each possible path ends at a receiver that notifies, `dropped` when none does.
 */
export function routeAlert(config: Obj, labels: StaticLabels): RouteOutcome {
  const root = config.route;
  if (!isPlainObject(root)) return { status: 'dropped', reason: 'the configuration has no route' };
  const undetermined = firstUndetermined(root, 'route') ?? firstUndetermined(config.receivers, 'receivers');
  // Topic ARNs and the like may be references; the route tree and receiver names must be written out.
  const structural = undetermined && !/_configs\[/.test(undetermined) ? undetermined : undefined;
  if (structural) return { status: 'unknown', reason: `${structural} is not determined by the input` };

  const ends: string[] = [];
  let invalid: string | undefined;
  const walk = (route: Obj, inherited: string): void => {
    const receiver = typeof route.receiver === 'string' ? route.receiver : inherited;
    const children = Array.isArray(route.routes) ? (route.routes as unknown[]) : [];
    for (const child of children) {
      if (!isPlainObject(child)) continue;
      const m = routeMatches(child as Obj, labels);
      if (m === 'invalid') {
        invalid = 'a route has matchers Alertmanager would reject';
        return;
      }
      if (m === false) continue;
      // A child that surely matches ends the walk here unless it continues; one that may match also may not.
      walk(child as Obj, receiver);
      if (m === true && (child as Obj).continue !== true) return;
    }
    ends.push(receiver);
  };
  walk(root as Obj, '');
  if (invalid) return { status: 'unknown', reason: invalid };
  const verdicts = ends.map((receiver) => ({ receiver, notifies: notifies(config, receiver) }));
  const good = verdicts.filter((v) => v.notifies === true).map((v) => v.receiver);
  if (verdicts.length > 0 && verdicts.every((v) => v.notifies === true))
    return { status: 'notified', receivers: [...new Set(good)] };
  if (verdicts.some((v) => v.notifies === 'unknown'))
    return { status: 'unknown', reason: 'a receiver integration is not determined by the input' };
  if (good.length === 0) {
    const names = [...new Set(verdicts.map((v) => v.receiver || '(none)'))].join(', ');
    return { status: 'dropped', reason: `its route ends at receivers that notify no one (${names})` };
  }
  return {
    status: 'unknown',
    reason: 'whether it reaches a receiver that notifies depends on labels the series carry at run time',
  };
}
