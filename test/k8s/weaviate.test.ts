import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IContainer, IEnvVar, IPodSpec } from 'kubernetes-models/v1';
import { NODE_ROLE_LABEL, WEAVIATE_NODE_TAINT, awsNames } from '../../src/flows/index.js';
import { one, ofKind, render, type Rendered } from './helpers.js';
import { VARIANTS } from './variants.js';

interface Sts {
  spec: {
    replicas: number;
    podManagementPolicy: string;
    template: { metadata: { annotations?: Record<string, string> }; spec: IPodSpec };
    volumeClaimTemplates: {
      spec: { storageClassName: string; resources: { requests: { storage: string } } };
    }[];
  };
}

const sts = (r: Rendered) => one(r, 'StatefulSet', 'weaviate', 'weaviate') as unknown as Sts;
const pod = (r: Rendered) => sts(r).spec.template.spec;
const container = (r: Rendered): IContainer => pod(r).containers.find((c) => c.name === 'weaviate')!;
const env = (r: Rendered): Map<string, IEnvVar> => new Map((container(r).env ?? []).map((e) => [e.name, e]));
const envValue = (r: Rendered, name: string) => env(r).get(name)?.value;

describe('Weaviate StatefulSet', () => {
  const r = render({});

  it('runs 3 replicas spread over zones and nodes, on the dedicated node group only', () => {
    assert.equal(sts(r).spec.replicas, 3);
    assert.equal(sts(r).spec.podManagementPolicy, 'Parallel');
    const p = pod(r);
    const labels = { 'app.kubernetes.io/name': 'weaviate', 'app.kubernetes.io/instance': 'weaviate' };
    assert.deepEqual(p.topologySpreadConstraints, [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: labels },
      },
    ]);
    assert.deepEqual(p.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution, [
      { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: labels } },
    ]);
    assert.deepEqual(p.nodeSelector, { [NODE_ROLE_LABEL]: 'weaviate' });
    assert.deepEqual(p.tolerations, [{ ...WEAVIATE_NODE_TAINT, operator: 'Equal' }]);
  });

  it('sets every restricted field at the pod level and on the container', () => {
    const p = pod(r);
    assert.equal(p.securityContext?.runAsNonRoot, true);
    assert.ok((p.securityContext?.runAsUser ?? 0) > 0);
    assert.ok((p.securityContext?.runAsGroup ?? 0) > 0);
    assert.ok((p.securityContext?.fsGroup ?? 0) > 0);
    assert.deepEqual(p.securityContext?.seccompProfile, { type: 'RuntimeDefault' });
    for (const c of [...(p.initContainers ?? []), ...p.containers]) {
      const sc = c.securityContext!;
      assert.equal(sc.runAsNonRoot, true, c.name);
      assert.ok((sc.runAsUser ?? 0) > 0, c.name);
      assert.equal(sc.allowPrivilegeEscalation, false, c.name);
      assert.equal(sc.privileged, false, c.name);
      assert.equal(sc.readOnlyRootFilesystem, true, c.name);
      assert.deepEqual(sc.capabilities, { drop: ['ALL'] }, c.name);
      assert.deepEqual(sc.seccompProfile, { type: 'RuntimeDefault' }, c.name);
    }
    assert.equal(p.hostNetwork, undefined);
    assert.equal(p.initContainers, undefined, 'no (privileged sysctl) init container');
  });

  it('writes only to its data volume and an emptyDir /tmp; secrets are mounted read-only', () => {
    const mounts = container(r).volumeMounts!;
    assert.deepEqual(
      mounts.map((m) => [m.mountPath, m.readOnly ?? false]),
      [
        ['/var/lib/weaviate', false],
        ['/tmp', false],
        ['/mnt/secrets-store', true],
      ],
    );
    const volumes = new Map(pod(r).volumes!.map((v) => [v.name, v]));
    assert.ok(volumes.get('tmp')?.emptyDir);
    assert.deepEqual(volumes.get('secrets')?.csi, {
      driver: 'secrets-store.csi.k8s.io',
      readOnly: true,
      volumeAttributes: { secretProviderClass: 'weaviate-secrets' },
    });
  });

  it('requests what it limits (memory request = limit) and probes the well-known endpoints on 8080', () => {
    const c = container(r);
    assert.deepEqual(c.resources, {
      requests: { cpu: '2', memory: '16Gi' },
      limits: { cpu: '2', memory: '16Gi' },
    });
    const port = c.ports!.find((p) => p.name === 'http')!;
    assert.equal(port.containerPort, 8080);
    assert.equal(c.readinessProbe?.httpGet?.path, '/v1/.well-known/ready');
    assert.equal(c.startupProbe?.httpGet?.path, '/v1/.well-known/ready');
    assert.equal(c.livenessProbe?.httpGet?.path, '/v1/.well-known/live');
    for (const probe of [c.readinessProbe, c.startupProbe, c.livenessProbe])
      assert.equal(probe?.httpGet?.port, 'http');
  });

  it('pulls a pinned image from the ECR mirror, by digest when one is given', () => {
    assert.equal(
      container(r).image,
      '111111111111.dkr.ecr.us-east-1.amazonaws.com/vectorfort-mirror/semitechnologies/weaviate:1.38.2',
    );
    const digest = `sha256:${'a'.repeat(64)}`;
    const pinned = render({ weaviate: { image: { tag: '1.38.3', digest } } });
    assert.match(container(pinned).image!, new RegExp(`:1\\.38\\.3@${digest}$`));
  });

  it('uses a dedicated service account without a mounted API token', () => {
    assert.equal(pod(r).serviceAccountName, 'weaviate');
    assert.equal(pod(r).automountServiceAccountToken, false);
    const sa = one(r, 'ServiceAccount', 'weaviate', 'weaviate') as unknown as {
      automountServiceAccountToken: boolean;
    };
    assert.equal(sa.automountServiceAccountToken, false);
  });

  it('claims its volume from the encrypted gp3 class on the EBS key, retained and expandable', () => {
    const claim = sts(r).spec.volumeClaimTemplates[0]!;
    assert.equal(claim.spec.storageClassName, 'weaviate-gp3-encrypted');
    assert.equal(claim.spec.resources.requests.storage, '100Gi');
    const sc = one(r, 'StorageClass', 'weaviate-gp3-encrypted') as unknown as Record<string, unknown>;
    assert.equal(sc.provisioner, 'ebs.csi.aws.com');
    assert.deepEqual(sc.parameters, {
      type: 'gp3',
      encrypted: 'true',
      kmsKeyId: awsNames(r.blueprint).keyAliasArn.ebs,
      'csi.storage.k8s.io/fstype': 'ext4',
    });
    assert.equal(sc.volumeBindingMode, 'WaitForFirstConsumer');
    assert.equal(sc.allowVolumeExpansion, true);
    assert.equal(sc.reclaimPolicy, 'Retain');
  });

  it('allows one voluntary disruption at a time', () => {
    const pdb = one(r, 'PodDisruptionBudget', 'weaviate', 'weaviate') as unknown as {
      spec: Record<string, unknown>;
    };
    assert.equal(pdb.spec.maxUnavailable, 1);
  });
});

