/** Database pods join the mesh: injection is enabled for their namespace and not disabled for the pods. */
import type { Inventory } from '../../inventory/model.js';
import { podResource } from '../pss/control.js';
import type { CheckContext, Control, ControlResult } from '../types.js';
import { undeterminedPodMetadata } from '../k8s/objects.js';
import { databasePods, ISTIO_REFERENCES } from './istio.js';

const INJECT = 'sidecar.istio.io/inject';

export const control: Control = {
  id: 'VF-MESH-004',
  area: 'mesh',
  title: 'Sidecar injection is enabled for the database',
  severity: 'high',
  rationale:
    'Without a sidecar (or the ambient data plane) the database receives plain text: PeerAuthentication and AuthorizationPolicy do not apply to pods outside the mesh.',
  remediation:
    'Label the database namespace istio-injection=enabled (or istio.io/rev=<revision>), and do not set sidecar.istio.io/inject=false on its pods.',
  references: [...ISTIO_REFERENCES, 'https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/'],
  frameworks: {
    'nist-csf-2.0': ['PR.DS-02', 'PR.IR-01'],
    'iso-27001-2022': ['A.8.20', 'A.8.24'],
    soc2: ['CC6.7'],
  },
  appliesTo: ['Namespace', 'StatefulSet', 'Deployment'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    return databasePods(inventory).map((pod) => {
      const resource = podResource(pod);
      const result = (status: 'pass' | 'fail' | 'unknown', message: string) => ({
        status,
        resource,
        message,
      });
      const podSetting = pod.labels[INJECT] ?? pod.annotations[INJECT];
      if (podSetting === 'false') return result('fail', `the pod sets ${INJECT}=false`);
      const undetermined = undeterminedPodMetadata(pod);
      if (undetermined) return result('unknown', `${undetermined} is undetermined: it may disable injection`);
      const ns = inventory.k8s.find((o) => o.kind === 'Namespace' && o.name === pod.namespace);
      if (
        podSetting === 'true' &&
        pod.labels[INJECT] === 'true' &&
        ns?.labels['istio-injection'] !== 'disabled'
      )
        return result('pass', `the pod opts in with label ${INJECT}=true`);
      if (!ns) return result('unknown', `Namespace ${pod.namespace} is not in the input`);
      if (ns.labels['istio-injection'] === 'enabled')
        return result('pass', 'namespace label istio-injection=enabled');
      if (ns.labels['istio-injection'] === undefined && ns.labels['istio.io/rev'])
        return result('pass', `namespace label istio.io/rev=${ns.labels['istio.io/rev']}`);
      if (ns.labels['istio.io/dataplane-mode'] === 'ambient')
        return result('pass', 'namespace in the ambient data plane (istio.io/dataplane-mode=ambient)');
      return result('fail', `namespace ${pod.namespace} does not enable injection`);
    });
  },
};
