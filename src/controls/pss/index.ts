/** The pss controls, in id order: one per upstream pod-security-admission check. */
import type { Control } from '../types.js';
import { control as allowPrivilegeEscalation } from './allow-privilege-escalation.js';
import { control as appArmorProfile } from './app-armor-profile.js';
import { control as capabilitiesBaseline } from './capabilities-baseline.js';
import { control as capabilitiesRestricted } from './capabilities-restricted.js';
import { control as hostNamespaces } from './host-namespaces.js';
import { control as hostPathVolumes } from './host-path-volumes.js';
import { control as hostPorts } from './host-ports.js';
import { control as hostProbesAndHostLifecycle } from './host-probes-and-host-lifecycle.js';
import { control as privileged } from './privileged.js';
import { control as procMount } from './proc-mount.js';
import { control as procMountRestricted } from './proc-mount-restricted.js';
import { control as restrictedVolumes } from './restricted-volumes.js';
import { control as runAsNonRoot } from './run-as-non-root.js';
import { control as runAsUser } from './run-as-user.js';
import { control as seLinuxOptions } from './se-linux-options.js';
import { control as seccompProfileBaseline } from './seccomp-profile-baseline.js';
import { control as seccompProfileRestricted } from './seccomp-profile-restricted.js';
import { control as sysctls } from './sysctls.js';
import { control as windowsHostProcess } from './windows-host-process.js';

export const controls: readonly Control[] = [
  windowsHostProcess,
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfileBaseline,
  sysctls,
  hostProbesAndHostLifecycle,
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
  capabilitiesRestricted,
  procMountRestricted,
];
