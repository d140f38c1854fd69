/**
 * The database's inbound traffic requires mutual TLS: the effective PeerAuthentication (workload, else
 * namespace, else mesh-wide in the root namespace; UNSET inherits; nothing means PERMISSIVE) is STRICT, and no
 * port is relaxed unless the sidecar does not intercept that port at all.
 */
import type { Inventory, K8sObject } from '../../inventory/model.js';
import { isSymbolic } from '../../inventory/values.js';
import { podResource } from '../pss/control.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { asObj, undeterminedPodMetadata } from '../k8s/objects.js';
import {
  databasePods,
  ISTIO_REFERENCES,
  isNamespaceWide,
  istioObjects,
  ROOT_NAMESPACE,
  selectsPod,
  spec,
  undeterminedSpec,
} from './istio.js';

const EXCLUDE_INBOUND = 'traffic.sidecar.istio.io/excludeInboundPorts';

/** A mode the input does not determine: it may be anything, inheriting included. */
const UNDETERMINED = 'undetermined';

/** The mode a policy sets, or undefined when it sets none (absent or UNSET: inherit). */
function mode(o: K8sObject | undefined): string | undefined {
  if (!o) return undefined;
  const mtls = isSymbolic(o.object.spec) ? o.object.spec : spec(o).mtls;
  const m = isSymbolic(mtls) ? mtls : asObj(mtls)?.mode;
  if (isSymbolic(m)) return UNDETERMINED;
  return typeof m === 'string' && m !== 'UNSET' ? m : undefined;
}

export const control: Control = {
  id: 'VF-MESH-001',
  area: 'mesh',
  title: 'Mutual TLS is STRICT for the database',
  severity: 'high',
  rationale:
    'In PERMISSIVE mode (the default) a sidecar also accepts plain text, so any pod that can reach the database port talks to it without a verified identity; STRICT makes every connection prove its workload identity, which authorization policies rely on.',
  remediation:
    'Apply a PeerAuthentication with mtls.mode STRICT in the database namespace (or mesh-wide in istio-system), and remove PERMISSIVE/DISABLE port-level overrides except for ports excluded from the sidecar.',
  references: [...ISTIO_REFERENCES, 'https://istio.io/latest/docs/concepts/security/#peer-authentication'],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-02', 'PR.AA-03'],
    'iso-27001-2022': ['A.8.20', 'A.8.24'],
    soc2: ['CC6.1', 'CC6.7'],
  },
  appliesTo: ['PeerAuthentication', 'StatefulSet', 'Deployment'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const policies = istioObjects(inventory, 'PeerAuthentication');
    return databasePods(inventory).map((pod) => {
      const resource = podResource(pod);
      const mesh = policies.find((p) => p.namespace === ROOT_NAMESPACE && isNamespaceWide(p));
      const ns = policies.find((p) => p.namespace === pod.namespace && isNamespaceWide(p));
      const workload = policies.filter(
        (p) => p.namespace === pod.namespace && !isNamespaceWide(p) && selectsPod(p, pod),
      );
      let effective = mode(mesh) ?? 'PERMISSIVE';
      let from = mesh ? `mesh-wide ${mesh.name}` : 'the default';
      if (mode(ns)) [effective, from] = [mode(ns)!, `namespace ${ns!.name}`];
      for (const w of workload) if (mode(w)) [effective, from] = [mode(w)!, `workload ${w.name}`];
      if (effective === UNDETERMINED)
        return { status: 'unknown' as const, resource, message: `the mTLS mode of ${from} is undetermined` };
      if (effective !== 'STRICT')
        return { status: 'fail' as const, resource, message: `mTLS is ${effective} (from ${from})` };
      const excluded = new Set(
        (pod.annotations[EXCLUDE_INBOUND] ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      );
      for (const w of workload) {
        const ports = asObj(spec(w).portLevelMtls) ?? {};
        for (const [port, setting] of Object.entries(ports)) {
          const m = asObj(setting)?.mode;
          if ((m === 'PERMISSIVE' || m === 'DISABLE') && !excluded.has(port))
            return {
              status: 'fail' as const,
              resource,
              message: `PeerAuthentication ${w.name} sets port ${port} to ${m}, and the sidecar intercepts that port`,
            };
        }
      }
      // Any value left open in the policies that could apply, or in the pod's labels and annotations, could
      // relax what was read as STRICT.
      const undetermined =
        policies
          .filter((p) => p.namespace === ROOT_NAMESPACE || p.namespace === pod.namespace)
          .map(undeterminedSpec)
          .find((path) => path !== undefined) ?? undeterminedPodMetadata(pod);
      if (undetermined)
        return {
          status: 'unknown' as const,
          resource,
          message: `mTLS read as STRICT (from ${from}), but ${undetermined} is undetermined`,
        };
      return { status: 'pass' as const, resource, message: `mTLS STRICT (from ${from})` };
    });
  },
};
