import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortestGapMinutes } from '../../src/contract/cron.js';
import { one, ofKind, podSpecOf, render, type K8sObject } from './helpers.js';

type CronJobSpec = {
  schedule: string;
  concurrencyPolicy: string;
  jobTemplate: {
    spec: {
      backoffLimit: number;
      activeDeadlineSeconds: number;
      template: { metadata: { annotations: Record<string, string> } };
    };
  };
};
const cron = (o: K8sObject) => o.spec as unknown as CronJobSpec;
const env = (o: K8sObject) =>
  new Map((podSpecOf(o)!.containers[0]!.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));

describe('backup and restore-drill CronJobs', () => {
  const r = render({});
  const backup = one(r, 'CronJob', 'weaviate-backup', 'weaviate');
  const drill = one(r, 'CronJob', 'weaviate-restore-drill', 'weaviate');
  const role = one(r, 'CronJob', 'weaviate-backup-role', 'weaviate');

  it('backs up every 6 hours in production and daily in development, never overlapping or retrying', () => {
    assert.equal(cron(backup).schedule, '0 */6 * * *');
    assert.equal(
      cron(one(render({ preset: 'development' }), 'CronJob', 'weaviate-backup', 'weaviate')).schedule,
      '0 2 * * *',
    );
    for (const job of [backup, drill, role]) {
      assert.equal(cron(job).concurrencyPolicy, 'Forbid');
      assert.equal(cron(job).jobTemplate.spec.backoffLimit, 0);
      // A run ends before the next slot, so the controller never skips one.
      assert.ok(
        cron(job).jobTemplate.spec.activeDeadlineSeconds < shortestGapMinutes(cron(job).schedule) * 60,
      );
    }
    assert.equal(backup.metadata.annotations?.['vectorfort.dev/rpo-hours'], '24');
    assert.equal(cron(drill).schedule, '0 4 1 * *');
  });

  it('ends every run before the next slot, on an uneven schedule too', () => {
    // The default: the 2-hour timeout, the metrics linger and 2 minutes, well inside 6 hours.
    assert.equal(cron(backup).jobTemplate.spec.activeDeadlineSeconds, 120 * 60 + 75 + 120);
    // Midnight and 01:00: the deadline fits the one-hour gap, not the 23-hour one.
    const uneven = (timeoutMinutes: number) =>
      cron(
        one(
          render({ backup: { schedule: '0 0,1 * * *', timeoutMinutes } }),
          'CronJob',
          'weaviate-backup',
          'weaviate',
        ),
      ).jobTemplate.spec.activeDeadlineSeconds;
    assert.equal(uneven(45), 45 * 60 + 75 + 120);
    // A timeout close to the gap: cut a minute short of the next slot.
    assert.equal(uneven(59), 3600 - 60);
  });

  it('runs each job under the restricted profile, read-only, with its own service account and no API token but the drill', () => {
    const accounts = new Set<string>();
    for (const job of [backup, drill, role]) {
      const pod = podSpecOf(job)!;
      assert.equal(pod.securityContext?.runAsNonRoot, true);
      assert.equal(pod.securityContext?.seccompProfile?.type, 'RuntimeDefault');
      const c = pod.containers[0]!;
      assert.equal(c.securityContext?.readOnlyRootFilesystem, true);
      assert.equal(c.securityContext?.allowPrivilegeEscalation, false);
      assert.deepEqual(c.securityContext?.capabilities, { drop: ['ALL'] });
      assert.equal(pod.automountServiceAccountToken, false);
      accounts.add(pod.serviceAccountName!);
      assert.equal(
        cron(job).jobTemplate.spec.template.metadata.annotations['proxy.istio.io/config'],
        '{"holdApplicationUntilProxyStarts": true}',
      );
    }
    assert.deepEqual([...accounts].sort(), [
      'weaviate-backup',
      'weaviate-backup-role',
      'weaviate-restore-drill',
    ]);
    // Only the drill calls the Kubernetes API, with a short-lived projected token.
    const projected = podSpecOf(drill)!.volumes!.find((v) => v.name === 'kube-api-access')!.projected!;
    assert.equal(projected.sources![0]!.serviceAccountToken!.expirationSeconds, 3600);
    assert.equal(
      podSpecOf(backup)!.volumes!.some((v) => v.name === 'kube-api-access'),
      false,
    );
  });

  it('gives the backup and drill jobs the backup user key only, and the reconciler the root keys', () => {
    const ref = (secret: string, key: string) => ({ secretKeyRef: { name: secret, key } });
    assert.deepEqual(env(backup).get('VF_BACKUP_API_KEY'), ref('weaviate-backup-api-key', 'api-key'));
    assert.deepEqual(env(drill).get('VF_BACKUP_API_KEY'), ref('weaviate-backup-api-key', 'api-key'));
    assert.equal(env(backup).has('VF_ROOT_API_KEYS'), false);
    assert.equal(env(drill).has('VF_ROOT_API_KEYS'), false);
    assert.deepEqual(env(role).get('VF_ROOT_API_KEYS'), ref('weaviate-api-keys', 'allowed-keys'));
    assert.equal(env(role).get('VF_ROOT_USER'), 'admin');
    assert.equal(env(role).get('VF_BACKUP_ROLE'), 'vectorfort-backup');
  });

  it('runs the bundled program from its ConfigMap on the pinned Node.js image', () => {
    const cm = one(r, 'ConfigMap', 'weaviate-backup-jobs', 'weaviate') as unknown as {
      binaryData: Record<string, string>;
    };
    assert.ok(cm.binaryData['jobs.cjs.gz']!.length > 10_000);
    const c = podSpecOf(backup)!.containers[0]!;
    assert.equal(
      c.image,
      '111111111111.dkr.ecr.us-east-1.amazonaws.com/vectorfort-mirror/library/node:22.21.1-alpine3.22',
    );
    assert.deepEqual(c.command, ['/bin/sh', '-c', 'gunzip -c /opt/vectorfort/jobs.cjs.gz | exec node -']);
    const digest = `sha256:${'a'.repeat(64)}`;
    const pinned = render({ backup: { jobImage: { digest } } });
    assert.match(
      podSpecOf(one(pinned, 'CronJob', 'weaviate-backup', 'weaviate'))!.containers[0]!.image!,
      new RegExp(`@${digest}$`),
    );
  });

  it('keeps the scratch Weaviate at zero replicas in its own namespace, with only the drill key and volumes deleted on scale-down', () => {
    const sts = one(r, 'StatefulSet', 'weaviate-scratch', 'weaviate-restore-drill') as unknown as {
      spec: { replicas: number; persistentVolumeClaimRetentionPolicy: unknown };
    } & K8sObject;
    assert.equal(sts.spec.replicas, 0);
    assert.deepEqual(sts.spec.persistentVolumeClaimRetentionPolicy, {
      whenDeleted: 'Delete',
      whenScaled: 'Delete',
    });
    const scratchEnv = env(sts);
    const key = { secretKeyRef: { name: 'weaviate-scratch-credentials', key: 'api-key' } };
    assert.deepEqual(scratchEnv.get('AUTHENTICATION_APIKEY_ALLOWED_KEYS'), key);
    assert.equal(scratchEnv.get('AUTHENTICATION_APIKEY_USERS'), 'restore-drill');
    assert.equal(scratchEnv.get('AUTHORIZATION_RBAC_ROOT_USERS'), 'restore-drill');
    assert.equal(scratchEnv.get('RAFT_JOIN'), 'weaviate-scratch-0,weaviate-scratch-1,weaviate-scratch-2');
    const secrets = [...scratchEnv.values()].flatMap((v) =>
      typeof v === 'object' && v?.secretKeyRef ? [v.secretKeyRef.name] : [],
    );
    assert.ok(secrets.length > 0);
    assert.deepEqual([...new Set(secrets)], ['weaviate-scratch-credentials']);
    assert.equal(
      podSpecOf(sts)!.volumes!.some((v) => v.csi),
      false,
    );
  });

  it("lets the drill patch only the scratch's Secret and scale, in the scratch namespace", () => {
    const roleObj = one(r, 'Role', 'weaviate-restore-drill', 'weaviate-restore-drill') as unknown as {
      rules: { resources: string[]; resourceNames: string[]; verbs: string[] }[];
    };
    assert.deepEqual(
      roleObj.rules.map((x) => [x.resources[0], x.resourceNames[0], x.verbs.join(',')]),
      [
        ['secrets', 'weaviate-scratch-credentials', 'get,patch'],
        ['statefulsets', 'weaviate-scratch', 'get'],
        ['statefulsets/scale', 'weaviate-scratch', 'get,patch'],
      ],
    );
    assert.equal(ofKind(r, 'ClusterRole').length, 0);
  });

  it('closes the scratch namespace like production and leaves it out when the drill is off', () => {
    const ns = one(r, 'Namespace', 'weaviate-restore-drill');
    assert.equal(ns.metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted');
    assert.equal(ns.metadata.labels?.['istio-injection'], 'enabled');
    const deny = one(r, 'NetworkPolicy', 'default-deny-all', 'weaviate-restore-drill');
    assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    one(r, 'PeerAuthentication', 'default', 'weaviate-restore-drill');
    const off = render({ backup: { restoreDrill: { enabled: false } } });
    assert.equal(
      off.objects.some((o) => o.metadata.namespace === 'weaviate-restore-drill'),
      false,
    );
    assert.equal(
      off.objects.some((o) => o.kind === 'CronJob' && o.metadata.name === 'weaviate-restore-drill'),
      false,
    );
    one(off, 'CronJob', 'weaviate-backup', 'weaviate');
  });
});
