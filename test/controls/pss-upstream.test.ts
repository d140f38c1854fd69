/**
 * Agreement with kubernetes/pod-security-admission (latest policy version): each case is a pod and the verdict
 * upstream's check gives it, with upstream's forbidden reason and detail where it forbids. Pods start from a
 * restricted-compliant base so that only the check under test decides.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { controls } from '../../src/controls/pss/index.js';
import { inventoryFromObjects } from '../../src/inventory/index.js';

type Obj = Record<string, unknown>;

const ctr = (name: string, sc: Obj = {}, extra: Obj = {}): Obj => ({
  name,
  image: 'registry.k8s.io/pause',
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...sc },
  ...extra,
});

/** The restricted base pod: one init container and one container. */
const base = (patch: Obj = {}, c1: Obj = {}, i1: Obj = {}): Obj => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  initContainers: [ctr('initcontainer1', i1)],
  containers: [ctr('container1', c1)],
  ...patch,
});

interface Case {
  readonly check: string;
  readonly name: string;
  readonly spec: Obj;
  readonly annotations?: Record<string, string>;
  /** `true` when allowed, else upstream's `reason (detail)`. */
  readonly expect: true | string;
}

const cases: Case[] = [
  // windowsHostProcess
  { check: 'windowsHostProcess', name: 'unset', spec: base(), expect: true },
  {
    check: 'windowsHostProcess',
    name: 'pod and both containers',
    spec: base(
      { securityContext: { runAsNonRoot: true, windowsOptions: { hostProcess: true } } },
      { windowsOptions: { hostProcess: true } },
      { windowsOptions: { hostProcess: true } },
    ),
    expect:
      'hostProcess (pod and containers "initcontainer1", "container1" must not set securityContext.windowsOptions.hostProcess=true)',
  },
  {
    check: 'windowsHostProcess',
    name: 'false',
    spec: base({}, { windowsOptions: { hostProcess: false } }),
    expect: true,
  },
  // hostNamespaces
  {
    check: 'hostNamespaces',
    name: 'all three',
    spec: base({ hostNetwork: true, hostPID: true, hostIPC: true }),
    expect: 'host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)',
  },
  { check: 'hostNamespaces', name: 'explicit false', spec: base({ hostPID: false }), expect: true },
  // privileged
  {
    check: 'privileged',
    name: 'init container',
    spec: base({}, {}, { privileged: true }),
    expect: 'privileged (container "initcontainer1" must not set securityContext.privileged=true)',
  },
  {
    check: 'privileged',
    name: 'ephemeral container',
    spec: base({ ephemeralContainers: [ctr('debugger', { privileged: true })] }),
    expect: 'privileged (container "debugger" must not set securityContext.privileged=true)',
  },
  { check: 'privileged', name: 'false', spec: base({}, { privileged: false }), expect: true },
  // capabilities_baseline
  {
    check: 'capabilities_baseline',
    name: 'lower case is not a known capability',
    spec: base({}, { capabilities: { add: ['chown'] } }),
    expect:
      'non-default capabilities (container "container1" must not include "chown" in securityContext.capabilities.add)',
  },
  {
    check: 'capabilities_baseline',
    name: 'CAP_ prefix is not accepted',
    spec: base({}, { capabilities: { add: ['CAP_CHOWN'] } }),
    expect:
      'non-default capabilities (container "container1" must not include "CAP_CHOWN" in securityContext.capabilities.add)',
  },
  {
    check: 'capabilities_baseline',
    name: 'every default capability',
    spec: base(
      {},
      {
        capabilities: {
          add: [
            'AUDIT_WRITE',
            'CHOWN',
            'DAC_OVERRIDE',
            'FOWNER',
            'FSETID',
            'KILL',
            'MKNOD',
            'NET_BIND_SERVICE',
          ],
        },
      },
      { capabilities: { add: ['SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'] } },
    ),
    expect: true,
  },
  {
    check: 'capabilities_baseline',
    name: 'two containers, sorted capability list',
    spec: base(
      {},
      { capabilities: { add: ['SYS_TIME', 'NET_RAW'] } },
      { capabilities: { add: ['NET_RAW'] } },
    ),
    expect:
      'non-default capabilities (containers "initcontainer1", "container1" must not include "NET_RAW", "SYS_TIME" in securityContext.capabilities.add)',
  },
  // hostPathVolumes
  {
    check: 'hostPathVolumes',
    name: 'two hostPath volumes',
    spec: base({
      volumes: [
        { name: 'a', hostPath: { path: '/a' } },
        { name: 'b', hostPath: { path: '/b' } },
      ],
    }),
    expect: 'hostPath volumes (volumes "a", "b")',
  },
  {
    check: 'hostPathVolumes',
    name: 'nfs is baseline-allowed',
    spec: base({ volumes: [{ name: 'n', nfs: {} }] }),
    expect: true,
  },
  // hostPorts
  {
    check: 'hostPorts',
    name: 'containerPort only, and hostPort 0',
    spec: {
      ...base(),
      containers: [
        ctr('container1', {}, { ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 0 }] }),
      ],
    },
    expect: true,
  },
  {
    check: 'hostPorts',
    name: 'ports on both containers',
    spec: {
      ...base(),
      initContainers: [ctr('initcontainer1', {}, { ports: [{ containerPort: 1, hostPort: 12346 }] })],
      containers: [ctr('container1', {}, { ports: [{ containerPort: 1, hostPort: 12345 }] })],
    },
    expect: 'hostPort (containers "initcontainer1", "container1" use hostPorts 12345, 12346)',
  },
  {
    check: 'hostPorts',
    name: 'host network defaults hostPort to containerPort',
    spec: {
      ...base({ hostNetwork: true }),
      containers: [ctr('container1', {}, { ports: [{ containerPort: 8080 }] })],
    },
    expect: 'hostPort (container "container1" uses hostPort 8080)',
  },
  // appArmorProfile
  {
    check: 'appArmorProfile',
    name: 'unconfined annotation',
    spec: base(),
    annotations: { 'container.apparmor.security.beta.kubernetes.io/container1': 'unconfined' },
    expect:
      'forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/container1="unconfined"")',
  },
  {
    check: 'appArmorProfile',
    name: 'empty and allowed annotation values',
    spec: base(),
    annotations: {
      'container.apparmor.security.beta.kubernetes.io/container1': 'runtime/default',
      'container.apparmor.security.beta.kubernetes.io/initcontainer1': '',
    },
    expect: true,
  },
  {
    check: 'appArmorProfile',
    name: 'pod field and container field',
    spec: base(
      { securityContext: { runAsNonRoot: true, appArmorProfile: { type: 'Unconfined' } } },
      { appArmorProfile: { type: 'Unconfined' } },
    ),
    expect:
      'forbidden AppArmor profile (pod and container "container1" must not set AppArmor profile type to "Unconfined")',
  },
  // seLinuxOptions
  {
    check: 'seLinuxOptions',
    name: 'container_init_t and level',
    spec: base({}, { seLinuxOptions: { type: 'container_init_t', level: 's0' } }),
    expect: true,
  },
  {
    check: 'seLinuxOptions',
    name: 'type, user and role together',
    spec: base({}, { seLinuxOptions: { type: 'spc_t', user: 'u', role: 'r' } }),
    expect:
      'seLinuxOptions (container "container1" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set; role may not be set)',
  },
  // procMount
  {
    check: 'procMount',
    name: 'unmasked in the host user namespace',
    spec: base({}, { procMount: 'Unmasked' }),
    expect: 'procMount (container "container1" must not set securityContext.procMount to "Unmasked")',
  },
  {
    check: 'procMount',
    name: 'unmasked with hostUsers false',
    spec: base({ hostUsers: false }, { procMount: 'Unmasked' }),
    expect: true,
  },
  {
    check: 'procMount_restricted',
    name: 'unmasked with hostUsers false',
    spec: base({ hostUsers: false }, { procMount: 'Unmasked' }),
    expect: 'procMount (container "container1" must not set securityContext.procMount to "Unmasked")',
  },
  // seccompProfile_baseline
  {
    check: 'seccompProfile_baseline',
    name: 'unset everywhere',
    spec: { containers: [{ name: 'c', image: 'i' }] },
    expect: true,
  },
  {
    check: 'seccompProfile_baseline',
    name: 'unconfined on the init container',
    spec: base({}, {}, { seccompProfile: { type: 'Unconfined' } }),
    expect:
      'seccompProfile (container "initcontainer1" must not set securityContext.seccompProfile.type to "Unconfined")',
  },
  {
    check: 'seccompProfile_baseline',
    name: 'legacy annotation is not read since v1.19',
    spec: base(),
    annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' },
    expect: true,
  },
  // sysctls
  {
    check: 'sysctls',
    name: 'latest safe set',
    spec: base({
      securityContext: {
        runAsNonRoot: true,
        sysctls: [
          'net.ipv4.ip_local_reserved_ports',
          'net.ipv4.tcp_fin_timeout',
          'net.ipv4.tcp_wmem',
          'net.ipv4.tcp_slow_start_after_idle',
        ].map((name) => ({ name, value: '1' })),
      },
    }),
    expect: true,
  },
  {
    check: 'sysctls',
    name: 'unsafe names, in order',
    spec: base({
      securityContext: {
        sysctls: [
          { name: 'kernel.msgmax', value: '1' },
          { name: 'a', value: '2' },
        ],
      },
    }),
    expect: 'forbidden sysctls (kernel.msgmax, a)',
  },
  // hostProbesAndHostLifecycle
  {
    check: 'hostProbesAndHostLifecycle',
    name: 'handlers without host',
    spec: {
      ...base(),
      containers: [
        ctr(
          'container1',
          {},
          {
            readinessProbe: { httpGet: { port: 80, path: '/' } },
            lifecycle: { preStop: { tcpSocket: { port: 80, host: '' } } },
          },
        ),
      ],
    },
    expect: true,
  },
  {
    check: 'hostProbesAndHostLifecycle',
    name: 'hosts on two containers',
    spec: {
      ...base(),
      initContainers: [
        ctr('initcontainer1', {}, { lifecycle: { postStart: { httpGet: { port: 1, host: 'b.example' } } } }),
      ],
      containers: [ctr('container1', {}, { livenessProbe: { tcpSocket: { port: 1, host: 'a.example' } } })],
    },
    expect:
      'probe or lifecycle host (containers "container1", "initcontainer1" use probe or lifecycle hosts "a.example", "b.example")',
  },
  // restrictedVolumes
  {
    check: 'restrictedVolumes',
    name: 'a volume without a source defaults to emptyDir',
    spec: base({
      volumes: [
        { name: 'v' },
        { name: 'e', ephemeral: { volumeClaimTemplate: {} } },
        { name: 'c', csi: { driver: 'd' } },
      ],
    }),
    expect: true,
  },
  {
    check: 'restrictedVolumes',
    name: 'two volumes of two types',
    spec: base({
      volumes: [
        { name: 'g', gitRepo: { repository: 'r' } },
        { name: 'h', hostPath: { path: '/' } },
      ],
    }),
    expect: 'restricted volume types (volumes "g", "h" use restricted volume types "gitRepo", "hostPath")',
  },
  // allowPrivilegeEscalation
  {
    check: 'allowPrivilegeEscalation',
    name: 'unset on one container',
    spec: { ...base(), containers: [{ name: 'container1', image: 'i', securityContext: {} }] },
    expect:
      'allowPrivilegeEscalation != false (container "container1" must set securityContext.allowPrivilegeEscalation=false)',
  },
  {
    check: 'allowPrivilegeEscalation',
    name: 'windows pods are exempt',
    spec: { ...base(), os: { name: 'windows' }, containers: [{ name: 'container1', image: 'i' }] },
    expect: true,
  },
  // runAsNonRoot
  {
    check: 'runAsNonRoot',
    name: 'container true overrides unset pod',
    spec: base({ securityContext: {} }, { runAsNonRoot: true }, { runAsNonRoot: true }),
    expect: true,
  },
  {
    check: 'runAsNonRoot',
    name: 'unset on pod and one container',
    spec: base({ securityContext: {} }, { runAsNonRoot: true }),
    expect:
      'runAsNonRoot != true (pod or container "initcontainer1" must set securityContext.runAsNonRoot=true)',
  },
  {
    check: 'runAsNonRoot',
    name: 'container false beats pod true',
    spec: base({}, { runAsNonRoot: false }),
    expect: 'runAsNonRoot != true (container "container1" must not set securityContext.runAsNonRoot=false)',
  },
  {
    check: 'runAsNonRoot',
    name: 'pod false even when containers are true',
    spec: base({ securityContext: { runAsNonRoot: false } }, { runAsNonRoot: true }, { runAsNonRoot: true }),
    expect: 'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)',
  },
  // runAsUser
  {
    check: 'runAsUser',
    name: 'pod and container 0',
    spec: base({ securityContext: { runAsNonRoot: true, runAsUser: 0 } }, { runAsUser: 0 }),
    expect: 'runAsUser=0 (pod and container "container1" must not set runAsUser=0)',
  },
  { check: 'runAsUser', name: 'non-zero', spec: base({}, { runAsUser: 1000 }), expect: true },
  // seccompProfile_restricted
  {
    check: 'seccompProfile_restricted',
    name: 'container Localhost overrides unset pod only for that container',
    spec: base(
      { securityContext: { runAsNonRoot: true } },
      { seccompProfile: { type: 'Localhost', localhostProfile: 'p' } },
    ),
    expect:
      'seccompProfile (pod or container "initcontainer1" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
  },
  {
    check: 'seccompProfile_restricted',
    name: 'container Unconfined beats pod RuntimeDefault',
    spec: base({}, { seccompProfile: { type: 'Unconfined' } }),
    expect:
      'seccompProfile (container "container1" must not set securityContext.seccompProfile.type to "Unconfined")',
  },
  {
    check: 'seccompProfile_restricted',
    name: 'windows pods are exempt',
    spec: { os: { name: 'windows' }, containers: [{ name: 'c', image: 'i' }] },
    expect: true,
  },
  // capabilities_restricted
  {
    check: 'capabilities_restricted',
    name: 'missing drop and extra add on different containers',
    spec: base(
      {},
      { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'CHOWN'] } },
      { capabilities: {} },
    ),
    expect:
      'unrestricted capabilities (container "initcontainer1" must set securityContext.capabilities.drop=["ALL"]; container "container1" must not include "CHOWN" in securityContext.capabilities.add)',
  },
  {
    check: 'capabilities_restricted',
    name: 'lower-case all is not ALL',
    spec: base({}, { capabilities: { drop: ['all'] } }),
    expect:
      'unrestricted capabilities (container "container1" must set securityContext.capabilities.drop=["ALL"])',
  },
];