describe('Weaviate configuration', () => {
  const r = render({});

  it('turns anonymous access off explicitly and API keys on, keys and users only from the synced roster', () => {
    assert.equal(envValue(r, 'AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED'), 'false');
    assert.equal(envValue(r, 'AUTHENTICATION_APIKEY_ENABLED'), 'true');
    // Every user's allowed keys (the backup user's among them) from the roster's Secret, composed by Kubernetes.
    assert.deepEqual(env(r).get('VF_CLIENT_API_KEYS')?.valueFrom, {
      secretKeyRef: { name: 'weaviate-api-keys', key: 'allowed-keys' },
    });
    assert.deepEqual(env(r).get('VF_CLIENT_API_USERS')?.valueFrom, {
      secretKeyRef: { name: 'weaviate-api-keys', key: 'users' },
    });
    assert.equal(envValue(r, 'AUTHENTICATION_APIKEY_ALLOWED_KEYS'), '$(VF_CLIENT_API_KEYS)');
    assert.equal(envValue(r, 'AUTHENTICATION_APIKEY_USERS'), '$(VF_CLIENT_API_USERS)');
    // The backup key is in the roster already: listed twice, Weaviate would refuse to start (keys must be unique).
    assert.equal(env(r).has('VF_BACKUP_API_KEY'), false);
    // Kubernetes expands only variables defined before the one that references them.
    const order = [...env(r).keys()];
    for (const ref of ['VF_CLIENT_API_KEYS', 'VF_CLIENT_API_USERS'])
      assert.ok(order.indexOf(ref) < order.indexOf('AUTHENTICATION_APIKEY_ALLOWED_KEYS'), ref);
  });

  it('accepts the backup user key through the roster when clients use OIDC only', () => {
    const o = render({
      network: { allowDataTierInternetEgress: true },
      weaviate: {
        authentication: {
          apiKey: { enabled: false },
          oidc: {
            enabled: true,
            issuer: 'https://login.example.com/realms/main',
            clientId: 'weaviate',
            issuerCidrs: ['198.51.100.0/24'],
          },
        },
        authorization: { rootUsers: [], rootGroups: ['weaviate-admins'] },
      },
    });
    assert.equal(envValue(o, 'AUTHENTICATION_APIKEY_ENABLED'), 'true');
    assert.equal(envValue(o, 'AUTHENTICATION_APIKEY_ALLOWED_KEYS'), '$(VF_CLIENT_API_KEYS)');
    assert.equal(envValue(o, 'AUTHENTICATION_APIKEY_USERS'), '$(VF_CLIENT_API_USERS)');
    assert.deepEqual(env(o).get('VF_CLIENT_API_KEYS')?.valueFrom, {
      secretKeyRef: { name: 'weaviate-api-keys', key: 'allowed-keys' },
    });
  });

  it('never carries a key, password or AWS credential as a literal', () => {
    for (const v of Object.values(VARIANTS)) {
      for (const e of env(render(v)).values()) {
        // A composed list may only reference variables (`$(NAME)`), never hold a key itself.
        if (/KEYS|PASSWORD|SECRET|ACCESS_KEY/.test(e.name) && e.value !== undefined)
          assert.match(e.value, /^\$\([A-Z_]+\)(,\$\([A-Z_]+\))*$/, e.name);
        if (/KEY$|PASSWORD|SECRET/.test(e.name)) assert.equal(e.value, undefined, e.name);
        assert.doesNotMatch(e.name, /^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)$/);
      }
    }
  });

  it('syncs the Secrets Manager secrets through the Secrets Store CSI driver with Pod Identity', () => {
    const names = awsNames(r.blueprint);
    const spc = one(r, 'SecretProviderClass', 'weaviate-secrets', 'weaviate') as unknown as {
      spec: { provider: string; parameters: Record<string, string>; secretObjects: { secretName: string }[] };
    };
    assert.equal(spc.spec.provider, 'aws');
    assert.equal(spc.spec.parameters.usePodIdentity, 'true');
    assert.match(spc.spec.parameters.objects!, new RegExp(`objectName: ${names.apiKeysSecret}\\n`));
    assert.match(spc.spec.parameters.objects!, new RegExp(`objectName: ${names.clusterAuthSecret}\\n`));
    assert.match(spc.spec.parameters.objects!, new RegExp(`objectName: ${names.backupApiKeySecret}\\n`));
    assert.deepEqual(
      spc.spec.secretObjects.map((s) => s.secretName),
      ['weaviate-api-keys', 'weaviate-cluster-auth', 'weaviate-backup-api-key'],
    );
  });

  it('enables RBAC with the root users and never the admin list alongside', () => {
    assert.equal(envValue(r, 'AUTHORIZATION_RBAC_ENABLED'), 'true');
    assert.equal(envValue(r, 'AUTHORIZATION_RBAC_ROOT_USERS'), 'admin');
    assert.equal(env(r).has('AUTHORIZATION_ADMINLIST_ENABLED'), false);
    const admin = render(VARIANTS['admin list']!);
    assert.equal(envValue(admin, 'AUTHORIZATION_ADMINLIST_ENABLED'), 'true');
    // The admin list has no narrower role: the backup user is an admin there (docs/backup-restore.md).
    assert.equal(envValue(admin, 'AUTHORIZATION_ADMINLIST_USERS'), 'admin,backup');
    assert.equal(envValue(admin, 'AUTHORIZATION_ADMINLIST_READONLY_USERS'), 'viewer');
    assert.equal(
      [...env(admin).keys()].some((k) => k.startsWith('AUTHORIZATION_RBAC')),
      false,
    );
  });

  it('configures OIDC only when enabled', () => {
    assert.equal(envValue(r, 'AUTHENTICATION_OIDC_ENABLED'), 'false');
    assert.equal(env(r).has('AUTHENTICATION_OIDC_ISSUER'), false);
    const o = render(VARIANTS.oidc!);
    assert.equal(envValue(o, 'AUTHENTICATION_OIDC_ENABLED'), 'true');
    assert.equal(envValue(o, 'AUTHENTICATION_OIDC_ISSUER'), 'https://login.example.com/realms/main');
    assert.equal(envValue(o, 'AUTHENTICATION_OIDC_CLIENT_ID'), 'weaviate');
    assert.equal(envValue(o, 'AUTHENTICATION_OIDC_USERNAME_CLAIM'), 'email');
    assert.equal(envValue(o, 'AUTHENTICATION_OIDC_GROUPS_CLAIM'), 'groups');
    assert.equal(envValue(o, 'AUTHORIZATION_RBAC_ROOT_GROUPS'), 'weaviate-admins');
  });

  it('wires the cluster ports, basic auth and Raft for the replica count', () => {
    assert.equal(envValue(r, 'CLUSTER_GOSSIP_BIND_PORT'), '7946');
    assert.equal(envValue(r, 'CLUSTER_DATA_BIND_PORT'), '7947');
    assert.equal(envValue(r, 'RAFT_JOIN'), 'weaviate-0,weaviate-1,weaviate-2');
    assert.equal(envValue(r, 'RAFT_BOOTSTRAP_EXPECT'), '3');
    assert.deepEqual(env(r).get('CLUSTER_BASIC_AUTH_PASSWORD')?.valueFrom, {
      secretKeyRef: { name: 'weaviate-cluster-auth', key: 'password' },
    });
    const five = render(VARIANTS['five replicas, custom ports']!);
    assert.equal(envValue(five, 'RAFT_JOIN'), 'weaviate-0,weaviate-1,weaviate-2,weaviate-3,weaviate-4');
    assert.equal(envValue(five, 'RAFT_BOOTSTRAP_EXPECT'), '5');
    assert.equal(envValue(five, 'CLUSTER_GOSSIP_BIND_PORT'), '7000');
    assert.equal(envValue(five, 'CLUSTER_DATA_BIND_PORT'), '7001');
  });

  it('replicates with factor 3, backs up to the stack bucket, exports metrics, no profiling, no telemetry', () => {
    const names = awsNames(r.blueprint);
    assert.equal(envValue(r, 'REPLICATION_MINIMUM_FACTOR'), '3');
    assert.equal(envValue(r, 'ENABLE_MODULES'), 'backup-s3');
    assert.equal(envValue(r, 'BACKUP_S3_BUCKET'), names.backupBucket);
    assert.equal(envValue(r, 'BACKUP_S3_PATH'), 'weaviate');
    assert.equal(envValue(r, 'AWS_REGION'), 'us-east-1');
    assert.equal(envValue(r, 'BACKUP_S3_USE_SSL'), 'true');
    assert.equal(envValue(r, 'PROMETHEUS_MONITORING_ENABLED'), 'true');
    assert.equal(envValue(r, 'GO_PROFILING_DISABLE'), 'true');
    assert.equal(envValue(r, 'DISABLE_TELEMETRY'), 'true');
    assert.equal(envValue(r, 'GOMEMLIMIT'), '13107MiB');
  });
});

