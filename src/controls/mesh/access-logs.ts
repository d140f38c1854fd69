/**
 * The mesh writes access logs: where the input installs istiod (a Helm release of the `istiod` chart), its
 * `meshConfig.accessLogFile` is set, or a Telemetry resource in the root namespace turns on an access log
 * provider for the whole mesh. Without them a request through the mesh leaves no record of who called what.
 */
import type { HelmRelease, Inventory, K8sObject } from '../../inventory/model.js';
import { getPath, isSymbolic } from '../../inventory/values.js';
import { asList, asObj, firstUndetermined } from '../k8s/objects.js';
import { resourceByKey, result } from '../network/cfn.js';
import type { CheckContext, Control, ControlResult } from '../types.js';

/** A mesh-wide Telemetry (no selector) with an access log provider that is not disabled. */
function meshWideAccessLogging(o: K8sObject): boolean {
  const spec = asObj(o.object.spec);
  if (!spec || spec.selector !== undefined || spec.targetRef !== undefined) return false;
  return asList(spec.accessLogging).some((entry) => {
    const e = asObj(entry);
    return !!e && e.disabled !== true && asList(e.providers).length > 0;
  });
}

function istiodReleases(inventory: Inventory): HelmRelease[] {
  return inventory.helm.filter(
    (h) => h.chart === 'istiod' || (typeof h.chart === 'string' && h.chart.endsWith('/istiod')),
  );
}

export const control: Control = {
  id: 'VF-MESH-005',
  area: 'mesh',
  title: 'The mesh writes access logs',
  severity: 'medium',
  rationale:
    'Access logs are the record of which workload called which, when, and with what result: without them an investigation of a request through the mesh, or of a denied call, has nothing to read. Istio writes none unless told to.',
  remediation:
    "Set meshConfig.accessLogFile (for example /dev/stdout, with accessLogEncoding JSON) in the istiod chart values, or apply a Telemetry resource in the root namespace with accessLogging providers; collect the proxies' output into an encrypted log group.",
  references: [
    'https://istio.io/latest/docs/tasks/observability/logs/access-log/',
    'https://istio.io/latest/docs/reference/config/telemetry/',
  ],
  frameworks: {
    'nist-csf-2.0': ['DE.CM-01', 'PR.PS-04'],
    'iso-27001-2022': ['A.8.15'],
    soc2: ['CC7.2'],
  },
  appliesTo: ['Custom::AWSCDK-EKS-HelmChart', 'Telemetry'],
  since: '0.1.0',
  check(inventory: Inventory, _context: CheckContext): ControlResult[] {
    const telemetry = inventory.k8s.filter(
      (o) => o.kind === 'Telemetry' && o.apiVersion.startsWith('telemetry.istio.io/'),
    );
    const viaTelemetry = telemetry.find(
      (o) => firstUndetermined(o.object.spec, 'spec') === undefined && meshWideAccessLogging(o),
    );
    const undeterminedTelemetry = telemetry.find(
      (o) => firstUndetermined(o.object.spec, 'spec') !== undefined,
    );
    return istiodReleases(inventory).flatMap((release) => {
      const resource = resourceByKey(inventory, release.embeddedIn);
      if (!resource) return [];
      const file = getPath(release.values, 'meshConfig.accessLogFile');
      if (typeof file === 'string' && file.trim() !== '')
        return [result(resource, 'pass', `istiod writes access logs to ${file}`)];
      if (viaTelemetry)
        return [
          result(
            resource,
            'pass',
            `Telemetry ${viaTelemetry.namespace}/${viaTelemetry.name} turns on access logs`,
          ),
        ];
      if (isSymbolic(file) || isSymbolic(release.values))
        return [
          result(
            resource,
            'unknown',
            'meshConfig.accessLogFile of the istiod release is not determined by the input',
          ),
        ];
      if (undeterminedTelemetry)
        return [
          result(
            resource,
            'unknown',
            `Telemetry ${undeterminedTelemetry.namespace}/${undeterminedTelemetry.name} is not determined by the input`,
          ),
        ];
      return [
        result(
          resource,
          'fail',
          'the mesh writes no access logs: istiod has no meshConfig.accessLogFile and no mesh-wide Telemetry enables a provider',
          'Values',
        ),
      ];
    });
  },
};
