/**
 * The restore drill's scratch Weaviate: Weaviate's own StatefulSet rendered into the drill's namespace with the
 * same hardening, image, resources and node placement, kept at zero replicas. Weaviate restores a backup only onto
 * as many nodes as took it (operations-facts §1), so the drill scales it to `weaviate.replicas` and maps the node
 * names. It accepts one key, for the drill, which the drill writes into its Secret before each run; it has no
 * access to production's secrets. Its volumes are deleted when it scales back to zero.
 *
 * The drill's Role in this namespace allows exactly what the drill does: patch the one Secret, get the
 * StatefulSet, and get and patch its scale.
 */
import { StatefulSet, type IStatefulSet } from 'kubernetes-models/apps/v1';
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { Secret, ServiceAccount, type IEnvVar } from 'kubernetes-models/v1';
import { acknowledgementAnnotation } from '../../contract/acknowledgement.js';
import { SCRATCH_SECRET_KEY, SCRATCH_USER } from '../../jobs/env.js';
import type { ManifestObject } from '../chart.js';
import type { RenderContext } from '../context.js';
import { meshOffWorkloadAcknowledgements } from '../mesh-off.js';
import { sidecarAnnotations, sidecarExclusions } from '../sidecar-ports.js';
import { services } from '../weaviate/services.js';
import { statefulSet } from '../weaviate/statefulset.js';

/** The context Weaviate's builders render the scratch with: the scratch's names in place of production's. */
function scratchContext(ctx: RenderContext): RenderContext {
  const s = ctx.names.scratchWeaviate;
  return {
    ...ctx,
    names: {
      ...ctx.names,
      weaviate: {
        namespace: s.namespace,
        labels: s.labels,
        serviceAccount: s.serviceAccount,
        statefulSet: s.statefulSet,
        headlessService: s.headlessService,
      },
    },
  };
}

const DROPPED = new Set([
  'AUTHORIZATION_RBAC_ROOT_GROUPS',
  'AUTHORIZATION_RBAC_READONLY_GROUPS',
  'AUTHORIZATION_ADMINLIST_READONLY_USERS',
  'AUTHENTICATION_OIDC_ISSUER',
  'AUTHENTICATION_OIDC_CLIENT_ID',
  'AUTHENTICATION_OIDC_USERNAME_CLAIM',
  'AUTHENTICATION_OIDC_GROUPS_CLAIM',
  'AUTHENTICATION_OIDC_SCOPES',
]);

/** Production's environment with the scratch's own credentials: the drill's key only, nothing of production's. */
function scratchEnv(env: readonly IEnvVar[], secret: string): IEnvVar[] {
  const key = (name: string): IEnvVar => ({
    name,
    valueFrom: { secretKeyRef: { name: secret, key: SCRATCH_SECRET_KEY } },
  });
  const out: IEnvVar[] = [];
  for (const v of env) {
    if (DROPPED.has(v.name) || v.name.startsWith('VF_')) continue;
    switch (v.name) {
      case 'AUTHENTICATION_APIKEY_ENABLED':
        out.push({ name: v.name, value: 'true' });
        break;
      case 'AUTHENTICATION_APIKEY_ALLOWED_KEYS':
        out.push(key(v.name));
        break;
      case 'AUTHENTICATION_APIKEY_USERS':
      case 'AUTHORIZATION_RBAC_ROOT_USERS':
      case 'AUTHORIZATION_ADMINLIST_USERS':
        out.push({ name: v.name, value: SCRATCH_USER });
        break;
      case 'AUTHENTICATION_OIDC_ENABLED':
        out.push({ name: v.name, value: 'false' });
        break;
      // A fresh secret per drill for the data port too (the nodes only ever talk to each other).
      case 'CLUSTER_BASIC_AUTH_USERNAME':
      case 'CLUSTER_BASIC_AUTH_PASSWORD':
        out.push(key(v.name));
        break;
      default:
        out.push(v);
    }
  }
  // API keys may be off in production; the scratch always has the drill's.
  if (!out.some((v) => v.name === 'AUTHENTICATION_APIKEY_ALLOWED_KEYS')) {
    const at = out.findIndex((v) => v.name === 'AUTHENTICATION_APIKEY_ENABLED') + 1;
    out.splice(at, 0, key('AUTHENTICATION_APIKEY_ALLOWED_KEYS'), {
      name: 'AUTHENTICATION_APIKEY_USERS',
      value: SCRATCH_USER,
    });
  }
  return out;
}

