/**
 * Security contexts that pass the Pod Security `restricted` profile with nothing to spare: every field the
 * profile checks is set explicitly at the pod level and again on each container, so a container added later
 * (or an injected sidecar that inherits pod-level settings) cannot silently fall back to a default.
 */
import type { IContainer, IPodSecurityContext, ISecurityContext } from 'kubernetes-models/v1';

/** A non-root user and group present in no base image (files on volumes are group-owned through fsGroup). */
export const NON_ROOT_ID = 10001;

export function restrictedPodSecurityContext(id = NON_ROOT_ID): IPodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: id,
    runAsGroup: id,
    fsGroup: id,
    // Relabelling a large volume on every start delays readiness; only fix ownership when it is wrong.
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function restrictedContainerSecurityContext(id = NON_ROOT_ID): ISecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: id,
    runAsGroup: id,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Returns the container with the restricted security context (overriding whatever it had). */
export function hardened(container: IContainer): IContainer {
  return { ...container, securityContext: restrictedContainerSecurityContext() };
}