describe('Weaviate Services', () => {
  const r = render({});
  const svc = (name: string) =>
    one(r, 'Service', name, 'weaviate') as unknown as {
      spec: {
        type: string;
        clusterIP?: string;
        publishNotReadyAddresses?: boolean;
        ports: { port: number; protocol: string }[];
      };
    };

  it('publishes the cluster ports on a headless Service, before readiness', () => {
    const h = svc('weaviate-headless');
    assert.equal(h.spec.clusterIP, 'None');
    assert.equal(h.spec.publishNotReadyAddresses, true);
    assert.deepEqual(
      h.spec.ports.map((p) => `${p.port}/${p.protocol}`),
      ['7946/TCP', '7946/UDP', '7947/TCP', '8300/TCP', '8301/TCP'],
    );
  });

  it('serves clients on a ClusterIP for 8080 and 50051 only', () => {
    const c = svc('weaviate');
    assert.equal(c.spec.type, 'ClusterIP');
    assert.deepEqual(
      c.spec.ports.map((p) => p.port),
      [8080, 50051],
    );
    assert.equal(ofKind(r, 'Service').filter((x) => x.metadata.namespace === 'weaviate').length, 3);
  });
});

describe("the rotation function's Role", () => {
  const r = render({});

  it('reads the synced roster and cluster password Secrets, reads and patches the StatefulSet and deletes its pods, each by name, and nothing else', () => {
    const role = one(r, 'Role', 'api-key-rollout', 'weaviate') as unknown as { rules: unknown[] };
    assert.deepEqual(role.rules, [
      {
        apiGroups: [''],
        resources: ['secrets'],
        resourceNames: ['weaviate-api-keys', 'weaviate-cluster-auth'],
        verbs: ['get'],
      },
      {
        apiGroups: ['apps'],
        resources: ['statefulsets'],
        resourceNames: ['weaviate'],
        verbs: ['get', 'patch'],
      },
      {
        apiGroups: [''],
        resources: ['pods'],
        resourceNames: ['weaviate-0', 'weaviate-1', 'weaviate-2'],
        verbs: ['delete'],
      },
    ]);
    const binding = one(r, 'RoleBinding', 'api-key-rollout', 'weaviate') as unknown as {
      subjects: unknown[];
      roleRef: unknown;
    };
    assert.deepEqual(binding.subjects, [
      { kind: 'Group', name: 'vectorfort:api-key-rollout', apiGroup: 'rbac.authorization.k8s.io' },
    ]);
    assert.deepEqual(binding.roleRef, {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'api-key-rollout',
    });
  });

  it('names the keys the function reads as the SecretProviderClass syncs them', async () => {
    const { ROSTER_SECRET_KEYS } = await import('../../src/rotation/env.js');
    const { API_KEYS_SECRET } = await import('../../src/k8s/weaviate/secrets.js');
    assert.deepEqual(ROSTER_SECRET_KEYS, { keys: API_KEYS_SECRET.keys, users: API_KEYS_SECRET.users });
  });
});