const SCALED_TO_ZERO =
  'The scratch Weaviate of the restore drill runs only during a drill, scaled to weaviate.replicas (a restore needs as many nodes as the backup); between drills it holds zero replicas and no data.';

function scratchStatefulSet(ctx: RenderContext): StatefulSet {
  const sctx = scratchContext(ctx);
  const sts = JSON.parse(JSON.stringify(statefulSet(sctx))) as IStatefulSet;
  const spec = sts.spec!;
  const pod = spec.template.spec!;
  const container = pod.containers[0]!;
  return new StatefulSet({
    ...sts,
    metadata: {
      ...sts.metadata,
      annotations: acknowledgementAnnotation({
        ...meshOffWorkloadAcknowledgements(ctx),
        'VF-WEAVIATE-005': SCALED_TO_ZERO,
        'VF-WEAVIATE-007': `${SCALED_TO_ZERO} A disruption budget would only hold up node drains during a drill, which fails and is rerun instead.`,
      }),
    },
    spec: {
      ...spec,
      // Zero between drills: the drill scales it up and back down.
      replicas: 0,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Delete' },
      template: {
        ...spec.template,
        metadata: {
          ...spec.template.metadata,
          annotations: ctx.bp.mesh.enabled
            ? sidecarAnnotations(sidecarExclusions(ctx.spec, 'scratch-weaviate'))
            : {},
        },
        spec: {
          ...pod,
          containers: [
            {
              ...container,
              env: scratchEnv(container.env ?? [], ctx.names.scratchWeaviate.credentialsSecret),
              volumeMounts: (container.volumeMounts ?? []).filter((m) => m.name !== 'secrets'),
            },
          ],
          volumes: (pod.volumes ?? []).filter((v) => v.name !== 'secrets'),
        },
      },
    },
  });
}

export function scratchObjects(ctx: RenderContext): ManifestObject[] {
  const s = ctx.names.scratchWeaviate;
  const drill = ctx.names.backupJobs.drill;
  const labels = { ...ctx.commonLabels, ...s.labels };
  const scratchServices = services(scratchContext(ctx)).filter(
    (svc) => svc.metadata?.name !== 'weaviate-metrics',
  );
  // The client Service is named after the scratch (production's is `weaviate`).
  for (const svc of scratchServices)
    if (svc.metadata?.name === 'weaviate') svc.metadata.name = s.clientService;
  return [
    new ServiceAccount({
      metadata: { name: s.serviceAccount, namespace: s.namespace, labels },
      automountServiceAccountToken: false,
    }),
    // Holds no value until a drill writes one; kubectl apply leaves the drill's value alone (it is not ours).
    new Secret({ metadata: { name: s.credentialsSecret, namespace: s.namespace, labels }, type: 'Opaque' }),
    ...scratchServices,
    scratchStatefulSet(ctx),
    new Role({
      metadata: { name: drill.name, namespace: s.namespace, labels },
      rules: [
        {
          apiGroups: [''],
          resources: ['secrets'],
          resourceNames: [s.credentialsSecret],
          verbs: ['get', 'patch'],
        },
        { apiGroups: ['apps'], resources: ['statefulsets'], resourceNames: [s.statefulSet], verbs: ['get'] },
        {
          apiGroups: ['apps'],
          resources: ['statefulsets/scale'],
          resourceNames: [s.statefulSet],
          verbs: ['get', 'patch'],
        },
      ],
    }),
    new RoleBinding({
      metadata: { name: drill.name, namespace: s.namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: drill.name },
      subjects: [{ kind: 'ServiceAccount', name: drill.serviceAccount, namespace: drill.namespace }],
    }),
  ];
}