function verdict(checkName: string, spec: Obj, annotations?: Record<string, string>) {
  const control = controls.find((c) => c.frameworks['k8s-pss']?.[1] === checkName);
  assert.ok(control, `no control for ${checkName}`);
  const inventory = inventoryFromObjects({
    manifests: [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', annotations }, spec },
    ],
  });
  const results = control.check(inventory, { now: new Date('2026-11-22T00:00:00Z') });
  assert.equal(results.length, 1);
  assert.equal(results[0]!.resource.id, 'ns/p');
  assert.equal(results[0]!.resource.type, 'v1/Pod');
  return results[0]!;
}

describe('PSS controls agree with pod-security-admission', () => {
  it('covers every check with at least 40 cases', () => {
    assert.ok(cases.length >= 40);
    for (const c of controls)
      assert.ok(
        cases.some((x) => x.check === c.frameworks['k8s-pss']?.[1]),
        c.id,
      );
  });
  for (const c of cases)
    it(`${c.check}: ${c.name}`, () => {
      const r = verdict(c.check, c.spec, c.annotations);
      if (c.expect === true) assert.equal(r.status, 'pass', r.message);
      else assert.deepEqual({ status: r.status, message: r.message }, { status: 'fail', message: c.expect });
    });

  it('reports unknown, never pass, when a field is symbolic or of the wrong type', () => {
    for (const [check, spec] of [
      ['privileged', base({}, { privileged: 'true' })],
      ['runAsUser', base({ securityContext: { runAsUser: '0' } })],
      ['hostNamespaces', base({ hostNetwork: 1 })],
    ] as const)
      assert.equal(verdict(check, spec).status, 'unknown', check);
  });

  it('reports unknown for a field a template leaves unresolved, and evaluates the rest', () => {
    // The manifest as CDK embeds it: JSON text joined around a parameter that is chosen at deploy time (it has no default).
    const [before, after] =
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns"},"spec":{"hostNetwork":HOST,"containers":[{"name":"c","image":"i"}]}}'.split(
        'HOST',
      );
    const inventory = inventoryFromObjects({
      templates: {
        Stack: {
          Parameters: { HostNetwork: { Type: 'String' } },
          Resources: {
            Symbolic: {
              Type: 'Custom::AWSCDK-EKS-KubernetesResource',
              Properties: {
                Manifest: { 'Fn::Join': ['', ['[', before, { Ref: 'HostNetwork' }, after, ']']] },
              },
            },
          },
        },
      },
    });
    const hostNamespaces = controls.find((c) => c.id === 'VF-PSS-002')!;
    const privileged = controls.find((c) => c.id === 'VF-PSS-003')!;
    const now = new Date('2026-11-22T00:00:00Z');
    assert.deepEqual(
      hostNamespaces.check(inventory, { now }).map((r) => r.status),
      ['unknown'],
    );
    assert.deepEqual(
      privileged.check(inventory, { now }).map((r) => r.status),
      ['pass'],
    );
  });

  it('evaluates every pod template of every workload kind', () => {
    const spec = base({ hostPID: true });
    const wrap = (kind: string, apiVersion: string, body: Obj) => ({
      apiVersion,
      kind,
      metadata: { name: kind.toLowerCase(), namespace: 'w' },
      ...body,
    });
    const template = { metadata: { labels: { a: 'b' } }, spec };
    const inventory = inventoryFromObjects({
      manifests: [
        wrap('Deployment', 'apps/v1', { spec: { template } }),
        wrap('StatefulSet', 'apps/v1', { spec: { template } }),
        wrap('DaemonSet', 'apps/v1', { spec: { template } }),
        wrap('Job', 'batch/v1', { spec: { template } }),
        wrap('CronJob', 'batch/v1', { spec: { jobTemplate: { spec: { template } } } }),
      ],
    });
    const control = controls.find((c) => c.id === 'VF-PSS-002')!;
    const results = control.check(inventory, { now: new Date() });
    assert.deepEqual(results.map((r) => [r.resource.id, r.status]).sort(), [
      ['w/cronjob', 'fail'],
      ['w/daemonset', 'fail'],
      ['w/deployment', 'fail'],
      ['w/job', 'fail'],
      ['w/statefulset', 'fail'],
    ]);
  });
});
