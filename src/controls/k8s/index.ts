/** The k8s controls, in id order. Each control lives in its own file in this directory. */
import type { Control } from '../types.js';
import { control as databaseNotExposed } from './database-not-exposed.js';
import { control as dedicatedServiceAccount } from './dedicated-service-account.js';
import { control as definedOnce } from './defined-once.js';
import { control as defaultDenyEgress } from './default-deny-egress.js';
import { control as defaultDenyIngress } from './default-deny-ingress.js';
import { control as imagePinned } from './image-pinned.js';
import { control as namespacePssRestricted } from './namespace-pss-restricted.js';
import { control as noMetadataEgress } from './no-metadata-egress.js';
import { control as openEgressPolicies } from './open-egress-policies.js';
import { control as openIngressPolicies } from './open-ingress-policies.js';
import { control as readOnlyRootFilesystem } from './read-only-root-filesystem.js';
import { control as resources } from './resources.js';
import { control as serviceAccountToken } from './service-account-token.js';
import { control as stackManifestsMatch } from './stack-manifests-match.js';

export const controls: readonly Control[] = [
  readOnlyRootFilesystem,
  resources,
  dedicatedServiceAccount,
  serviceAccountToken,
  imagePinned,
  defaultDenyIngress,
  defaultDenyEgress,
  openIngressPolicies,
  openEgressPolicies,
  noMetadataEgress,
  databaseNotExposed,
  namespacePssRestricted,
  stackManifestsMatch,
  definedOnce,
];
